package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code /actuator/prometheus} after a mail came in: the inbound, step, quarantine, outbox, mailbox and HTTP series are
 * there, and only an admin (token or session) or the scrape token may read them.
 */
// Boot's test support switches metric export off unless asked; this test is about the export.
@TestPropertySource(
        properties = {
            "management.prometheus.metrics.export.enabled=true",
            "postdesk.system.metrics-token=scrape-token-for-tests"
        })
class MetricsIT extends IntegrationTest {

    private static final String MAIL = """
            From: Ada <ada@example.com>
            To: help@postdesk.test
            Subject: Printer on fire
            Message-ID: <metrics-it-1@example.com>

            It is on fire.
            """.replace("\n", "\r\n");

    @Test
    void scrapesTheMailSeriesAfterAMail() {
        var posted = anonymous()
                .postRaw("/api/tickets/inbound-email", "message/rfc822", MAIL.getBytes(StandardCharsets.UTF_8));
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.string("$.outcome")).isEqualTo("created");

        var scrape = as("scrape-token-for-tests").get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).contains("text/plain");
        String text = scrape.body();
        assertThat(text)
                .containsPattern(
                        "postdesk_inbound_mails_total\\{[^}]*door=\"rfc822\"[^}]*outcome=\"created\"[^}]*} 1\\.0")
                .containsPattern(
                        "postdesk_inbound_step_seconds_count\\{[^}]*step=\"store_raw\"[^}]*verdict=\"continue\"")
                .containsPattern("postdesk_inbound_step_seconds_count\\{[^}]*step=\"apply_to_conversation\"")
                .containsPattern("postdesk_inbound_quarantined\\{[^}]*} 0\\.0")
                .containsPattern("postdesk_outbox_depth\\{[^}]*} \\d")
                .contains("postdesk_outbox_oldest_pending_age_seconds")
                .contains("postdesk_mailbox_last_fetch_age_seconds")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/tickets/inbound-email\"");
        // No series is keyed by anything a sender chooses.
        assertThat(text).doesNotContain("ada@example.com").doesNotContain("Printer on fire");
    }

    @Test
    void anAdminsTokenAndSessionMayScrape() {
        assertThat(admin().get("/actuator/prometheus").status()).isEqualTo(200);
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(session.get("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnonymousAgentsAndWrongTokens() {
        var anonymous = anonymous().get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("postdesk_");

        assertThat(as("not-the-scrape-token").get("/actuator/prometheus").status())
                .isEqualTo(401);
        assertThat(newAgent("agent@postdesk.test").get("/actuator/prometheus").status())
                .isEqualTo(403);
        // The scrape token opens metrics and nothing else.
        assertThat(as("scrape-token-for-tests").get("/api/v1/tickets").status()).isEqualTo(401);
        assertThat(as("scrape-token-for-tests").get("/actuator/env").status()).isNotEqualTo(200);
    }
}
