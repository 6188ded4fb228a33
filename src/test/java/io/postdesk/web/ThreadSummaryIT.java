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

/** The thread summary at the top of a long ticket: extractive offline, written by the model with openai. */
class ThreadSummaryIT extends IntegrationTest {

    private HttpServer server;

    @AfterEach
    void offlineAgain() {
        if (server != null) {
            server.stop(0);
        }
        admin().put("/api/v1/settings/ai", "{\"enabled\": true, \"provider\": \"offline\", \"apiKey\": \"\"}");
    }

    @Test
    void offlineSummaryTakesTheKeySentenceTheStatusAndTheLastStaffAnswerButNoNote() {
        long ticket = longTicket();
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(session.get("/tickets/" + ticket).body()).contains("id=\"summarize\"");
        String summary =
                session.post("/tickets/" + ticket + "/summary", Map.of()).body();

        assertThat(summary)
                .contains("id=\"summary-paragraph\"")
                .contains("Jonas Weber wrote: &quot;My parcel never arrived and the tracking is stuck.&quot;")
                .contains("Status: ")
                .contains("Last staff answer: &quot;A replacement parcel left our warehouse by express today.&quot;")
                .doesNotContain("SECRET-NOTE", "Hello team", "Hi Jonas");

        long shortTicket = ticket("Quick question", "Just one line.");
        assertThat(session.get("/tickets/" + shortTicket).body()).doesNotContain("id=\"summarize\"");
        admin().put("/api/v1/settings/ai", "{\"enabled\": false}");
        assertThat(session.post("/tickets/" + ticket + "/summary", Map.of()).body())
                .contains("switched off");
    }

    @Test
    void openAiSummaryComesFromTheModelWithoutNotesAndAFailureSaysWhy() throws IOException {
        List<String> prompts = new CopyOnWriteArrayList<>();
        int[] status = {200};
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            prompts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body =
                    "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Jonas lost a parcel; a replacement is on its way.\"}}]}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        admin().put(
                        "/api/v1/settings/ai",
                        "{\"enabled\": true, \"provider\": \"openai\", \"baseUrl\": \"http://127.0.0.1:"
                                + server.getAddress().getPort() + "/v1\", \"model\": \"llama3.1\"}");
        long ticket = longTicket();
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        session.get("/tickets/" + ticket);

        assertThat(session.post("/tickets/" + ticket + "/summary", Map.of()).body())
                .contains("Jonas lost a parcel; a replacement is on its way.", "llama3.1");
        assertThat(prompts.getLast())
                .contains("Summarise this ticket", "tracking is stuck", "replacement parcel")
                .doesNotContain("SECRET-NOTE");

        status[0] = 500;
        assertThat(session.post("/tickets/" + ticket + "/summary", Map.of()).body())
                .contains("id=\"summary-error\"", "HTTP 500");
    }

    /** Four visible messages and a team note. */
    private long longTicket() {
        long ticket = ticket(
                "Parcel never arrived",
                "Hello team. My parcel never arrived and the tracking is stuck. Please help me.");
        reply(
                ticket,
                "Hi Jonas,\\n\\nWe asked the courier about your parcel.\\n\\nBest regards,\\nAdministrator",
                false);
        reply(ticket, "SECRET-NOTE courier lost it", true);
        reply(ticket, "Hi Jonas,\\n\\nThe courier has not found it yet.", false);
        reply(
                ticket,
                "Hi Jonas,\\n\\nA replacement parcel left our warehouse by express today. It arrives soon.",
                false);
        return ticket;
    }

    private void reply(long ticket, String body, boolean internal) {
        assertThat(admin().post(
                                "/api/v1/tickets/" + ticket + "/replies",
                                "{\"body\": \"" + body + "\", \"internal\": " + internal + "}")
                        .status())
                .isEqualTo(201);
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
