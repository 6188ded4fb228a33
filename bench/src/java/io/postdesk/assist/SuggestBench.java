package io.postdesk.assist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Offline AI Suggest: hit@1/hit@3 for BM25, embeddings and hybrid, and draft latency at N resolved tickets.
 * Args: resolved tickets for the latency run (default 100000), queries (default 1000), and the evaluation set
 * (default {@code bench/src/resources/ai-eval/tickets.jsonl}; the generated set below when that file is absent).
 *
 * <p>The evaluation set file has one JSON object per line: {@code topic}, {@code lang}, {@code subject}, {@code
 * customer}, {@code resolution}, {@code contact}, {@code heldOut}. The held-out mail of each topic is the query; the
 * others are the index; a hit is a source of the query's topic. It uses {@link ResolvedTickets#rank}, the ranking the
 * product runs, on the in-memory indexes (not HTTP or the database).
 *
 * <p>The generated set (the fallback) is 30 topics, each with wordings in English and some German, French or Spanish;
 * 10 resolved mails per topic, one held-out mail per topic written with a wording the index has not seen.
 */
public final class SuggestBench {

    private static final String[][] TOPICS = {
        {"charged twice", "double charge", "duplicate payment", "zweimal abgebucht", "doble cargo", "billed two times"},
        {"refund", "money back", "reimburse", "Rückerstattung", "remboursement", "reembolso"},
        {"cannot log in", "login fails", "sign in does not work", "Anmeldung geht nicht", "connexion impossible", "no puedo iniciar sesión"},
        {"password reset email", "reset link never arrives", "forgot password", "Passwort vergessen", "mot de passe oublié", "olvidé mi contraseña"},
        {"parcel not delivered", "package never arrived", "delivery missing", "Paket nicht angekommen", "colis pas livré", "paquete no llegó"},
        {"tracking not updating", "tracking stuck", "tracking number shows nothing", "Sendungsverfolgung", "suivi bloqué", "seguimiento parado"},
        {"wrong item received", "sent the wrong product", "different article in the box", "falscher Artikel", "mauvais article", "artículo equivocado"},
        {"damaged item", "arrived broken", "product is cracked", "beschädigt angekommen", "arrivé cassé", "llegó roto"},
        {"cancel my subscription", "stop the subscription", "end my plan", "Abo kündigen", "résilier abonnement", "cancelar suscripción"},
        {"change delivery address", "update shipping address", "wrong address on order", "Lieferadresse ändern", "changer adresse livraison", "cambiar dirección"},
        {"invoice missing", "need an invoice", "receipt for my purchase", "Rechnung fehlt", "facture manquante", "necesito factura"},
        {"app crashes on start", "application crashes", "app closes immediately", "App stürzt ab", "application plante", "la aplicación se cierra"},
        {"export to csv fails", "csv export broken", "cannot download export", "Export funktioniert nicht", "export csv échoue", "exportar csv falla"},
        {"two factor code not received", "2fa sms missing", "authenticator code rejected", "Zwei-Faktor Code", "code double authentification", "código de verificación"},
        {"upgrade my plan", "switch to premium", "more seats for team", "Tarif upgraden", "passer au forfait premium", "mejorar mi plan"},
        {"discount code not working", "coupon invalid", "promo code rejected", "Gutscheincode ungültig", "code promo refusé", "cupón no funciona"},
        {"delete my account", "close my account", "remove all my data", "Konto löschen", "supprimer mon compte", "eliminar mi cuenta"},
        {"gdpr data request", "copy of my personal data", "what data you store", "Datenauskunft DSGVO", "accès à mes données RGPD", "solicitud de datos RGPD"},
        {"return label", "how to return", "send the item back", "Rücksendeetikett", "étiquette de retour", "etiqueta de devolución"},
        {"exchange size", "swap for a bigger size", "shoes too small exchange", "Größe umtauschen", "échanger la taille", "cambiar la talla"},
        {"payment declined", "card was rejected", "checkout payment fails", "Zahlung abgelehnt", "paiement refusé", "pago rechazado"},
        {"email notifications not arriving", "no notification emails", "alerts stopped", "keine Benachrichtigungen", "pas de notifications", "no llegan notificaciones"},
        {"slow loading dashboard", "page takes forever", "site is very slow", "Seite lädt langsam", "site très lent", "la página carga lento"},
        {"api rate limit", "429 too many requests", "api throttled", "API Limit erreicht", "limite api atteinte", "límite de la api"},
        {"integration with slack broken", "slack messages stopped", "slack app disconnected", "Slack Integration", "intégration slack", "integración con slack"},
        {"order cancellation", "cancel my order", "do not ship the order", "Bestellung stornieren", "annuler ma commande", "cancelar mi pedido"},
        {"late delivery compensation", "delivery was very late", "express shipping arrived late", "Lieferung verspätet", "livraison en retard", "entrega retrasada"},
        {"change email address on account", "update my login email", "new email for my account", "E-Mail-Adresse ändern", "changer mon adresse email", "cambiar mi correo"},
        {"warranty claim", "product stopped working after months", "repair under warranty", "Garantiefall", "garantie produit", "reclamación de garantía"},
        {"gift card balance", "voucher balance", "redeem gift card", "Geschenkkarte einlösen", "carte cadeau", "tarjeta regalo"},
    };
    private static final String[] FILLER = {
        "Hello team,", "Hi,", "Good morning,", "I hope you can help.", "This is urgent.", "I am a long-time customer.",
        "Order {n} from last week.", "My name is {name}.", "Please get back to me soon.", "Thanks in advance.",
        "I already tried twice.", "Best, {name}", "Sent from my phone", "It happened yesterday evening.",
    };
    private static final String[] NAMES = {"Maria Lopez", "Jonas Weber", "Claire Martin", "Tom Baker", "Ana García"};

