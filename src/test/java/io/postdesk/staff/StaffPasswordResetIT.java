package io.postdesk.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * An admin's one-time password reset link for a staff member ({@code POST /api/v1/staff/{id}/password-reset} and
 * Settings → Team): the member sets a new password on {@code /password-reset} (sign-up rules), the link works once,
 * expires, is voided by a newer one, is stored only as a hash, and using it ends the member's sessions.
 */
class StaffPasswordResetIT extends IntegrationTest {

    private static final String OLD_PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "violet harbour 2026 lantern";

    @Test
    void theLinkSetsANewPasswordOnceAndEndsTheMembersSessions() {
        long ann = member("ann@postdesk.test", "agent");
        var annSession = WebSession.staff(port, "ann@postdesk.test", OLD_PASSWORD);
        assertThat(annSession.get("/").statusCode()).isEqualTo(200);

        var issued = admin().post("/api/v1/staff/" + ann + "/password-reset", "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String url = issued.string("$.url");
        Instant expiresAt = Instant.parse(issued.string("$.expiresAt"));
        assertThat(url).matches("https?://[^/]+/password-reset\\?token=[A-Za-z0-9_-]{43}");
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(issued.<Boolean>json("$.emailed")).isFalse();
        String token = url.substring(url.indexOf("token=") + 6);
        assertThat(jdbc.sql("SELECT token_hash FROM staff_password_resets")
                        .query(String.class)
                        .list())
                .hasSize(1)
                .noneMatch(hash -> hash.contains(token));

        var browser = new WebSession(port);
        String path = pathOf(url);
        var page = browser.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(page.body()).select("main strong").text()).isEqualTo("ann@postdesk.test");
        // Opening the page (as a mail scanner would) does not spend the link; neither does a refused password.
        assertThat(browser.get(path).statusCode()).isEqualTo(200);
        var weak = browser.post(
                "/password-reset", Map.of("token", token, "password", "password1234", "confirmation", "password1234"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(weak.body()).select("#reset-error").text()).contains("most common passwords");
        var differ = browser.post(
                "/password-reset", Map.of("token", token, "password", NEW_PASSWORD, "confirmation", "other"));
        assertThat(differ.statusCode()).isEqualTo(422);

        var done = browser.post(
                "/password-reset", Map.of("token", token, "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?reset");

        // Her open session is gone; the old password no longer signs in, the new one does.
        var after = annSession.get("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThatThrownBy(() -> WebSession.staff(port, "ann@postdesk.test", OLD_PASSWORD))
                .isInstanceOf(IllegalStateException.class);
        assertThat(WebSession.staff(port, "ann@postdesk.test", NEW_PASSWORD)
                        .get("/")
                        .statusCode())
                .isEqualTo(200);
        // Only the session just signed in with the new password is left.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?")
                        .param("ann@postdesk.test")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // Used once: a second use (or a look) is a 410 that sets nothing.
        assertThat(new WebSession(port).get(path).statusCode()).isEqualTo(410);
        var again = browser.post(
                "/password-reset", Map.of("token", token, "password", OLD_PASSWORD, "confirmation", OLD_PASSWORD));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(WebSession.staff(port, "ann@postdesk.test", NEW_PASSWORD)
                        .get("/")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anExpiredLinkAndALinkANewerOneReplacedDoNotWork() {
        long bo = member("bo@postdesk.test", "agent");
        String first = pathOf(
                admin().post("/api/v1/staff/" + bo + "/password-reset", "{}").string("$.url"));
        String second = pathOf(
                admin().post("/api/v1/staff/" + bo + "/password-reset", "{}").string("$.url"));

        assertThat(new WebSession(port).get(first).statusCode()).isEqualTo(410);
        assertThat(new WebSession(port).get(second).statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE staff_password_resets SET expires_at = ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
                .update();
        var browser = new WebSession(port);
        var page = browser.get(second);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(Jsoup.parse(page.body()).select("#reset-gone").text()).contains("Ask an admin");
        String token = second.substring(second.indexOf("token=") + 6);
        browser.get("/login");
        assertThat(browser.post(
                                "/password-reset",
                                Map.of("token", token, "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD))
                        .statusCode())
                .isEqualTo(410);
        assertThat(new WebSession(port).get("/password-reset?token=nonsense").statusCode())
                .isEqualTo(410);
        assertThat(new WebSession(port).get("/password-reset").statusCode()).isEqualTo(410);
    }

    @Test
    void onlyAdminsIssueLinksAndOnlyForActiveMembers() {
        long cy = member("cy@postdesk.test", "agent");
        long dee = member("dee@postdesk.test", "agent");

        assertThat(as(tokenFor(cy))
                        .post("/api/v1/staff/" + dee + "/password-reset", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(admin().post("/api/v1/staff/999999/password-reset", "{}").status())
                .isEqualTo(404);
        assertThat(admin().patch("/api/v1/staff/" + dee, "{\"active\": false}").status())
                .isEqualTo(200);
        var refused = admin().post("/api/v1/staff/" + dee + "/password-reset", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_password_resets")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void settingsShowTheLinkWithItsExpiryAndMailItWhenSmtpIsConfigured() {
        long eve = member("eve@postdesk.test", "agent");
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/team");

        var withoutSmtp = admin.post("/settings/staff/" + eve + "/password-reset", Map.of());
        assertThat(withoutSmtp.statusCode()).isEqualTo(200);
        var section = Jsoup.parse(withoutSmtp.body());
        assertThat(section.select("#reset-link-url").val()).contains("/password-reset?token=");
        assertThat(section.select("#reset-link time").attr("datetime")).isNotBlank();
        assertThat(section.select("#reset-link-mail").text()).contains("Not emailed");
        assertThat(withoutSmtp.headers().firstValue("HX-Trigger").orElse("")).contains("postdesk:toast");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single())
                .isZero();

        assertThat(admin().put("/api/v1/settings/email", """
                        {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": 2525,
                         "fromEmail": "support@acme.test"}""").status()).isEqualTo(200);
        var withSmtp = admin.post("/settings/staff/" + eve + "/password-reset", Map.of());
        assertThat(withSmtp.statusCode()).isEqualTo(200);
        String url = Jsoup.parse(withSmtp.body()).select("#reset-link-url").val();
        assertThat(Jsoup.parse(withSmtp.body()).select("#reset-link-mail").text())
                .contains("Also emailed");
        String mime = jdbc.sql("SELECT mime FROM outbox").query(String.class).single();
        assertThat(mime).contains("eve@postdesk.test").contains("Reset your Postdesk password");
        assertThat(mime.replaceAll("=\r?\n", "").replace("=3D", "=")).contains(url);
        assertThat(jdbc.sql("SELECT recipients FROM outbox").query(String.class).single())
                .contains("eve@postdesk.test");
    }

    private long member(String email, String role) {
        var created = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"Member " + email + "\", \"email\": \"" + email + "\", \"role\": \"" + role
                                + "\", \"password\": \"" + OLD_PASSWORD + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
