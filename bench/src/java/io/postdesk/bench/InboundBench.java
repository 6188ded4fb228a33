package io.postdesk.bench;

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
 * {@code InboundBench [mailsPerRun] [h2|postgres|both|h2-delayed,h2,...] [warmupSeconds]}; {@code h2-delayed} is the H2
 * URL before ADR 0006 (commits written every 500 ms), for comparison. Also prints start-up time, memory and disk.
 */
public final class InboundBench {

    private static final String BODY = ("Hello,\r\n\r\nI ordered the blue model last week and it still has not arrived."
                    + " The tracking page says it left the warehouse but nothing moved since. Could you check?\r\n")
            .repeat(8);

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        String which = args.length > 1 ? args[1] : "both";
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 45;
        List<String> rows = new ArrayList<>();
        List<String> footprints = new ArrayList<>();
        for (String database : which.equals("both") ? List.of("h2", "postgres") : List.of(which.split(","))) {
            long startBegin = System.nanoTime();
            try (BenchApp app = BenchApp.start(database)) {
                double startSeconds = (System.nanoTime() - startBegin) / 1e9;
                // Warm-up runs, not reported: the JIT needs 30-60 s of load before HTTP figures settle (STACK.md).
                long warmUntil = System.nanoTime() + warmupSeconds * 1_000_000_000L;
                int warmups = 0;
                while (System.nanoTime() < warmUntil) {
                    run(app, "warmup", 3000, 1 + warmups++ % 4);
                }
                System.out.printf(Locale.ROOT, "%s: warmed up with %,d mails in %d s%n", database, warmups * 3000,
                        warmupSeconds);
                for (int senders : new int[] {1, 2, 4}) {
                    rows.add(run(app, database, mails, senders));
                    System.out.println(rows.getLast());
                }
                footprints.add(String.format(Locale.ROOT, "| %s | %.1f | %d | %.0f | %.0f |", database, startSeconds,
                        count(app, "SELECT COUNT(*) FROM inbound_mails"), app.memoryMiB(), app.diskMiB()));
                System.out.println(footprints.getLast());
            }
        }
        System.out.println();
        System.out.println("| database | senders | mails | mails/s | p50 ms | p95 ms | CPU ms/mail | lost | duplicated |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("| database | start s | mails stored | memory MiB (PSS) | disk MiB |");
        System.out.println("|---|---|---|---|---|");
        footprints.forEach(System.out::println);
    }

    static String run(BenchApp app, String label, int mails, int senders) throws Exception {
        String runId = Long.toHexString(System.nanoTime());
        int fresh = mails * 6 / 10;
        List<byte[]> messages = new ArrayList<>(mails);
        for (int i = 0; i < fresh; i++) {
            messages.add(mail(runId, i, i, null));
        }
        for (int i = 0; i < mails - fresh; i++) {
            // A reply comes from the customer who wrote the mail it answers.
            messages.add(mail(runId, fresh + i, i % fresh, "<" + runId + "-" + (i % fresh) + "@bench.example>"));
        }
        long before = count(app, "SELECT COUNT(*) FROM inbound_mails");
        long messagesBefore = count(app, "SELECT COUNT(*) FROM ticket_messages");
        long[] nanos = new long[mails];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> work = new ArrayList<>();
        // New mails first (in order), replies after: a reply's thread root exists before the reply arrives.
        for (int s = 0; s < senders; s++) {
            work.add(pool.submit(() -> {
                try (RawHttp client = new RawHttp(app.port)) {
                    int i;
                    while ((i = next.getAndIncrement()) < mails) {
                        if (i >= fresh) {
                            awaitFresh(done, fresh);
                        }
                        long t0 = System.nanoTime();
                        try {
                            var response =
                                    client.post("/api/tickets/inbound-email", "message/rfc822", messages.get(i));
                            if (response.status() != 200 || response.body().contains("quarantined")) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        nanos[i] = System.nanoTime() - t0;
                        if (i < fresh) {
                            done.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMsPerMail = (os.getProcessCpuTime() - cpuStart) / 1e6 / mails;
        long stored = count(app, "SELECT COUNT(*) FROM inbound_mails") - before;
        long added = count(app, "SELECT COUNT(*) FROM ticket_messages") - messagesBefore;
        long lost = Math.max(0, mails - Math.min(stored, added)) + failures.get();
        long duplicated = Math.max(0, added - mails);
        var p = BenchApp.Percentiles.of(nanos);
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %d | %d |", label, senders,
                mails, mails / seconds, p.p50(), p.p95(), cpuMsPerMail, lost, duplicated);
    }

    /** Replies go out once every new mail has been answered, so their thread root exists (the webhook is synchronous). */
    private static void awaitFresh(AtomicInteger done, int fresh) {
        while (done.get() < fresh) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }

    private static byte[] mail(String runId, int i, int customer, String inReplyTo) {
        StringBuilder raw = new StringBuilder()
                .append("From: Customer ").append(customer % 500).append(" <customer").append(customer % 500)
                .append("@bench.example>\r\n")
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
