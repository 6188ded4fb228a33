package io.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A model server that answers too slowly: the agent gets a 502 (API) or an error line (composer) in plain words once
 * the configured timeout has passed, not when the server finally answers. The fake server holds its answer until the
 * test ends, so the bound checked is the timeout's, not this machine's speed.
 */
@TestPropertySource(properties = "postdesk.assist.request-timeout=1s")
class AiSuggestSlowServerIT extends IntegrationTest {

    /** Far above the 1 s timeout: reaching it would mean the timeout did not work. */
    private static final Duration SERVER_HOLDS = Duration.ofSeconds(30);

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        admin().put("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"offline\", \"apiKey\": \"\"}");
    }

    @Test
    void aServerThatNeverAnswersGives502WithinTheTimeout() throws IOException {
        startServer(false);
        assertSuggestionTimesOut(ticket("Slow model", "I cannot log in."));
    }

    @Test
    void aServerThatSendsHeadersThenStallsGives502WithinTheTimeout() throws IOException {
        startServer(true);
        assertSuggestionTimesOut(ticket("Stalling model", "The export hangs."));
    }

    private void assertSuggestionTimesOut(long ticket) {
        long started = System.nanoTime();
        var failed = admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.string("$.detail")).contains("did not answer within 1 s");
        assertThat(took).isLessThan(SERVER_HOLDS.minusSeconds(10));
    }

    @Test
    void aStreamThatStallsAfterItsFirstTokenEndsWithAnErrorLine() throws IOException {
        startServer(true);
        long ticket = ticket("Stalling stream", "The export hangs.");
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        session.get("/tickets/" + ticket);

        long started = System.nanoTime();
        var stream = session.post("/tickets/" + ticket + "/suggestion", Map.of("includeNotes", "false"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body())
                .contains("{\"chunk\":\"Hi \"}", "did not answer within 1 s")
                .doesNotContain("\"done\":true");
        // The first token reached the agent while the server was still holding the rest of its answer.
        assertThat(stream.body().indexOf("{\"chunk\":\"Hi \"}"))
                .isLessThan(stream.body().indexOf("did not answer"));
        assertThat(took).isLessThan(SERVER_HOLDS.minusSeconds(10));
    }

    /** {@code headersFirst}: send 200 and, for a stream, one token, then hold the rest until the test ends. */
    private void startServer(boolean headersFirst) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean stream = request.replaceAll("\\s+", "").contains("\"stream\":true");
            try {
                if (headersFirst) {
                    exchange.getResponseHeaders()
                            .add("Content-Type", stream ? "text/event-stream" : "application/json");
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody()
                            .write((stream ? "data: {\"choices\":[{\"delta\":{\"content\":\"Hi \"}}]}\n\n" : "{")
                                    .getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                }
                release.await(SERVER_HOLDS.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        var saved = admin().put(
                        "/api/v1/settings/ai",
                        "{\"enabled\": true, \"provider\": \"openai\", \"baseUrl\": \"http://127.0.0.1:"
                                + server.getAddress().getPort() + "/v1\", \"model\": \"llama3.1\"}");
        assertThat(saved.status()).isEqualTo(200);
    }

    private long ticket(String subject, String description) {
        var created = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"description\": \"" + description
                                + "\", \"contactName\": \"Jonas Weber\", \"contactEmail\": \"jonas" + System.nanoTime()
                                + "@customer.test\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }
}
