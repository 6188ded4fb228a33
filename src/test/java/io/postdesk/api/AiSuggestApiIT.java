package io.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.postdesk.IntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** AI Suggest over the API: settings with a hidden key, offline drafts, and a fake OpenAI-compatible server. */
@ExtendWith(OutputCaptureExtension.class)
class AiSuggestApiIT extends IntegrationTest {

    private static final String KEY = "sk-test-key-that-must-never-leak-0123456789";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stopServerAndResetSettings() {
        if (server != null) {
            server.stop(0);
        }
        admin().put("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"offline\", \"apiKey\": \"\"}");
    }

    @Test
    void settingsAreOfflineByDefaultAndNeverShowTheKey() {
        var initial = admin().get("/api/v1/settings/ai");
        assertThat((Boolean) initial.json("$.enabled")).isTrue();
        assertThat(initial.string("$.provider")).isEqualTo("offline");

        var saved = admin().put(
                        "/api/v1/settings/ai",
                        "{\"enabled\": true, \"provider\": \"openai\", \"baseUrl\": \"http://127.0.0.1:9/v1\","
                                + " \"model\": \"llama3.1\", \"apiKey\": \"" + KEY + "\"}");

        assertThat(saved.status()).isEqualTo(200);
        assertThat((Boolean) saved.json("$.apiKeySet")).isTrue();
        assertThat(saved.body()).doesNotContain(KEY);
        assertThat(admin().get("/api/v1/settings/ai").body())
                .doesNotContain(KEY)
                .contains("llama3.1");
        assertThat(admin().put("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"gpt\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin().put(
                                "/api/v1/settings/ai",
                                "{\"enabled\": true, \"provider\": \"openai\","
                                        + " \"baseUrl\": \"file:///etc/passwd\", \"model\": \"m\"}")
                        .status())
                .isEqualTo(400);
        long agent = createStaff("Agent Ai", "agent-ai-settings@postdesk.test", "agent");
        assertThat(as(tokenFor(agent)).get("/api/v1/settings/ai").status()).isEqualTo(403);
    }

    @Test
    void offlineDraftComesFromTheSimilarResolvedTicketAdaptedToThisContact() {
        long source = resolvedTicket(
                "Charged twice for my subscription",
                "Maria Lopez",
                "Hello, my credit card was charged twice for the monthly subscription. Please refund the duplicate.",
                "Hi Maria,\n\nI refunded the duplicate subscription charge on order #A-48213; it shows on your card"
                        + " within five days.\n\nBest regards,\nTom");
        long ticket = ticket(
                "Double charge",
                "Jonas Weber",
                "My card shows a duplicate charge for the subscription this month, can you refund it?");

        var suggestion = admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{}");

        assertThat(suggestion.status()).isEqualTo(200);
        assertThat(suggestion.string("$.provider")).isEqualTo("offline");
        assertThat(suggestion.string("$.draft")).startsWith("Hi Jonas,").contains("refunded the duplicate");
        assertThat(suggestion.string("$.draft")).doesNotContain("Maria", "48213", "Tom");
        assertThat(suggestion.number("$.sources[0].ticketId")).isEqualTo(source);
        assertThat((Object) suggestion.json("$.reason")).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_suggestions WHERE ticket_id = ?")
                        .param(ticket)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        String draft = suggestion.string("$.draft");
        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"" + draft.replace("\n", "\\n") + "\"}");
        assertThat(jdbc.sql("SELECT sent_similarity FROM ai_suggestions WHERE ticket_id = ?")
                        .param(ticket)
                        .query(Double.class)
                        .single())
                .isEqualTo(1.0);
    }

    @Test
    void saysWhyWhenNothingFitsOrAiIsOff() {
        long ticket = ticket("Zebra stripes", "Ann Other", "Quixotic xylophone wombat question");

        var none = admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{}");
        assertThat((Object) none.json("$.draft")).isNull();
        assertThat(none.string("$.reason")).contains("No resolved ticket");

        admin().put("/api/v1/settings/ai", "{\"enabled\": false}");
        var off = admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.string("$.reason")).contains("switched off");
        assertThat(admin().post("/api/v1/tickets/999999/suggestion", "{}").status())
                .isEqualTo(404);
    }

    @Test
    void openAiPromptHoldsTheThreadButNotNotesAndTheKeyOnlyInTheHeader(CapturedOutput output) throws IOException {
        startServer(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi Jonas, done.\"}}]}");
        useServer();
        long ticket = ticket("Lost parcel", "Jonas Weber", "My parcel never arrived, tracking is stuck.");
        admin().post(
                        "/api/v1/tickets/" + ticket + "/replies",
                        "{\"body\": \"SECRET-NOTE courier is slow\", \"internal\": true}");

        var suggestion = admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{}");

        assertThat(suggestion.status()).isEqualTo(200);
        assertThat(suggestion.string("$.draft")).isEqualTo("Hi Jonas, done.");
        assertThat(suggestion.string("$.provider")).isEqualTo("openai");
        assertThat(suggestion.string("$.model")).isEqualTo("llama3.1");
        String prompt = requests.getLast();
        assertThat(prompt).contains("Lost parcel", "tracking is stuck", "<customer_data>", "llama3.1");
        assertThat(prompt).doesNotContain("SECRET-NOTE", KEY);
        assertThat(authorizations.getLast()).isEqualTo("Bearer " + KEY);

        admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{\"includeNotes\": true}");
        assertThat(requests.getLast()).contains("SECRET-NOTE");
        assertThat(output.getAll()).doesNotContain(KEY);
    }

    @Test
    void aFailingOrMissingModelServerGives502(CapturedOutput output) throws IOException {
        startServer(500, "{\"error\": \"boom\"}");
        useServer();
        long ticket = ticket("Login broken", "Jonas Weber", "I cannot log in.");

        var failed = admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{}");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.string("$.detail")).contains("HTTP 500");

        server.stop(0);
        server = null;
        var down = admin().post("/api/v1/tickets/" + ticket + "/suggestion", "{}");
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.string("$.detail")).contains("cannot be reached");
        assertThat(down.body() + output.getAll()).doesNotContain(KEY);
    }

    private void startServer(int status, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private void useServer() {
        int port = server.getAddress().getPort();
        var saved = admin().put(
                        "/api/v1/settings/ai",
                        "{\"enabled\": true, \"provider\": \"openai\", \"baseUrl\": \"http://127.0.0.1:" + port
                                + "/v1\"," + " \"model\": \"llama3.1\", \"apiKey\": \"" + KEY + "\"}");
        assertThat(saved.status()).isEqualTo(200);
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

    private long resolvedTicket(String subject, String name, String description, String reply) {
        long id = ticket(subject, name, description);
        var replied = admin().post(
                        "/api/v1/tickets/" + id + "/replies", "{\"body\": \"" + reply.replace("\n", "\\n") + "\"}");
        assertThat(replied.status()).isEqualTo(201);
        assertThat(admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}")
                        .status())
                .isEqualTo(200);
        return id;
    }
}
