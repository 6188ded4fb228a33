package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.util.Map;
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

    private long ticket(String subject, String name, String description) {
        String email = name.toLowerCase().replace(' ', '.') + System.nanoTime() + "@customer.test";
        return admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"description\": \"" + description
                                + "\", \"contactName\": \"" + name + "\", \"contactEmail\": \"" + email + "\"}")
                .id();
    }
}
