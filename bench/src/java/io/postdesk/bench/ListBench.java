package io.postdesk.bench;

import io.postdesk.ticket.TicketIndex;
import io.postdesk.ticket.TicketManagement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ticket list at scale: loads N tickets (default 1,000,000) in JDBC batches into H2 and PostgreSQL, then measures
 * {@code GET /api/v1/tickets} (first page with its counts) unfiltered and filtered, and the dashboard's list page, over
 * real HTTP after a warm-up. Usage: {@code ListBench [tickets] [h2|postgres|both] [warmupSeconds] [requestsPerScenario]}.
 */
public final class ListBench {

    /** The target for list + counts; search is reported but not held to it. */
    private static final double TARGET_P95_MS = 30.0;

    private static final int BATCH = 5_000;
    private static final String[] STATUSES = {"open", "in_progress", "pending", "resolved", "closed"};
    private static final double[] STATUS_WEIGHTS = {0.15, 0.10, 0.05, 0.20, 0.50};
    private static final String[] PRIORITIES = {"low", "medium", "high", "urgent"};
    private static final double[] PRIORITY_WEIGHTS = {0.25, 0.50, 0.20, 0.05};
    private static final String[] SOURCES = {"email", "email", "email", "portal", "admin", "contact_form", "api", "chat"};
    private static final String[] WORDS = {"printer", "invoice", "login", "refund", "password", "shipping", "error",
        "account", "upgrade", "billing", "crash", "export", "delivery", "order", "reset"};
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    /** How many of the newest tickets get a thread of {@value #THREAD_MESSAGES} messages for the ticket page. */
    private static final int THREADED = 2_000;

    private static final int THREAD_MESSAGES = 6;

    /** The newest ticket's id, set by {@link #threads}. */
    private static long newestTicket;

