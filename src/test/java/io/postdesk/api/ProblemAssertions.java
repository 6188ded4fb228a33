package io.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient.Response;

/** Checks that an answer is an RFC 9457 problem detail with the expected status (and field, for bad input). */
final class ProblemAssertions {

    private ProblemAssertions() {}

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .as("content type of %s", response)
                .startsWith("application/problem+json");
        assertThat(response.number("$.status")).isEqualTo(status);
    }

    /** A 400 that names the request field at fault. */
    static void assertBadField(Response response, String field) {
        assertProblem(response, 400);
        assertThat(response.string("$.field")).as("field of %s", response).isEqualTo(field);
    }
}
