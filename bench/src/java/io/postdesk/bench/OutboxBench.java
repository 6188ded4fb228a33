package io.postdesk.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.postdesk.mail.outbound.OutboxWorker;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Outbound: how fast the outbox worker delivers to a local SMTP sink (GreenMail), and what a reply request costs with
 * SMTP configured versus not (it must not wait for SMTP). Usage: {@code OutboxBench [mails] [h2|postgres|both]}.
 */
public final class OutboxBench {

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String which = args.length > 1 ? args[1] : "both";
        List<String> rows = new ArrayList<>();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail sink = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        try {
            for (String database : which.equals("both") ? List.of("h2", "postgres") : List.of(which)) {
                // The worker is driven by hand so the drain can be timed on its own.
                try (BenchApp app = BenchApp.start(database, "--postdesk.mail.outbound.worker-enabled=false")) {
                    long[] tickets = tickets(app, 200);
                    long[] withoutSmtp = replies(app, tickets, 1000);
                    app.putJson("/api/v1/settings/email", """
                            {"supportAddress": "help@acme.example", "host": "127.0.0.1", "port": %d,
                             "fromEmail": "support@acme.example", "fromName": "Acme"}""".formatted(port));
                    replies(app, tickets, 1000); // warm-up with SMTP configured
                    app.bean(OutboxWorker.class).deliverDue();
                    long[] withSmtp = replies(app, tickets, 1000);
                    app.bean(OutboxWorker.class).deliverDue();
                    rows.add(BenchApp.Percentiles.of(withoutSmtp).row(database, "reply request, SMTP not configured"));
                    rows.add(BenchApp.Percentiles.of(withSmtp).row(database, "reply request, SMTP configured (queued)"));
                    replies(app, tickets, mails);
                    long start = System.nanoTime();
                    int delivered = app.bean(OutboxWorker.class).deliverDue();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rows.add(String.format(Locale.ROOT, "| %s | outbox drain to SMTP sink | %d | %.0f mails/s | | |",
                            database, delivered, delivered / seconds));
                    rows.forEach(System.out::println);
                }
            }
        } finally {
            sink.stop();
        }
        System.out.println();
        System.out.println("| database | scenario | n | p50 ms | p95 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static long[] tickets(BenchApp app, int n) throws Exception {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            String body = app.postJson("/api/v1/tickets", "{\"subject\": \"Bench " + i
                            + "\", \"contactEmail\": \"reader" + i + "@bench.example\"}")
                    .body();
            ids[i] = Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
        }
        return ids;
    }

    private static long[] replies(BenchApp app, long[] tickets, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            var response = app.postJson("/api/v1/tickets/" + tickets[i % tickets.length] + "/replies",
                    "{\"body\": \"Thanks for waiting, here is the update number " + i + ".\"}");
            nanos[i] = System.nanoTime() - start;
            if (response.statusCode() != 201) {
                throw new IllegalStateException("reply answered " + response.statusCode() + ": " + response.body());
            }
        }
        return nanos;
    }
}
