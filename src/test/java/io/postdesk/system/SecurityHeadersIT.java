package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Without forwarded headers configured (the default) a request is what it looks like: plain HTTP here, whatever an
 * {@code X-Forwarded-Proto} header claims, so no {@code Secure} cookie and no HSTS. The referrer policy is on every chain.
 */
class SecurityHeadersIT extends IntegrationTest {

    @Test
    void everyChainSendsNoReferrer() {
        var browser = new WebSession(port);

        assertThat(browser.get("/login").headers().firstValue("Referrer-Policy"))
                .contains("no-referrer");
        assertThat(browser.get("/portal/login").headers().firstValue("Referrer-Policy"))
                .contains("no-referrer");
        assertThat(admin().get("/api/v1/staff/me").header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(anonymous().get("/api/v1/staff/me").header("Referrer-Policy"))
                .isEqualTo("no-referrer");
        assertThat(anonymous()
                        .postRaw("/api/tickets/inbound-email", "message/rfc822", new byte[0])
                        .header("Referrer-Policy"))
                .isEqualTo("no-referrer");
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessConfigured() {
        var browser = new WebSession(port).withHeader("X-Forwarded-Proto", "https");

        HttpResponse<String> login = browser.get("/login");

        assertThat(sessionCookie(login)).isNotEmpty().doesNotContainIgnoringCase("secure");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElse("");
    }
}
