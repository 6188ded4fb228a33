package io.postdesk.assist;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Offline AI Suggest: hit@1/hit@3 on a generated evaluation set, and draft latency at N resolved tickets.
 * Args: resolved tickets for the latency run (default 100000), queries (default 1000).
 *
 * <p>The evaluation set is generated from 30 topics, each with wordings in English and some German, French or
 * Spanish; 10 resolved mails per topic (330 in all with the held-out ones), one held-out mail per topic written with
 * a wording the index has not seen. It measures the in-memory retrieval and adaptation, not HTTP or the database.
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

    public static void main(String[] args) {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        if (Files.exists(EvalSet.DEFAULT)) {
            evaluateHandWritten(EvalSet.load(EvalSet.DEFAULT));
        } else {
            evaluate();
        }
        latency(tickets, queries);
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

    private static void evaluate() {
        Random random = new Random(42);
        Bm25Index index = new Bm25Index();
        long id = 1;
        for (int topic = 0; topic < TOPICS.length; topic++) {
            for (int i = 0; i < 10; i++) {
                // Held-out wording 5 never appears in the index.
                index.add(topic * 1_000L + i, mail(random, topic, i % 5));
                id++;
            }
        }
        int hit1 = 0;
        int hit3 = 0;
        for (int topic = 0; topic < TOPICS.length; topic++) {
            var hits = index.search(mail(random, topic, 5), 3, -1);
            List<Long> topics = hits.stream().map(h -> h.ticketId() / 1_000).toList();
            if (!topics.isEmpty() && topics.getFirst() == topic) {
                hit1++;
            }
            if (topics.contains((long) topic)) {
                hit3++;
            }
        }
        System.out.printf("| BM25, 6-letter stems | %d resolved, %d held out | hit@1 %.2f | hit@3 %.2f |%n",
                id - 1, TOPICS.length, hit1 / (double) TOPICS.length, hit3 / (double) TOPICS.length);
    }

    /**
     * BM25 on the hand-written set: the non-held-out mails' customer text is indexed, each held-out mail is a query,
     * and a hit is its topic among the top 1 / top 3 sources. Printed overall and per language of the query.
     */
    private static void evaluateHandWritten(EvalSet set) {
        Bm25Index index = new Bm25Index();
        List<EvalSet.Ticket> indexed = set.indexed();
        for (int i = 0; i < indexed.size(); i++) {
            index.add(i, indexed.get(i).subject() + "\n" + indexed.get(i).customer());
        }
        Map<String, int[]> byLang = new TreeMap<>(); // lang -> {queries, hit@1, hit@3}
        List<String> misses = new ArrayList<>();
        for (EvalSet.Ticket query : set.heldOut()) {
            List<String> topics = index.search(query.subject() + "\n" + query.customer(), 3, -1).stream()
                    .map(h -> indexed.get((int) h.ticketId()).topic())
                    .toList();
            if (topics.isEmpty() || !topics.getFirst().equals(query.topic())) {
                misses.add(query.topic() + " (" + query.lang() + ") -> " + topics);
            }
            for (String lang : List.of("all", query.lang())) {
                int[] c = byLang.computeIfAbsent(lang, l -> new int[3]);
                c[0]++;
                c[1] += !topics.isEmpty() && topics.getFirst().equals(query.topic()) ? 1 : 0;
                c[2] += topics.contains(query.topic()) ? 1 : 0;
            }
        }
        // 34 held-out queries give coarse figures; leave-one-out (each of the mails against all the others) is
        // the same measurement with ten times the queries, so per-language figures mean something.
        List<EvalSet.Ticket> all = set.tickets();
        Map<String, int[]> looByLang = new TreeMap<>();
        for (int q = 0; q < all.size(); q++) {
            Bm25Index loo = new Bm25Index();
            for (int i = 0; i < all.size(); i++) {
                if (i != q) {
                    loo.add(i, all.get(i).subject() + "\n" + all.get(i).customer());
                }
            }
            EvalSet.Ticket query = all.get(q);
            List<String> topics = loo.search(query.subject() + "\n" + query.customer(), 3, -1).stream()
                    .map(h -> all.get((int) h.ticketId()).topic())
                    .toList();
            for (String lang : List.of("all", query.lang())) {
                int[] c = looByLang.computeIfAbsent(lang, l -> new int[3]);
                c[0]++;
                c[1] += !topics.isEmpty() && topics.getFirst().equals(query.topic()) ? 1 : 0;
                c[2] += topics.contains(query.topic()) ? 1 : 0;
            }
        }
        System.out.println("| retrieval (hand-written set) | queries | hit@1 | hit@3 |");
        System.out.println("|---|---|---|---|");
        byLang.forEach((lang, c) -> System.out.printf("| BM25, 6-letter stems, held out, %s (%d indexed) | %d | %.2f | %.2f |%n",
                lang, indexed.size(), c[0], c[1] / (double) c[0], c[2] / (double) c[0]));
        looByLang.forEach((lang, c) -> System.out.printf("| BM25, 6-letter stems, leave-one-out, %s (%d indexed) | %d | %.2f | %.2f |%n",
                lang, all.size() - 1, c[0], c[1] / (double) c[0], c[2] / (double) c[0]));
        System.out.println("Held-out mails whose top source is another topic: " + String.join("; ", misses));
    }

    private static void latency(int tickets, int queries) {
        Random random = new Random(7);
        Bm25Index index = new Bm25Index();
        long load = System.nanoTime();
        for (int i = 0; i < tickets; i++) {
            int topic = random.nextInt(TOPICS.length);
            index.add(i, mail(random, topic, random.nextInt(6)));
        }
        long loadMillis = (System.nanoTime() - load) / 1_000_000;
        String reply = "Hi Maria,\n\nI refunded order #A-48213 to maria@example.com today.\n\nBest regards,\nTom";
        for (int i = 0; i < 200; i++) {
            index.search(mail(random, random.nextInt(TOPICS.length), 0), 3, -1);
        }
        long[] micros = new long[queries];
        for (int i = 0; i < queries; i++) {
            String query = mail(random, random.nextInt(TOPICS.length), random.nextInt(6));
            long start = System.nanoTime();
            index.search(query, 3, -1);
            DraftAdapter.adapt(reply, "Maria Lopez", "Jonas Weber", "Alice");
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("| %d resolved tickets | index build %d ms | draft p50 %.1f ms | p95 %.1f ms | p99 %.1f ms |%n",
                tickets, loadMillis, micros[queries / 2] / 1000.0, micros[queries * 95 / 100] / 1000.0,
                micros[queries * 99 / 100] / 1000.0);
    }
}
