package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The composer's AI Suggest: the button on the ticket page and the streamed draft behind it. */
class AiSuggestComposerIT extends IntegrationTest {

    @AfterEach
    void switchAiBackOn() {
        admin().put("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"offline\"}");
    }

    @Test
    void streamsAnOfflineDraftWithItsSourceAndHidesTheButtonWhenAiIsOff() {
        long source = ticket("Parcel never arrived", "Claire Martin", "My parcel never arrived, tracking is stuck.");
        admin().post(
                        "/api/v1/tickets/" + source + "/replies",
                        "{\"body\": \"Hi Claire,\\n\\nWe have sent a replacement parcel by express.\\n\\nBest regards,\\nTom\"}");
        admin().patch("/api/v1/tickets/" + source, "{\"status\": \"resolved\"}");
        long ticket = ticket("Where is my parcel", "Jonas Weber", "The parcel never arrived and tracking is stuck.");
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(session.get("/tickets/" + ticket).body()).contains("id=\"ai-suggest-start\"");
        var stream = session.post("/tickets/" + ticket + "/suggestion", Map.of("includeNotes", "false"));

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        assertThat(stream.body())
                .contains("{\"chunk\":\"Hi \"}", "replacement", "\"done\":true", "\"ticketId\":" + source)
                .doesNotContain("Claire");

        admin().put("/api/v1/settings/ai", "{\"enabled\": false}");
        assertThat(session.get("/tickets/" + ticket).body()).doesNotContain("ai-suggest-start");
        assertThat(session.post("/tickets/" + ticket + "/suggestion", Map.of()).body())
                .contains("switched off");
    }

    @Test
    void streamsAModelDraftChunkByChunkFromAnOpenAiCompatibleServer() throws IOException {
        List<String> prompts = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            prompts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            for (String piece : List.of("Hi Jonas, ", "we are ", "on it.")) {
                exchange.getResponseBody()
                        .write(("data: {\"choices\":[{\"delta\":{\"content\":\"" + piece + "\"}}]}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.getResponseBody().write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();
        try {
            admin().put(
                            "/api/v1/settings/ai",
                            "{\"enabled\": true, \"provider\": \"openai\", \"baseUrl\": \"http://127.0.0.1:"
                                    + server.getAddress().getPort()
                                    + "/v1\", \"model\": \"llama3.1\", \"apiKey\": \"k-123\"}");
            long ticket = ticket("Slow app", "Jonas Weber", "The app is very slow today.");
            admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"NOTE-XYZ\", \"internal\": true}");
            var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
            session.get("/tickets/" + ticket);

            var stream = session.post("/tickets/" + ticket + "/suggestion", Map.of("includeNotes", "false"));

            assertThat(stream.body())
                    .contains("{\"chunk\":\"Hi Jonas, \"}", "{\"chunk\":\"on it.\"}", "\"provider\":\"openai\"");
            // LangChain4j pretty-prints the request body.
            assertThat(prompts.getLast().replaceAll("\\s+", ""))
                    .contains("\"stream\":true", "veryslowtoday")
                    .doesNotContain("NOTE-XYZ", "k-123");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void settingsPageSavesTheProviderHidesTheKeyAndTestsOffline() {
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        session.get("/settings/ai");

        var saved = session.post(
                "/settings/ai", Map.of("enabled", "true", "provider", "offline", "apiKey", "sk-page-secret-42"));
        assertThat(saved.body()).contains("Saved.", "id=\"ai-figures\"").doesNotContain("sk-page-secret-42");
        assertThat(session.get("/settings/ai").body()).contains("saved; leave empty to keep");
        assertThat(session.post("/settings/ai/test", Map.of()).body()).contains("Offline:", "resolved ticket");
        assertThat(session.post("/settings/ai", Map.of("enabled", "true", "provider", "openai"))
                        .body())
                .contains("baseUrl is required");
        admin().put("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"offline\", \"apiKey\": \"\"}");
    }

    private long ticket(String subject, String name, String description) {
        String email = name.toLowerCase().replace(' ', '.') + System.nanoTime() + "@customer.test";
        return admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"description\": \"" + description
                                + "\", \"contactName\": \"" + name + "\", \"contactEmail\": \"" + email + "\"}")
                .id();
    }
}
