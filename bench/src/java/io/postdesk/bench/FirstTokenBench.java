package io.postdesk.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AI Suggest first-token latency (issue 12: the first streamed token within 1 s of the model server's own): a fake
 * streaming OpenAI-compatible server on loopback answers after a think time, notes the instant it writes its first
 * token, then sends nine more 100 ms apart. The client is the dashboard composer's: a signed-in session posting to
 * {@code POST /tickets/{id}/suggestion} and reading the NDJSON stream; the figure is the delay from the server's first
 * token to the first {@code chunk} line the client reads (one JVM, one clock). Args: runs (default 30), think ms
 * (default 300).
 */
public final class FirstTokenBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int thinkMillis = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        AtomicLong firstTokenAt = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                Thread.sleep(thinkMillis);
                for (int i = 0; i < 10; i++) {
                    if (i == 0) {
                        firstTokenAt.set(System.nanoTime());
                    } else {
                        Thread.sleep(100);
                    }
                    out.write(("data: {\"choices\":[{\"delta\":{\"content\":\"word" + i + " \"}}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try (BenchApp app = BenchApp.start("h2")) {
            app.putJson("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"openai\", \"baseUrl\":"
                    + " \"http://127.0.0.1:" + server.getAddress().getPort() + "/v1\", \"model\": \"fake\"}");
            var created = app.postJson("/api/v1/tickets", "{\"subject\": \"Slow app\", \"description\":"
                    + " \"The app is very slow today.\", \"contactName\": \"Jonas Weber\", \"contactEmail\":"
                    + " \"jonas@customer.test\"}");
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.body());
            if (!id.find()) {
                throw new IllegalStateException("ticket not created: " + created.body());
            }
            String ticket = id.group(1);
            app.signInToDashboard();
            String page = app.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port + "/tickets/"
                            + ticket)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"").matcher(page);
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the ticket page");
            }
            String form = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&includeNotes=false";
            long[] delays = new long[runs];
            long[] totals = new long[runs];
            for (int run = -3; run < runs; run++) { // three warm-up runs
                long started = System.nanoTime();
                HttpResponse<InputStream> response = app.http.send(HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + app.port + "/tickets/" + ticket + "/suggestion"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long firstChunk = 0;
                try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (firstChunk == 0 && line.contains("\"chunk\"")) {
                            firstChunk = System.nanoTime();
                        }
                    }
                }
                if (firstChunk == 0) {
                    throw new IllegalStateException("no chunk streamed (status " + response.statusCode() + ")");
                }
                if (run >= 0) {
                    delays[run] = firstChunk - firstTokenAt.get();
                    totals[run] = System.nanoTime() - started;
                }
            }
            var delay = BenchApp.Percentiles.of(delays);
            var total = BenchApp.Percentiles.of(totals);
            System.out.println("| runs | server think | first token → first NDJSON chunk p50 | p95 | max | whole draft p50 |");
            System.out.println("|---|---|---|---|---|---|");
            long max = java.util.Arrays.stream(delays).max().orElse(0);
            System.out.printf("| %d | %d ms | %.1f ms | %.1f ms | %.1f ms | %.0f ms |%n", runs, thinkMillis, delay.p50(),
                    delay.p95(), max / 1e6, total.p50());
        } finally {
            server.stop(0);
        }
    }
}
