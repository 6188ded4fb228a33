package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Errors that no single endpoint owns still answer as RFC 9457 problem details, never as HTML or a 500. */
class ApiProblemsIT extends IntegrationTest {

    @Test
    void answersUnknownPathsWithNotFound() {
        assertProblem(admin().get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void answersUnsupportedMethodWith405() {
        var response = admin().put("/api/v1/tickets", "{}");

        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void answersUnsupportedContentTypeWith415() {
        var response = admin().postRaw("/api/v1/tickets", "text/plain", "subject=Hi".getBytes(StandardCharsets.UTF_8));

        assertProblem(response, 415);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isZero();
    }

    @Test
    void answersMissingBodyWith400() {
        assertProblem(admin().postRaw("/api/v1/tickets", "application/json", new byte[0]), 400);
    }

    @Test
    void doesNotEchoInternalsInProblems() {
        var response = admin().post("/api/v1/tickets", "{\"subject\": ");

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("jackson");
    }
}
