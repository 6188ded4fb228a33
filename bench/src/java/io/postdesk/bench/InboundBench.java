package io.postdesk.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inbound throughput: posts N realistic raw mails (60% new, 40% replies with threading headers) to the webhook with 1,
 * 2 and 4 concurrent senders, on H2 and PostgreSQL, and checks that nothing was lost or duplicated. Usage:
 * {@code InboundBench [mailsPerRun] [h2|postgres|both]}.
 */
public final class InboundBench {

    private static final String BODY = ("Hello,\r\n\r\nI ordered the blue model last week and it still has not arrived."
                    + " The tracking page says it left the warehouse but nothing moved since. Could you check?\r\n")
            .repeat(8);

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        String which = args.length > 1 ? args[1] : "both";
        List<String> rows = new ArrayList<>();
        for (String database : which.equals("both") ? List.of("h2", "postgres") : List.of(which)) {
            try (BenchApp app = BenchApp.start(database)) {
                // Warm-up run, not reported: the JIT needs load before figures settle.
                run(app, "warmup", Math.min(mails, 2000), 2);
                for (int senders : new int[] {1, 2, 4}) {
                    rows.add(run(app, database, mails, senders));
                    System.out.println(rows.getLast());
                }
            }
        }
        System.out.println();
        System.out.println("| database | senders | mails | mails/s | p50 ms | p95 ms | lost | duplicated |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    static String run(BenchApp app, String label, int mails, int senders) throws Exception {
        String runId = Long.toHexString(System.nanoTime());
        int fresh = mails * 6 / 10;
        List<byte[]> messages = new ArrayList<>(mails);
        for (int i = 0; i < fresh; i++) {
            messages.add(mail(runId, i, null));
        }
        for (int i = 0; i < mails - fresh; i++) {
            messages.add(mail(runId, fresh + i, "<" + runId + "-" + (i % fresh) + "@bench.example>"));
        }
        long before = count(app, "SELECT COUNT(*) FROM inbound_mails");
        long messagesBefore = count(app, "SELECT COUNT(*) FROM ticket_messages");
        long[] nanos = new long[mails];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> work = new ArrayList<>();
        // New mails first (in order), replies after: a reply's thread root exists before the reply arrives.
        for (int s = 0; s < senders; s++) {
            work.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < mails) {
                    if (i == fresh) {
                        waitForFresh(app, before, fresh);
                    }
                    long t0 = System.nanoTime();
                    try {
                        var response = app.http.send(
                                HttpRequest.newBuilder(app.request("/api/tickets/inbound-email").build().uri())
                                        .header("Content-Type", "message/rfc822")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(messages.get(i)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || response.body().contains("quarantined")) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = count(app, "SELECT COUNT(*) FROM inbound_mails") - before;
        long added = count(app, "SELECT COUNT(*) FROM ticket_messages") - messagesBefore;
        long lost = Math.max(0, mails - Math.min(stored, added)) + failures.get();
        long duplicated = Math.max(0, added - mails);
        var p = BenchApp.Percentiles.of(nanos);
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %d | %d |", label, senders, mails,
                mails / seconds, p.p50(), p.p95(), lost, duplicated);
    }

    private static void waitForFresh(BenchApp app, long before, int fresh) {
        try {
            while (count(app, "SELECT COUNT(*) FROM inbound_mails WHERE status <> 'received'") - before < fresh) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mail(String runId, int i, String inReplyTo) {
        StringBuilder raw = new StringBuilder()
                .append("From: Customer ").append(i).append(" <customer").append(i % 500).append("@bench.example>\r\n")
                .append("To: support@acme.example\r\n")
                .append("Subject: ").append(inReplyTo == null ? "Where is my order " + i : "Re: Where is my order")
                .append("\r\n")
                .append("Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n")
                .append("Message-ID: <").append(runId).append('-').append(i).append("@bench.example>\r\n");
        if (inReplyTo != null) {
            raw.append("In-Reply-To: ").append(inReplyTo).append("\r\nReferences: ").append(inReplyTo).append("\r\n");
        }
        raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(BODY);
        if (inReplyTo != null) {
            raw.append("\r\nOn Sat, 21 Nov 2026 Support wrote:\r\n> We are looking into it.\r\n");
        }
        return raw.toString().getBytes(StandardCharsets.UTF_8);
    }

    static long count(BenchApp app, String sql) throws Exception {
        try (Connection c = app.jdbc(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
