package io.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the app serves describes the REST API. */
class OpenApiIT extends IntegrationTest {

    @Test
    void servesTheApiDocumentWithoutAToken() {
        var docs = anonymous().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.string("$.openapi")).startsWith("3.");
        assertThat(((Map<String, Object>) docs.json("$.paths")).keySet())
                .contains(
                        "/api/v1/tickets",
                        "/api/v1/tickets/{id}",
                        "/api/v1/tickets/{id}/messages",
                        "/api/v1/tickets/{id}/replies",
                        "/api/v1/staff",
                        "/api/v1/orders",
                        "/api/v1/spam-list",
                        "/api/v1/settings/helpdesk");
    }
}
