package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code GET|PUT /api/v1/settings/sender-verification}: admins only, host names only, bounded. */
class SenderVerificationApiIT extends IntegrationTest {

    private static final String PATH = "/api/v1/settings/sender-verification";

    @Test
    void trustsNoServerAndRequiresNothingByDefault() {
        var current = admin().get(PATH);

        assertThat(current.status()).isEqualTo(200);
        assertThat((List<?>) current.json("$.trustedAuthservIds")).isEmpty();
        assertThat((Boolean) current.json("$.requireVerifiedStaff")).isFalse();
    }

    @Test
    void savesLowerCaseDistinctHostNamesAndKeepsWhatIsLeftOut() {
        var saved = admin().put(
                        PATH,
                        "{\"trustedAuthservIds\": [\"MX.Example.com\", \"mx.example.com\", \" mx2.example.com \"],"
                                + " \"requireVerifiedStaff\": true}");
        var onlyTheSwitch = admin().put(PATH, "{\"requireVerifiedStaff\": false}");

        assertThat(saved.status()).isEqualTo(200);
        assertThat((List<String>) saved.json("$.trustedAuthservIds"))
                .containsExactly("mx.example.com", "mx2.example.com");
        assertThat((Boolean) saved.json("$.requireVerifiedStaff")).isTrue();
        assertThat((List<String>) onlyTheSwitch.json("$.trustedAuthservIds"))
                .containsExactly("mx.example.com", "mx2.example.com");
        assertThat((Boolean) admin().get(PATH).json("$.requireVerifiedStaff")).isFalse();
    }

    @Test
    void refusesWhatIsNotAHostNameOrTooManyAndChangesNothing() {
        admin().put(PATH, "{\"trustedAuthservIds\": [\"mx.example.com\"]}");
        String many = IntStream.range(0, 21)
                .mapToObj(i -> "\"mx" + i + ".example.com\"")
                .collect(Collectors.joining(","));

        assertBadField(
                admin().put(PATH, "{\"trustedAuthservIds\": [\"mx.example.com; dmarc=pass\"]}"), "trustedAuthservIds");
        assertBadField(admin().put(PATH, "{\"trustedAuthservIds\": [\"\"]}"), "trustedAuthservIds");
        assertBadField(admin().put(PATH, "{\"trustedAuthservIds\": [null]}"), "trustedAuthservIds");
        assertBadField(admin().put(PATH, "{\"trustedAuthservIds\": [\"-bad-.example.com\"]}"), "trustedAuthservIds");
        assertBadField(admin().put(PATH, "{\"trustedAuthservIds\": [" + many + "]}"), "trustedAuthservIds");
        assertProblem(admin().put(PATH, "{\"requireVerifiedStaff\": \"maybe\"}"), 400);
        assertProblem(admin().put(PATH, "{\"trustedAuthservIds\": \"mx.example.com\"}"), 400);
        assertThat((List<String>) admin().get(PATH).json("$.trustedAuthservIds"))
                .containsExactly("mx.example.com");
    }

    @Test
    void onlyAdminsSeeOrChangeIt() {
        var agent = newAgent("agent@postdesk.test");

        assertThat(agent.get(PATH).status()).isEqualTo(403);
        assertThat(agent.put(PATH, "{\"requireVerifiedStaff\": true}").status()).isEqualTo(403);
        assertThat(anonymous().get(PATH).status()).isEqualTo(401);
        assertThat((Boolean) admin().get(PATH).json("$.requireVerifiedStaff")).isFalse();
    }
}
