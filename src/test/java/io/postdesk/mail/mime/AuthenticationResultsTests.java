package io.postdesk.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Authentication-Results reader, on the examples of RFC 8601 Appendix B and what real servers write. */
class AuthenticationResultsTests {

    @Test
    void readsTheAuthservIdAndOneResultWithItsProperty() {
        var header = AuthenticationResults.parse("example.com; spf=pass smtp.mailfrom=example.net")
                .orElseThrow();

        assertThat(header.authservId()).isEqualTo("example.com");
        assertThat(header.results()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("spf");
            assertThat(r.result()).isEqualTo("pass");
            assertThat(r.property("smtp.mailfrom")).isEqualTo("example.net");
        });
    }

    @Test
    void readsNoResultsFromANoneHeaderWithAVersion() {
        var header = AuthenticationResults.parse("example.org 1; none").orElseThrow();

        assertThat(header.authservId()).isEqualTo("example.org");
        assertThat(header.results()).isEmpty();
    }

    @Test
    void readsSeveralResultsAndSkipsComments() {
        var header = AuthenticationResults.parse("example.com;\r\n"
                        + "      auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
                        + "      spf=pass (a comment; with a semicolon (and nesting)) smtp.mailfrom=example.net")
                .orElseThrow();

        assertThat(header.results())
                .extracting(AuthenticationResults.Result::method, AuthenticationResults.Result::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("auth", "pass"),
                        org.assertj.core.groups.Tuple.tuple("spf", "pass"));
        assertThat(header.results().get(0).property("smtp.auth")).isEqualTo("sender@example.net");
        assertThat(header.results().get(1).property("smtp.mailfrom")).isEqualTo("example.net");
    }

    @Test
    void readsQuotedReasonsAndIdentitiesWithAnAt() {
        var header = AuthenticationResults.parse("example.com;\r\n"
                        + "      dkim=pass reason=\"good signature\"\r\n"
                        + "        header.i=@mail-router.example.net;\r\n"
                        + "      dkim=fail reason=\"bad; signature\"\r\n"
                        + "        header.i=@newyork.example.com")
                .orElseThrow();

        assertThat(header.results()).hasSize(2);
        assertThat(header.results().get(0).reason()).isEqualTo("good signature");
        assertThat(header.results().get(0).property("header.i")).isEqualTo("@mail-router.example.net");
        assertThat(header.results().get(1).isFail()).isTrue();
        assertThat(header.results().get(1).reason()).isEqualTo("bad; signature");
    }

    @Test
    void toleratesVersionsCaseAndSpaceAroundTheSigns() {
        var header = AuthenticationResults.parse("\"MX.Example.COM\" (our mx);"
                        + " DKIM/1 = Pass header . d = Example.com; dmarc=FAIL (p=reject) header.from=example.com")
                .orElseThrow();

        assertThat(header.authservId()).isEqualTo("mx.example.com");
        assertThat(header.results().get(0).method()).isEqualTo("dkim");
        assertThat(header.results().get(0).isPass()).isTrue();
        assertThat(header.results().get(0).property("header.d")).isEqualTo("Example.com");
        assertThat(header.results().get(1).method()).isEqualTo("dmarc");
        assertThat(header.results().get(1).isFail()).isTrue();
    }

    @Test
    void aHeaderWithoutAnAuthservIdCannotBeRead() {
        // Some servers start with the results; such a header names no server, so nobody can trust it.
        assertThat(AuthenticationResults.parse("spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com"))
                .isEmpty();
        assertThat(AuthenticationResults.parse("; dmarc=pass")).isEmpty();
        assertThat(AuthenticationResults.parse("   ")).isEmpty();
    }

    @Test
    void skipsGarbageBetweenResults() {
        var header = AuthenticationResults.parse("mx.example.com; ;; =pass; spf; dkim=pass header.d=example.com;")
                .orElseThrow();

        assertThat(header.results())
                .extracting(AuthenticationResults.Result::method)
                .isEqualTo(List.of("dkim"));
    }
}
