package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outgoing mail queue over {@code /api/v1/outbox}; without SMTP nothing is queued. */
class OutboxApiIT extends IntegrationTest {

    @Test
    void queuesNothingWithoutSmtp() {
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"contactEmail\": \"c@example.com\"}")
                .id();
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"reply\"}");

        var outbox = admin().get("/api/v1/outbox");

        assertThat(outbox.status()).isEqualTo(200);
        assertThat((List<?>) outbox.json("$")).isEmpty();
        assertThat((List<?>) admin().get("/api/v1/tickets/" + id + "/messages").json("$[0].deliveries"))
                .isEmpty();
    }

    @Test
    void filtersByKnownStatusesOnly() {
        assertThat(admin().get("/api/v1/outbox?status=failed").status()).isEqualTo(200);
        assertBadField(admin().get("/api/v1/outbox?status=lost"), "status");
    }

    @Test
    void answersNotFoundForUnknownMail() {
        assertProblem(admin().get("/api/v1/outbox/999999"), 404);
        assertProblem(admin().post("/api/v1/outbox/999999/retry", ""), 404);
    }
}
