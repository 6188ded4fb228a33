package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The composer's AI Suggest in Chromium: a model's draft streams into the reply box (its first chunk shows while the
 * fake model server still holds back the rest), Stop stops it, the source line says where a draft came from, nothing
 * is sent; and the offline provider on a fresh install drafts from a similar resolved ticket.
 */
class AiSuggestBrowserIT extends BrowserTest {

    private HttpServer server;

    @AfterEach
    void stopServerAndResetSettings() {
        if (server != null) {
            server.stop(0);
        }
        admin().put("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"offline\", \"apiKey\": \"\"}");
    }

    @Test
    void aModelDraftStreamsInCanBeStoppedAndIsNeverSent() throws Exception {
        // Each request gets its own gate: the server sends the first chunk, then waits for the test to open the gate.
        AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            CountDownLatch mine = gate.get();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                chunk(out, "Hi Jonas, FIRST-CHUNK ");
                mine.await(20, TimeUnit.SECONDS);
                chunk(out, "and LAST-CHUNK.");
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException closedByTheClient) {
                // Stop aborted the request: nothing more to send.
            }
            exchange.close();
        });
        server.start();
        admin().put(
                        "/api/v1/settings/ai",
                        "{\"enabled\": true, \"provider\": \"openai\", \"baseUrl\": \"http://127.0.0.1:"
                                + server.getAddress().getPort() + "/v1\", \"model\": \"fake-model\"}");
        long ticket = ticket("Slow app", "Jonas Weber", "The app is very slow today.");
        signInAsAdmin();
        open("/tickets/" + ticket);

        waitFor(By.id("ai-suggest-start")).click();
        waitUntil(d -> replyBox().contains("FIRST-CHUNK"));
        // The first chunk is in the box while the server has not sent the last one yet.
        assertThat(replyBox()).doesNotContain("LAST-CHUNK");
        assertThat(browser.findElement(By.id("ai-suggest-source")).getText()).isEqualTo("Drafting…");
        waitFor(By.id("ai-suggest-stop")).click();
        waitUntil(d -> d.findElement(By.id("ai-suggest-source")).getText().equals("Stopped."));
        CountDownLatch stopped = gate.getAndSet(new CountDownLatch(0));
        stopped.countDown();
        Thread.sleep(300);
        assertThat(replyBox()).contains("FIRST-CHUNK").doesNotContain("LAST-CHUNK");
        assertThat(browser.findElement(By.id("ai-suggest-start")).isDisplayed()).isTrue();

        browser.findElement(By.id("ai-suggest-start")).click();
        waitUntil(d -> d.findElement(By.id("ai-suggest-source")).getText().startsWith("Draft by model fake-model"));
        assertThat(replyBox()).isEqualTo("Hi Jonas, FIRST-CHUNK and LAST-CHUNK.");
        assertAccessible();
        assertThat(staffMessages(ticket)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single())
                .isZero();
    }

    @Test
    void onAFreshInstallTheOfflineDraftComesFromASimilarResolvedTicket() {
        long source = ticket("Parcel never arrived", "Claire Martin", "My parcel never arrived, tracking is stuck.");
        admin().post(
                        "/api/v1/tickets/" + source + "/replies",
                        "{\"body\": \"Hi Claire,\\n\\nWe have sent a replacement parcel by express.\\n\\nBest regards,\\nTom\"}");
        admin().patch("/api/v1/tickets/" + source, "{\"status\": \"resolved\"}");
        long ticket = ticket("Where is my parcel", "Jonas Weber", "The parcel never arrived and tracking is stuck.");
        signInAsAdmin();
        open("/tickets/" + ticket);

        waitFor(By.id("ai-suggest-start")).click();
        waitUntil(d -> d.findElement(By.id("ai-suggest-source")).getText().startsWith("From ticket #" + source));
        assertThat(replyBox())
                .startsWith("Hi Jonas,")
                .contains("replacement parcel")
                .doesNotContain("Claire");
        assertAccessible();
        assertThat(staffMessages(ticket)).isZero();
    }

    private String replyBox() {
        return (String) browser.findElement(By.id("reply-body")).getDomProperty("value");
    }

    private long staffMessages(long ticket) {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ? AND direction = 'outbound'")
                .param(ticket)
                .query(Long.class)
                .single();
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        out.write(("data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private long ticket(String subject, String name, String description) {
        String email = name.toLowerCase().replace(' ', '.') + System.nanoTime() + "@customer.test";
        var created = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"description\": \"" + description
                                + "\", \"contactName\": \"" + name + "\", \"contactEmail\": \"" + email + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }
}