    public static void main(String[] args) throws IOException {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path file = Path.of(args.length > 2 ? args[2] : "bench/src/resources/ai-eval/tickets.jsonl");
        List<Mail> set = Files.isRegularFile(file) ? read(file) : generated();
        System.out.printf("Evaluation set: %s, %d mails, %d held out%n",
                Files.isRegularFile(file) ? file : "generated (file absent: " + file + ")", set.size(),
                set.stream().filter(Mail::heldOut).count());
        Embedder embedder = new Embedder();
        long loadStart = System.nanoTime();
        embedder.embed("warm up");
        System.out.printf("Embedding model load + first embedding: %d ms%n", (System.nanoTime() - loadStart) / 1_000_000);
        evaluate(set, embedder);
        if (Files.isRegularFile(file)) {
            leaveOneOut(set, embedder);
        }
        latency(tickets, queries, embedder);
    }

    private static String mail(Random random, int topic, int wording) {
        List<String> parts = new ArrayList<>();
        parts.add(FILLER[random.nextInt(3)]);
        parts.add(FILLER[3 + random.nextInt(FILLER.length - 3)]);
        parts.add("I have a problem: " + TOPICS[topic][wording] + ".");
        if (random.nextBoolean()) {
            parts.add(TOPICS[topic][(wording + 1) % 5] + " again.");
        }
        parts.add(FILLER[3 + random.nextInt(FILLER.length - 3)]);
        return String.join(" ", parts)
                .replace("{n}", "#" + (10_000 + random.nextInt(90_000)))
                .replace("{name}", NAMES[random.nextInt(NAMES.length)]);
    }

    /** One mail of the evaluation set. */
    record Mail(String topic, String lang, String subject, String customer, boolean heldOut) {
        String text() {
            return subject + "\n" + customer;
        }
    }

