package io.postdesk.bench;

import io.postdesk.ticket.TicketManagement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The ticket list at scale: loads N tickets (default 1,000,000) in JDBC batches into H2 and PostgreSQL, then measures
 * {@code GET /api/v1/tickets} (first page with counts) unfiltered and filtered, and the dashboard's list page, after a
 * warm-up. Usage: {@code ListBench [tickets] [h2|postgres|both] [warmupSeconds] [requestsPerScenario]}.
 */
public final class ListBench {

    private static final String[] STATUSES = {"open", "in_progress", "pending", "resolved", "closed"};
    private static final double[] STATUS_WEIGHTS = {0.15, 0.10, 0.05, 0.20, 0.50};
    private static final String[] PRIORITIES = {"low", "medium", "high", "urgent"};
    private static final double[] PRIORITY_WEIGHTS = {0.25, 0.50, 0.20, 0.05};
    private static final String[] SOURCES = {"email", "email", "email", "portal", "admin", "contact_form", "api", "chat"};
    private static final String[] WORDS = {"printer", "invoice", "login", "refund", "password", "shipping", "error",
        "account", "upgrade", "billing", "crash", "export", "delivery", "order", "reset"};

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String which = args.length > 1 ? args[1] : "both";
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        List<String> rows = new ArrayList<>();
        for (String database : which.equals("both") ? List.of("h2", "postgres") : List.of(which)) {
            try (BenchApp app = BenchApp.start(database)) {
                long loadStart = System.nanoTime();
                load(app, tickets);
                app.bean(TicketManagement.class).recount();
                if (database.equals("postgres")) {
                    try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                        s.execute("ANALYZE");
                    }
                }
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                System.out.printf(Locale.ROOT, "%s: loaded %,d tickets in %.1f s (%,.0f tickets/s)%n", database, tickets,
                        loadSeconds, tickets / loadSeconds);
                rows.add(String.format(Locale.ROOT, "| %s | bulk load %,d tickets | — | %.1f s | %,.0f/s | |", database,
                        tickets, loadSeconds, tickets / loadSeconds));
                app.signInToDashboard();
                Map<String, String> scenarios = new LinkedHashMap<>();
                scenarios.put("list, unfiltered", "/api/v1/tickets");
                scenarios.put("list, status=open", "/api/v1/tickets?status=open");
                scenarios.put("list, priority=high", "/api/v1/tickets?priority=high");
                scenarios.put("list, status=open&priority=high", "/api/v1/tickets?status=open&priority=high");
                scenarios.put("list, status=closed&priority=urgent", "/api/v1/tickets?status=closed&priority=urgent");
                scenarios.put("list, page 40", "/api/v1/tickets?page=40");
                scenarios.put("search q=refund (not in target)", "/api/v1/tickets?q=refund");
                scenarios.put("dashboard page /", "/");
                scenarios.put("dashboard page /?status=open&priority=high", "/?status=open&priority=high");
                warmUp(app, scenarios, Duration.ofSeconds(warmupSeconds));
                for (var scenario : scenarios.entrySet()) {
                    int n = scenario.getKey().startsWith("search") ? 10 : requests;
                    rows.add(measure(app, scenario.getValue(), n).row(database, scenario.getKey()));
                    System.out.println(rows.getLast());
                }
            }
        }
        System.out.println();
        System.out.println("| database | scenario | requests | p50 ms | p95 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    static void load(BenchApp app, int tickets) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        long span = Duration.ofDays(3 * 365).toSeconds();
        int contacts = Math.max(1, tickets / 20);
        try (Connection c = app.jdbc()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO contacts (name, email, created_at) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= contacts; i++) {
                    p.setString(1, "Customer " + i);
                    p.setString(2, "customer" + i + "@example.com");
                    p.setTimestamp(3, Timestamp.from(end.minusSeconds(span)));
                    p.addBatch();
                    if (i % 5000 == 0) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
            long firstContact;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT MIN(id) FROM contacts")) {
                rs.next();
                firstContact = rs.getLong(1);
            }
            Long[] staff = {null, null, 1L};
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
                    Long assignee = staff[random.nextInt(staff.length)];
                    if (assignee == null) {
                        p.setNull(6, java.sql.Types.BIGINT);
                    } else {
                        p.setLong(6, assignee);
                    }
                    p.setLong(7, firstContact + random.nextInt(contacts));
                    p.setBoolean(8, random.nextInt(100) == 0);
                    p.setString(9, Long.toHexString(random.nextLong()) + "abcd");
                    p.setTimestamp(10, created);
                    p.setTimestamp(11, created);
                    p.addBatch();
                    if ((i + 1) % 5000 == 0) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
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

    private static void warmUp(BenchApp app, Map<String, String> scenarios, Duration duration) throws Exception {
        Instant until = Instant.now().plus(duration);
        List<String> paths = List.copyOf(scenarios.values());
        int i = 0;
        while (Instant.now().isBefore(until)) {
            String path = paths.get(i++ % paths.size());
            if (!path.contains("q=")) {
                check(app.get(path).statusCode(), path);
            }
        }
    }

    static BenchApp.Percentiles measure(BenchApp app, String path, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            int status = app.get(path).statusCode();
            nanos[i] = System.nanoTime() - start;
            check(status, path);
        }
        return BenchApp.Percentiles.of(nanos);
    }

    private static void check(int status, String path) {
        if (status != 200) {
            throw new IllegalStateException(path + " answered " + status);
        }
    }
}
