package io.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketApiIT extends IntegrationTest {

    @Test
    void createsTicketWithApiSourceDefaultPriorityAndContact() {
        var created = admin().post("/api/v1/tickets", """
                {"subject": "  Printer on fire ", "contactEmail": "Bob@Example.com", "contactName": "Bob"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat((String) created.json("$.subject")).isEqualTo("Printer on fire");
        assertThat((String) created.json("$.status")).isEqualTo("open");
        assertThat((String) created.json("$.priority")).isEqualTo("medium");
        assertThat((String) created.json("$.source")).isEqualTo("api");
        assertThat((String) created.json("$.contact.email")).isEqualTo("bob@example.com");
        assertThat((Object) created.json("$.assignee")).isNull();
        assertThat((Object) created.json("$.resolvedAt")).isNull();
    }

    @Test
    void listsWithCountsThatIgnoreOnlyTheStatusFilter() {
        createTicket("a", "high");
        createTicket("b", "high");
        long c = createTicket("c", "low");
        admin().patch("/api/v1/tickets/" + c, "{\"status\": \"pending\"}");

        var page = admin().get("/api/v1/tickets?status=open&priority=high");

        assertThat(page.status()).isEqualTo(200);
        assertThat((List<?>) page.json("$.items")).hasSize(2);
        assertThat(((Number) page.json("$.total")).longValue()).isEqualTo(2);
        assertThat((Map<String, Object>) page.json("$.counts"))
                .containsEntry("all", 2)
                .containsEntry("open", 2)
                .containsEntry("pending", 0);
        var all = admin().get("/api/v1/tickets");
        assertThat((Map<String, Object>) all.json("$.counts"))
                .containsEntry("all", 3)
                .containsEntry("open", 2)
                .containsEntry("pending", 1)
                .containsEntry("in_progress", 0);
    }

    @Test
    void rejectsMissingToken() {
        var response = anonymous().get("/api/v1/tickets");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private long createTicket(String subject, String priority) {
        return admin().post("/api/v1/tickets", "{\"subject\": \"" + subject + "\", \"priority\": \"" + priority + "\"}")
                .id();
    }
}
