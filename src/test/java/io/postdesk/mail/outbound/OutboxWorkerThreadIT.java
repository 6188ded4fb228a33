package io.postdesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.IntegrationTest;
import io.postdesk.shared.EmailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The background worker on its own: mail leaves without anyone calling it, and never inside the request. */
@TestPropertySource(properties = "postdesk.mail.outbound.worker-enabled=true")
class OutboxWorkerThreadIT extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Autowired
    CustomerNotices notices;

    @Test
    void deliversQueuedRepliesInTheBackground() {
        configureSmtp();
        long ticket = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"Background\", \"contactEmail\": \"jo@example.com\"}")
                .id();

        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"Sent by the worker\"}");

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(smtp.getReceivedMessagesForDomain("example.com")).hasSize(1);
    }

    @Test
    void tellsClientsOfLockedOrdersOnceAndNeverAnswersAutomaticMail() throws Exception {
        configureSmtp();
        long order = admin().post("/api/v1/orders", "{\"title\": \"Order 1\", \"contactEmail\": \"kim@example.com\"}")
                .id();
        admin().patch("/api/v1/orders/" + order, "{\"status\": \"completed\", \"locked\": true}");
        var client = new EmailAddress("kim@example.com");

        boolean first = notices.orderLocked(order, client, "<late@example.com>", false, "<late@example.com>");
        boolean again = notices.orderLocked(order, client, "<late@example.com>", false, "<late@example.com>");
        boolean toAutoReply = notices.orderLocked(order, client, "<ooo@example.com>", true, "<ooo@example.com>");

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(toAutoReply).isFalse();
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        var notice = smtp.getReceivedMessages()[0];
        assertThat(notice.getSubject()).contains("order #" + order);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE purpose = 'customer_notice'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void rateLimitsAutomaticNoticesPerRecipient() {
        configureSmtp();
        long order = admin().post("/api/v1/orders", "{\"title\": \"Order 2\", \"contactEmail\": \"lee@example.com\"}")
                .id();
        admin().patch("/api/v1/orders/" + order, "{\"locked\": true}");
        var client = new EmailAddress("lee@example.com");

        int queued = 0;
        for (int i = 0; i < 15; i++) {
            if (notices.orderLocked(order, client, null, false, "<m" + i + "@example.com>")) {
                queued++;
            }
        }

        assertThat(queued).isEqualTo(10);
    }

    private void configureSmtp() {
        admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "password": "smtp-password", "ssl": false, "fromEmail": "support@acme.test"}""".formatted(smtp.getSmtp().getPort()));
    }
}