    /** A measured request; {@code inTarget} marks the list + counts requests the 30 ms p95 target applies to. */
    private record Scenario(String label, String path, boolean inTarget) {}

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("`GET /api/v1/tickets` (first page + counts)", "/api/v1/tickets", true),
            new Scenario("`?status=open`", "/api/v1/tickets?status=open", true),
            new Scenario("`?priority=high`", "/api/v1/tickets?priority=high", true),
            new Scenario("`?status=open&priority=high`", "/api/v1/tickets?status=open&priority=high", true),
            new Scenario("`?status=closed` (largest bucket)", "/api/v1/tickets?status=closed", true),
            new Scenario("`?status=closed&priority=urgent`", "/api/v1/tickets?status=closed&priority=urgent", true),
            new Scenario("`?page=40` (offset 1,000)", "/api/v1/tickets?page=40", true),
            new Scenario("dashboard list page `/` (HTML)", "/", false),
            new Scenario("dashboard `/?status=open&priority=high`", "/?status=open&priority=high", false),
            new Scenario("dashboard view `/?view=mine` (a third of all tickets)", "/?view=mine", false),
            new Scenario("dashboard view `/?view=unassigned`", "/?view=unassigned", false),
            new Scenario("dashboard `/?view=open&sort=priority`", "/?view=open&sort=priority", false),
            new Scenario("dashboard `/?sort=updated&dir=asc`", "/?sort=updated&dir=asc", false),
            new Scenario("ticket page `/tickets/{id}` (6 messages, newest 2,000 tickets)", "/tickets/{ticket}", false),
            new Scenario("search a common word `?q=refund` (1 in 15 subjects; not in the target)",
                    "/api/v1/tickets?q={word}", false),
            new Scenario("search a contact `?q=customer4711` (not in the target)",
                    "/api/v1/tickets?q={contact}", false));

    /**
     * A request path of a scenario: a search's {@code {word}} cycles through the subject words and {@code {contact}}
     * through contact addresses, so no request repeats the one before it (H2 reuses the result of a query run again
     * with the same parameters on unchanged tables, which would measure a cache).
     */
    static String requestPath(String template, int request) {
        // The ticket page cycles through the newest tickets, the ones given a thread by threads().
        return template.replace("{ticket}", Long.toString(newestTicket - request % THREADED))
                .replace("{word}", WORDS[request % WORDS.length])
                .replace("{contact}", "customer" + (1_000 + (request * 7_919L) % 49_000));
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String which = args.length > 1 ? args[1] : "both";
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        System.out.printf(Locale.ROOT, "machine: %d cores, JVM %s, max heap %,d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        List<String> loads = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (String database : which.equals("both") ? List.of("h2", "postgres") : List.of(which)) {
            try (BenchApp app = BenchApp.start(database)) {
                loads.add(load(app, tickets));
                System.out.println(loads.getLast());
                checkTotal(app, tickets);
                threads(app);
                app.signInToDashboard();
                warmUp(app, Duration.ofSeconds(warmupSeconds));
                for (Scenario scenario : SCENARIOS) {
                    boolean search = scenario.path().contains("q=");
                    // Search scans at this size (seconds per request on H2): a small, time-boxed sample.
                    var p = search
                            ? measure(app, scenario.path(), Math.max(5, requests / 20), Duration.ofSeconds(30))
                            : measure(app, scenario.path(), requests, Duration.ofMinutes(5));
                    rows.add(p.row(app.database, scenario.label())
                            + (scenario.inTarget() ? (p.p95() <= TARGET_P95_MS ? " yes |" : " **no** |") : " — |"));
                    System.out.println(rows.getLast());
                }
            }
        }
        System.out.println();
        System.out.println("| database | server | tickets | contacts | insert s | tickets/s | recount s | analyze s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        loads.forEach(System.out::println);
        System.out.println();
        System.out.println("| database | scenario | requests | p50 ms | p95 ms | p99 ms | p95 ≤ 30 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /**
     * Inserts contacts and tickets over a plain JDBC connection in batches of {@value #BATCH} per commit (bypassing the
     * app, so its counts are rebuilt afterwards), then refreshes PostgreSQL's planner statistics. Returns a table row.
     */
    static String load(BenchApp app, int tickets) throws Exception {
        return load(app, tickets, null);
    }

    /** What else a benchmark loads before the search index catches up (SearchBench: messages). */
    interface Extra {
        void load(Connection c) throws Exception;
    }

    static String load(BenchApp app, int tickets, @org.jspecify.annotations.Nullable Extra extra) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        long span = Duration.ofDays(3 * 365).toSeconds();
        int contacts = Math.max(1, tickets / 20);
        String server;
        long start = System.nanoTime();
        try (Connection c = app.jdbc()) {
            server = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            c.setAutoCommit(false);
            try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO contacts (name, email, created_at) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= contacts; i++) {
                    p.setString(1, "Customer " + i);
                    p.setString(2, "customer" + i + "@example.com");
                    p.setTimestamp(3, Timestamp.from(end.minusSeconds(span)));
                    p.addBatch();
                    if (i % BATCH == 0) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
            long firstContact = single(c, "SELECT MIN(id) FROM contacts");
            long admin = single(c, "SELECT MIN(id) FROM staff");
            Long[] assignees = {null, null, admin};
            try (PreparedStatement p = c.prepareStatement("INSERT INTO tickets (subject, description, status, priority,"
                    + " source, assignee_id, contact_id, spam, routing_token, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < tickets; i++) {
                    // Oldest first, so ids grow with time as in real use.
                    Timestamp created = Timestamp.from(end.minusSeconds(span - (long) i * span / tickets));
                    p.setString(1, WORDS[random.nextInt(WORDS.length)] + " problem " + i);
                    p.setString(2, "Something about " + WORDS[random.nextInt(WORDS.length)]);
                    p.setString(3, pick(STATUSES, STATUS_WEIGHTS, random));
                    p.setString(4, pick(PRIORITIES, PRIORITY_WEIGHTS, random));
                    p.setString(5, SOURCES[random.nextInt(SOURCES.length)]);
                    Long assignee = assignees[random.nextInt(assignees.length)];
                    if (assignee == null) {
                        p.setNull(6, Types.BIGINT);
                    } else {
                        p.setLong(6, assignee);
                    }
                    p.setLong(7, firstContact + random.nextInt(contacts));
                    p.setBoolean(8, random.nextInt(100) == 0);
                    p.setString(9, String.format("%016x%04x", random.nextLong(), i & 0xffff));
                    p.setTimestamp(10, created);
                    p.setTimestamp(11, created);
                    p.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
        }
        if (extra != null) {
            try (Connection c = app.jdbc()) {
                c.setAutoCommit(false);
                extra.load(c);
                c.commit();
            }
        }
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        long indexStart = System.nanoTime();
        // What the app does for every ticket it writes, done for the bulk-loaded ones (docs/adr/0020).
        long indexed = app.bean(TicketIndex.class).catchUp();
        System.out.printf(Locale.ROOT, "%s: indexed %,d tickets for search in %.1f s%n", app.database, indexed,
                (System.nanoTime() - indexStart) / 1e9);
        long recountStart = System.nanoTime();
        app.bean(TicketManagement.class).recount();
        double recountSeconds = (System.nanoTime() - recountStart) / 1e9;
        long analyzeStart = System.nanoTime();
        if (app.database.equals("postgres")) {
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
        double analyzeSeconds = (System.nanoTime() - analyzeStart) / 1e9;
        return String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.1f | %,.0f | %.1f | %s |", app.database, server,
                tickets, contacts, insertSeconds, tickets / insertSeconds, recountSeconds,
                app.database.equals("postgres") ? String.format(Locale.ROOT, "%.1f", analyzeSeconds) : "—");
    }

    /**
     * Gives the newest {@value #THREADED} tickets a thread of {@value #THREAD_MESSAGES} messages each (customer and
     * agent in turn, a paragraph each), so the ticket page renders a real conversation.
     */
    private static void threads(BenchApp app) throws Exception {
        try (Connection c = app.jdbc()) {
            c.setAutoCommit(false);
            newestTicket = single(c, "SELECT MAX(id) FROM tickets");
            long admin = single(c, "SELECT MIN(id) FROM staff");
            String text = "Hello, thank you for getting back to me. The export still stops half way with an error and"
                    + " the file it leaves is empty; I tried again this morning from another browser.";
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ticket_messages (ticket_id, direction, internal,"
                    + " author_staff_id, author_contact_id, body, visible_text, created_at)"
                    + " SELECT id, ?, FALSE, ?, ?, ?, ?, updated_at FROM tickets WHERE id = ?")) {
                for (long id = newestTicket - THREADED + 1; id <= newestTicket; id++) {
                    for (int m = 0; m < THREAD_MESSAGES; m++) {
                        boolean inbound = m % 2 == 0;
                        p.setString(1, inbound ? "inbound" : "outbound");
                        if (inbound) {
                            p.setNull(2, Types.BIGINT);
                            p.setLong(3, single(c, "SELECT contact_id FROM tickets WHERE id = " + id));
                        } else {
                            p.setLong(2, admin);
                            p.setNull(3, Types.BIGINT);
                        }
                        p.setString(4, text);
                        p.setString(5, text);
                        p.setLong(6, id);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            c.commit();
        }
    }

    /** The list must report what was loaded (non-spam tickets), or the counts were not rebuilt. */
    private static void checkTotal(BenchApp app, int tickets) throws Exception {
        long expected;
        try (Connection c = app.jdbc()) {
            expected = single(c, "SELECT COUNT(*) FROM tickets WHERE spam = FALSE");
        }
        String body = app.get("/api/v1/tickets").body();
        Matcher total = TOTAL.matcher(body);
        if (!total.find() || Long.parseLong(total.group(1)) != expected || !body.contains("\"counts\"")) {
            throw new IllegalStateException("expected total " + expected + " of " + tickets + ", got: "
                    + body.substring(0, Math.min(300, body.length())));
        }
    }

    private static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String pick(String[] values, double[] weights, SplittableRandom random) {
        double r = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r <= 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** Round-robin over every scenario but search until the time is up: the JIT needs 30–60 s of load to settle. */
    private static void warmUp(BenchApp app, Duration duration) throws Exception {
        Instant until = Instant.now().plus(duration);
        List<String> paths = SCENARIOS.stream()
                .map(Scenario::path)
                .filter(path -> !path.contains("q="))
                .toList();
        int i = 0;
        // At least a few thousand requests too: right after the bulk load H2 compacts its file and a request can take
        // half a second, so a warm-up by time alone may leave the JIT cold (capped at four times the duration).
        Instant cap = Instant.now().plus(duration.multipliedBy(4));
        while (Instant.now().isBefore(until) || (i < 3_000 && Instant.now().isBefore(cap))) {
            String path = requestPath(paths.get(i % paths.size()), i);
            i++;
            check(app.get(path).statusCode(), path);
        }
        System.out.printf(Locale.ROOT, "%s: warm-up %d requests in %d s%n", app.database, i, duration.toSeconds());
    }

    /** Sequential requests from one client; stops early after {@code budget} (search), reporting what it measured. */
    static BenchApp.Percentiles measure(BenchApp app, String path, int n, Duration budget) throws Exception {
        long[] nanos = new long[n];
        long deadline = System.nanoTime() + budget.toNanos();
        int done = 0;
        while (done < n && (done < 3 || System.nanoTime() < deadline)) {
            String request = requestPath(path, done);
            long start = System.nanoTime();
            int status = app.get(request).statusCode();
            nanos[done++] = System.nanoTime() - start;
            check(status, request);
        }
        return BenchApp.Percentiles.of(Arrays.copyOf(nanos, done));
    }

    private static void check(int status, String path) {
        if (status != 200) {
            throw new IllegalStateException(path + " answered " + status);
        }
    }
}
