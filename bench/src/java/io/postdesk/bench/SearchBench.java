package io.postdesk.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Search at scale (issue 15): loads N tickets as {@link ListBench} does (a subject word of fifteen per ticket) plus
 * M messages per ticket of generated text (a vocabulary of helpdesk words and a long tail of made-up ones, drawn with a
 * Zipf-like distribution; every ticket's first message carries a word of its own), lets the search index catch up,
 * then measures {@code GET /api/v1/tickets?q=…} (first page + capped counts) over real HTTP. Usage: {@code SearchBench
 * [tickets] [h2|postgres|both] [messagesPerTicket] [requestsPerScenario]}.
 */
public final class SearchBench {

    private static final String[] COMMON = {"the", "to", "and", "a", "i", "is", "it", "for", "you", "of", "my", "on",
        "we", "please", "thanks", "hello", "can", "not", "order", "account", "help", "issue", "when", "with", "have",
        "since", "again", "email", "payment", "still", "working", "customer", "support", "update", "yesterday",
        "screen", "message", "problem", "page", "app", "error", "team", "phone", "card", "number", "download",
        "settings", "reply", "waiting", "invoice", "shipping", "delivery", "password", "login", "refund", "printer",
        "export", "crash", "billing", "upgrade", "reset", "subscription", "warranty", "replacement", "broken"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sa", "do", "fu",
        "gi", "ho", "ju", "be"};
    private static final int TAIL = 20_000;

    /** A measured search; {@code target} is the p95 for it in ms. */
    private record Scenario(String label, IntFunction<String> query, double target) {}

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String which = args.length > 1 ? args[1] : "both";
        int perTicket = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        System.out.printf(Locale.ROOT, "machine: %d cores, JVM %s, max heap %,d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        String[] subjectWords = {"printer", "invoice", "login", "refund", "password", "shipping", "error", "account",
            "upgrade", "billing", "crash", "export", "delivery", "order", "reset"};
        List<Scenario> scenarios = List.of(
                new Scenario("selective: a word of one ticket's message", r -> own((r * 7_919L) % tickets), 50),
                new Scenario("selective: two words, one rare (`<own> please`)",
                        r -> own((r * 7_919L) % tickets) + " please", 50),
                new Scenario("selective: a contact `customer4711`", r -> "customer" + (1_000 + (r * 7_919L) % 40_000), 50),
                new Scenario("one ticket of fifteen: a subject word (`refund`)", r -> subjectWords[r % 15], 100),
                new Scenario("one ticket of fifteen + a status filter (`refund status:open`)",
                        r -> subjectWords[r % 15] + " status:open", 100),
                new Scenario("a phrase (`\"please help\"`)", r -> "\"please help\"", 100),
                new Scenario("a tail word by prefix (`kalomi`…)", r -> tail(r * 31 % TAIL).substring(0, 5), 100));
        List<String> rows = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        for (String database : which.equals("both") ? List.of("h2", "postgres") : List.of(which)) {
            try (BenchApp app = BenchApp.start(database)) {
                loads.add(ListBench.load(app, tickets, c -> messages(c, tickets, perTicket)));
                System.out.println(loads.getLast());
                app.signInToDashboard();
                // Warm-up: every scenario for a while.
                Instant until = Instant.now().plusSeconds(20);
                for (int i = 0; Instant.now().isBefore(until); i++) {
                    app.get(path(scenarios.get(i % scenarios.size()).query().apply(i + 100_000)));
                }
                for (Scenario s : scenarios) {
                    long[] nanos = new long[requests];
                    int done = 0;
                    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    while (done < requests && (done < 3 || System.nanoTime() < deadline)) {
                        String path = path(s.query().apply(done));
                        long start = System.nanoTime();
                        int status = app.get(path).statusCode();
                        nanos[done++] = System.nanoTime() - start;
                        if (status != 200) {
                            throw new IllegalStateException(path + " answered " + status);
                        }
                    }
                    var p = BenchApp.Percentiles.of(Arrays.copyOf(nanos, done));
                    rows.add(p.row(app.database, s.label()) + String.format(Locale.ROOT, " %.0f | %s |", s.target(),
                            p.p95() <= s.target() ? "yes" : "**no**"));
                    System.out.println(rows.getLast());
                }
            }
        }
        System.out.println();
        System.out.println("| database | server | tickets | contacts | insert s | tickets/s | recount s | analyze s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        loads.forEach(System.out::println);
        System.out.println();
        System.out.println("| database | search (first page + counts) | requests | p50 ms | p95 ms | p99 ms | target ms | met |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String path(String q) {
        return "/api/v1/tickets?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    /** The word only ticket number {@code n} (0-based, in load order) has. */
    static String own(long n) {
        // Six syllables always: 16^6 words, none the prefix of another.
        var word = new StringBuilder("qx");
        for (int i = 0; i < 6; i++) {
            word.append(SYLLABLES[(int) (n % SYLLABLES.length)]);
            n /= SYLLABLES.length;
        }
        return word.toString();
    }

    /** A made-up word of the long tail, three syllables or more. */
    static String tail(int rank) {
        var word = new StringBuilder();
        int n = rank + SYLLABLES.length * SYLLABLES.length;
        while (n > 0) {
            word.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        }
        return word.toString();
    }

    /** A word by Zipf-like rank: log-uniform over the vocabulary, common words first. */
    private static String word(SplittableRandom random) {
        int rank = (int) Math.pow(COMMON.length + TAIL, random.nextDouble()) - 1;
        return rank < COMMON.length ? COMMON[rank] : tail(rank - COMMON.length);
    }

    /** {@code perTicket} messages per ticket (the last one of four a team note), 20–80 words each. */
    private static void messages(Connection c, int tickets, int perTicket) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        long first;
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT MIN(id) FROM tickets")) {
            rs.next();
            first = rs.getLong(1);
        }
        long start = System.nanoTime();
        Timestamp at = Timestamp.from(Instant.parse("2026-11-01T00:00:00Z"));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ticket_messages (ticket_id, direction, internal,"
                + " author_email, body, visible_text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (int t = 0; t < tickets; t++) {
                for (int m = 0; m < perTicket; m++) {
                    var text = new StringBuilder(m == 0 ? own(t) + " " : "");
                    int words = 20 + random.nextInt(60);
                    for (int w = 0; w < words; w++) {
                        text.append(word(random)).append(w % 12 == 11 ? ". " : " ");
                    }
                    boolean note = m % 4 == 3;
                    p.setLong(1, first + t);
                    p.setString(2, m % 2 == 0 ? "inbound" : "outbound");
                    p.setBoolean(3, note);
                    p.setString(4, "customer@example.com");
                    p.setString(5, text.toString());
                    p.setString(6, text.toString());
                    p.setTimestamp(7, at);
                    p.addBatch();
                    if (++pending == 5_000) {
                        p.executeBatch();
                        c.commit();
                        pending = 0;
                    }
                }
            }
            p.executeBatch();
            c.commit();
        }
        System.out.printf(Locale.ROOT, "inserted %,d messages in %.1f s%n", (long) tickets * perTicket,
                (System.nanoTime() - start) / 1e9);
    }
}