    private static List<Mail> read(Path file) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Mail> mails = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            mails.add(new Mail(
                    node.path("topic").asString(),
                    node.path("lang").asString(),
                    node.path("subject").asString(),
                    node.path("customer").asString(),
                    node.path("heldOut").asBoolean()));
        }
        return mails;
    }

    private static List<Mail> generated() {
        Random random = new Random(42);
        List<Mail> mails = new ArrayList<>();
        for (int topic = 0; topic < TOPICS.length; topic++) {
            for (int i = 0; i < 10; i++) {
                mails.add(new Mail("t" + topic, "mixed", "Support request", mail(random, topic, i % 5), false));
            }
        }
        for (int topic = 0; topic < TOPICS.length; topic++) {
            // Held-out wording 5 never appears in the index.
            mails.add(new Mail("t" + topic, "mixed", "Support request", mail(random, topic, 5), true));
        }
        return mails;
    }

    private static void evaluate(List<Mail> set, Embedder embedder) {
        Bm25Index words = new Bm25Index();
        VectorIndex meaning = new VectorIndex(Embedder.DIMENSIONS);
        Map<Long, Mail> byId = new HashMap<>();
        List<Mail> queries = new ArrayList<>();
        long id = 0;
        long embedNanos = 0;
        for (Mail mail : set) {
            if (mail.heldOut()) {
                queries.add(mail);
                continue;
            }
            id++;
            byId.put(id, mail);
            words.add(id, mail.text());
            long start = System.nanoTime();
            meaning.add(id, VectorIndex.quantize(embedder.embed(mail.text())));
            embedNanos += System.nanoTime() - start;
        }
        System.out.printf("Embedded %d resolved mails, %.1f ms each on average%n", id, embedNanos / 1e6 / id);
        Map<String, float[]> vectors = new HashMap<>();
        for (Mail query : queries) {
            vectors.put(query.text(), embedder.embed(query.text()));
        }
        System.out.println("| Retrieval | resolved | held out | hit@1 | hit@3 | no source | hit@3 en | hit@3 de/fr/es |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Retrieval retrieval : Retrieval.values()) {
            int hit1 = 0;
            int hit3 = 0;
            int none = 0;
            int english = 0;
            int englishHit3 = 0;
            int otherHit3 = 0;
            for (Mail query : queries) {
                List<Long> ranked = ResolvedTickets.rank(
                        retrieval, words, meaning, vectors.get(query.text()), query.text(), 3, -1);
                List<String> topics = ranked.stream().map(r -> byId.get(r).topic()).toList();
                boolean top = !topics.isEmpty() && topics.getFirst().equals(query.topic());
                boolean in3 = topics.contains(query.topic());
                hit1 += top ? 1 : 0;
                hit3 += in3 ? 1 : 0;
                none += topics.isEmpty() ? 1 : 0;
                if ("en".equals(query.lang())) {
                    english++;
                    englishHit3 += in3 ? 1 : 0;
                } else {
                    otherHit3 += in3 ? 1 : 0;
                }
            }
            int n = queries.size();
            System.out.printf("| %s | %d | %d | %.2f | %.2f | %d | %s | %s |%n", retrieval.name().toLowerCase(), id,
                    n, hit1 / (double) n, hit3 / (double) n, none,
                    english == 0 ? "–" : String.format("%.2f (%d)", englishHit3 / (double) english, english),
                    n == english ? "–" : String.format("%.2f (%d)", otherHit3 / (double) (n - english), n - english));
        }
    }

    /**
     * Every mail of the set against all the others (the held-out split has one query per topic, too few to compare
     * languages): the whole set is indexed once and each mail searches with itself excluded.
     */
    private static void leaveOneOut(List<Mail> set, Embedder embedder) {
        Bm25Index words = new Bm25Index();
        VectorIndex meaning = new VectorIndex(Embedder.DIMENSIONS);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            float[] vector = embedder.embed(set.get(i).text());
            vectors.add(vector);
            words.add(i, set.get(i).text());
            meaning.add(i, VectorIndex.quantize(vector));
        }
        List<String> languages = set.stream().map(Mail::lang).distinct().sorted().toList();
        System.out.println();
        System.out.println("Leave-one-out: each of the " + set.size() + " mails against the others");
        System.out.println("| Retrieval | queries | hit@1 | hit@3 | "
                + String.join(" | ", languages.stream().map(l -> "hit@3 " + l).toList()) + " |");
        System.out.println("|---|---|---|---|" + "---|".repeat(languages.size()));
        for (Retrieval retrieval : Retrieval.values()) {
            int hit1 = 0;
            int hit3 = 0;
            Map<String, int[]> byLanguage = new HashMap<>(); // language → {queries, hits@3}
            for (int i = 0; i < set.size(); i++) {
                Mail query = set.get(i);
                List<String> topics = ResolvedTickets.rank(
                                retrieval, words, meaning, vectors.get(i), query.text(), 3, i)
                        .stream()
                        .map(r -> set.get(r.intValue()).topic())
                        .toList();
                boolean in3 = topics.contains(query.topic());
                hit1 += !topics.isEmpty() && topics.getFirst().equals(query.topic()) ? 1 : 0;
                hit3 += in3 ? 1 : 0;
                int[] counts = byLanguage.computeIfAbsent(query.lang(), l -> new int[2]);
                counts[0]++;
                counts[1] += in3 ? 1 : 0;
            }
            int n = set.size();
            System.out.printf("| %s | %d | %.2f | %.2f | %s |%n", retrieval.name().toLowerCase(), n, hit1 / (double) n,
                    hit3 / (double) n, String.join(" | ", languages.stream()
                            .map(l -> String.format("%.2f (%d)", byLanguage.get(l)[1] / (double) byLanguage.get(l)[0],
                                    byLanguage.get(l)[0]))
                            .toList()));
        }
    }

    /**
     * Draft latency at {@code tickets} resolved tickets for each retrieval: query embedding, BM25, vector scan, fusion
     * and adaptation, as {@code Suggestions} does them (the database read of the 3 winning rows is left out). Embedding
     * 100,000 mails would take the model most of an hour on these cores, so the matrix is filled from 2,000 distinct
     * embedded mails, repeated: the scan costs the same whatever the vectors hold. The query is always embedded live.
     */
    private static void latency(int tickets, int queries, Embedder embedder) {
        Random random = new Random(7);
        Bm25Index words = new Bm25Index();
        VectorIndex meaning = new VectorIndex(Embedder.DIMENSIONS);
        int distinct = Math.min(2_000, tickets);
        byte[][] pool = new byte[distinct][];
        long load = System.nanoTime();
        for (int i = 0; i < tickets; i++) {
            int topic = random.nextInt(TOPICS.length);
            String text = mail(random, topic, random.nextInt(6));
            words.add(i, text);
            if (i < distinct) {
                pool[i] = VectorIndex.quantize(embedder.embed(text));
            }
            meaning.add(i, pool[i % distinct]);
        }
        long loadMillis = (System.nanoTime() - load) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.out.printf("Loaded %d resolved tickets in %d ms (%d embedded); heap used %d MiB%n", tickets, loadMillis,
                distinct, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        String reply = "Hi Maria,\n\nI refunded order #A-48213 to maria@example.com today.\n\nBest regards,\nTom";
        System.out.println("| Retrieval | resolved tickets | draft p50 | p95 | p99 |");
        System.out.println("|---|---|---|---|---|");
        for (Retrieval retrieval : Retrieval.values()) {
            for (int i = 0; i < 100; i++) {
                draft(retrieval, words, meaning, embedder, mail(random, random.nextInt(TOPICS.length), 0), reply);
            }
            long[] micros = new long[queries];
            for (int i = 0; i < queries; i++) {
                String query = mail(random, random.nextInt(TOPICS.length), random.nextInt(6));
                long start = System.nanoTime();
                draft(retrieval, words, meaning, embedder, query, reply);
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            Arrays.sort(micros);
            System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", retrieval.name().toLowerCase(), tickets,
                    micros[queries / 2] / 1000.0, micros[queries * 95 / 100] / 1000.0,
                    micros[queries * 99 / 100] / 1000.0);
        }
    }

    private static void draft(
            Retrieval retrieval, Bm25Index words, VectorIndex meaning, Embedder embedder, String query, String reply) {
        float[] vector = retrieval.embeds() ? embedder.embed(query) : null;
        List<Long> ranked = ResolvedTickets.rank(retrieval, words, meaning, vector, query, 3, -1);
        if (!ranked.isEmpty()) {
            DraftAdapter.adapt(reply, "Maria Lopez", "Jonas Weber", "Alice");
        }
    }
}
