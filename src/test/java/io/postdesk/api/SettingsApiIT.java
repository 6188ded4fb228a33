package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Instance settings: the helpdesk switch, the webhook secret and SMTP, which only admins see and change. */
class SettingsApiIT extends IntegrationTest {

    private static final String SECRET = "a-webhook-secret-of-some-length";

    // --- helpdesk ---

    @Test
    void helpdeskIsEnabledByDefault() {
        var helpdesk = admin().get("/api/v1/settings/helpdesk");

        assertThat(helpdesk.status()).isEqualTo(200);
        assertThat((Boolean) helpdesk.json("$.enabled")).isTrue();
    }

    @Test
    void switchesTheHelpdeskOffAndOn() {
        var off = admin().put("/api/v1/settings/helpdesk", "{\"enabled\": false}");

        assertThat(off.status()).isEqualTo(200);
        assertThat((Boolean) off.json("$.enabled")).isFalse();
        assertThat((Boolean) admin().get("/api/v1/settings/helpdesk").json("$.enabled"))
                .isFalse();

        admin().put("/api/v1/settings/helpdesk", "{\"enabled\": true}");

        assertThat((Boolean) admin().get("/api/v1/settings/helpdesk").json("$.enabled"))
                .isTrue();
    }

    @Test
    void rejectsHelpdeskSwitchWithoutEnabled() {
        admin().put("/api/v1/settings/helpdesk", "{\"enabled\": false}");

        assertBadField(admin().put("/api/v1/settings/helpdesk", "{}"), "enabled");
        assertBadField(admin().put("/api/v1/settings/helpdesk", "{\"enabled\": null}"), "enabled");
        assertProblem(admin().put("/api/v1/settings/helpdesk", "{\"enabled\": \"maybe\"}"), 400);
        assertThat((Boolean) admin().get("/api/v1/settings/helpdesk").json("$.enabled"))
                .isFalse();
    }

    // --- webhook ---

    @Test
    void setsWebhookSecretWithoutEverShowingIt() {
        assertThat((Boolean) admin().get("/api/v1/settings/webhook").json("$.secretConfigured"))
                .isFalse();

        var saved = admin().put("/api/v1/settings/webhook", "{\"secret\": \"" + SECRET + "\"}");

        assertThat(saved.status()).isEqualTo(200);
        assertThat((Boolean) saved.json("$.secretConfigured")).isTrue();
        assertThat(saved.body()).doesNotContain(SECRET);
        var read = admin().get("/api/v1/settings/webhook");
        assertThat((Boolean) read.json("$.secretConfigured")).isTrue();
        assertThat(read.body()).doesNotContain(SECRET);
    }

    @Test
    void clearsWebhookSecretWithNull() {
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"" + SECRET + "\"}");

        var cleared = admin().put("/api/v1/settings/webhook", "{\"secret\": null}");

        assertThat((Boolean) cleared.json("$.secretConfigured")).isFalse();
        assertThat((Boolean) admin().get("/api/v1/settings/webhook").json("$.secretConfigured"))
                .isFalse();
    }

    @Test
    void rejectsTooShortWebhookSecret() {
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"" + SECRET + "\"}");

        assertBadField(admin().put("/api/v1/settings/webhook", "{\"secret\": \"short\"}"), "secret");
        assertBadField(admin().put("/api/v1/settings/webhook", "{\"secret\": \"" + "x".repeat(15) + "\"}"), "secret");
        assertThat((Boolean) admin().get("/api/v1/settings/webhook").json("$.secretConfigured"))
                .isTrue();
    }

    // --- email ---

    @Test
    void emailSettingsStartUnconfigured() {
        var email = admin().get("/api/v1/settings/email");

        assertThat(email.status()).isEqualTo(200);
        assertThat((Object) email.json("$.host")).isNull();
        assertThat(email.number("$.port")).isEqualTo(587);
        assertThat((Boolean) email.json("$.passwordSet")).isFalse();
        assertThat((Boolean) email.json("$.ssl")).isFalse();
        assertThat((Boolean) email.json("$.configured")).isFalse();
    }

    @Test
    void savesEmailSettingsWithoutReturningThePassword() {
        var saved = admin().put("/api/v1/settings/email", """
                {"supportAddress": "Support@Acme.Example", "host": "smtp.acme.example", "port": 465,
                 "username": "mailer", "password": "smtp-pa55word", "ssl": true,
                 "fromEmail": "help@acme.example", "fromName": "Acme Support"}""");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("smtp-pa55word");
        var read = admin().get("/api/v1/settings/email");
        assertThat(read.body()).doesNotContain("smtp-pa55word");
        assertThat(read.string("$.supportAddress")).isEqualTo("support@acme.example");
        assertThat(read.string("$.host")).isEqualTo("smtp.acme.example");
        assertThat(read.number("$.port")).isEqualTo(465);
        assertThat(read.string("$.username")).isEqualTo("mailer");
        assertThat((Boolean) read.json("$.passwordSet")).isTrue();
        assertThat((Boolean) read.json("$.ssl")).isTrue();
        assertThat(read.string("$.fromEmail")).isEqualTo("help@acme.example");
        assertThat(read.string("$.fromName")).isEqualTo("Acme Support");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM settings WHERE setting_value LIKE '%smtp-pa55word%'")
                        .query(Long.class)
                        .single())
                .as("the password is stored encrypted")
                .isZero();
    }

    @Test
    void keepsThePasswordWhenNoneIsSentAndRemovesItWhenEmpty() {
        admin().put("/api/v1/settings/email", """
                {"host": "smtp.acme.example", "password": "smtp-pa55word", "fromEmail": "help@acme.example"}""");

        admin().put(
                        "/api/v1/settings/email",
                        "{\"host\": \"smtp2.acme.example\", \"fromEmail\": \"help@acme.example\"}");
        assertThat((Boolean) admin().get("/api/v1/settings/email").json("$.passwordSet"))
                .isTrue();

        admin().put("/api/v1/settings/email", """
                {"host": "smtp2.acme.example", "password": "", "fromEmail": "help@acme.example"}""");
        assertThat((Boolean) admin().get("/api/v1/settings/email").json("$.passwordSet"))
                .isFalse();
    }

    @Test
    void rejectsInvalidEmailSettings() {
        assertBadField(admin().put("/api/v1/settings/email", "{\"host\": \"smtp.acme.example\"}"), "fromEmail");
        assertBadField(
                admin().put("/api/v1/settings/email", "{\"port\": 0, \"fromEmail\": \"help@acme.example\"}"), "port");
        assertBadField(admin().put("/api/v1/settings/email", "{\"port\": 70000}"), "port");
        assertBadField(admin().put("/api/v1/settings/email", "{\"supportAddress\": \"support\"}"), "supportAddress");
        assertBadField(
                admin().put(
                                "/api/v1/settings/email",
                                "{\"host\": \"smtp acme\", \"fromEmail\": \"help@acme.example\"}"),
                "host");
        assertThat((Object) admin().get("/api/v1/settings/email").json("$.host"))
                .isNull();
    }

    @Test
    void testMailReportsMissingSmtpConfiguration() {
        var check = admin().post("/api/v1/settings/email/test", "{\"to\": \"me@example.com\"}");

        assertThat(check.status()).isEqualTo(200);
        assertThat((Boolean) check.json("$.ok")).isFalse();
        assertThat(check.string("$.error")).contains("not configured");
    }

    @Test
    void testMailRejectsInvalidRecipient() {
        assertBadField(admin().post("/api/v1/settings/email/test", "{\"to\": \"nobody\"}"), "to");
    }
}
