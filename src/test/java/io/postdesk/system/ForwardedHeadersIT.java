package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import io.postdesk.shared.LoginAttempts;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a TLS-terminating proxy (forwarded headers honoured): HTTPS is recognised, so the session cookie is
 * {@code Secure} and HSTS is sent; and the client address the proxy forwards is the one sign-in lockouts count.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class ForwardedHeadersIT extends IntegrationTest {

    private static final String ATTACKER = "203.0.113.9";
    private static final String REAL_USER = "198.51.100.20";

    @Test
    void httpsBehindTheProxyGetsASecureSessionCookieAndHsts() {
        var browser = new WebSession(port).withHeader("X-Forwarded-Proto", "https");

        HttpResponse<String> login = browser.get("/login");

        assertThat(SecurityHeadersIT.sessionCookie(login))
                .containsIgnoringCase("; Secure")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
        assertThat(login.headers().firstValue("Strict-Transport-Security").orElseThrow())
                .contains("max-age=31536000")
                .contains("includeSubDomains");
        var staff = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(staff.get("/").headers().firstValue("Strict-Transport-Security"))
                .as("plain HTTP through the same proxy")
                .isEmpty();
    }

    @Test
    void aGuesserAtOneAddressCannotLockTheRealUserOutFromAnother() {
        var attacker = new WebSession(port).withHeader("X-Forwarded-For", ATTACKER);
        attacker.get("/login");
        for (int i = 0; i < LoginAttempts.MAX_FAILURES; i++) {
            assertThat(location(attacker.post("/login", Map.of("email", ADMIN_EMAIL, "password", "guess-" + i))))
                    .endsWith("/login?error");
        }

        var attackerWithRightPassword =
                attacker.post("/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        var realUser = new WebSession(port).withHeader("X-Forwarded-For", REAL_USER);
        realUser.get("/login");
        var realSignIn = realUser.post("/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));

        assertThat(location(attackerWithRightPassword)).endsWith("/login?error");
        assertThat(location(realSignIn)).doesNotContain("error");
        assertThat(realUser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void oneAddressCannotSprayManyAccounts() {
        var sprayer = new WebSession(port).withHeader("X-Forwarded-For", ATTACKER);
        sprayer.get("/login");
        for (int i = 0; i < LoginAttempts.MAX_CLIENT_FAILURES; i++) {
            sprayer.post("/login", Map.of("email", "user" + i + "@postdesk.test", "password", "guess-password"));
        }

        var blocked = sprayer.post("/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));

        assertThat(location(blocked)).endsWith("/login?error");
        assertThat(sprayer.get("/login?error").body()).contains("Too many failed sign-ins");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }
}
