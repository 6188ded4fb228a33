package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import io.postdesk.mail.outbound.OutboxWorker;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bounce reports end to end: an agent's reply goes out through a real SMTP server (GreenMail), a DSN naming its
 * Message-ID comes back through the webhook, and the delivery, the ticket page and the contact show the bounce. A
 * forged report (an unknown Message-ID, a recipient the mail never had) and explain change nothing.
 */
class BounceIT extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Autowired
    OutboxWorker worker;

    @Test
    void aDsnForAReplyMarksItsDeliveryBouncedAndWarnsAboutTheContact() throws Exception {
        long ticket = ticketWithSentReply("Printer on fire", "bob@example.com");
        String messageId = sentMessageId("Printer on fire");

        ApiClient.Response result = postToWebhook(dsn(messageId, "bob@example.com", "5.1.1", "User unknown"));

        assertThat((String) result.json("$.outcome")).as(result.body()).isEqualTo("ignored");
        assertThat((String) result.json("$.reason")).isEqualTo("bounce");
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[0].deliveries[0].status")).isEqualTo("bounced");
        assertThat((String) messages.json("$[0].deliveries[0].lastError"))
                .isEqualTo("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown");
        var contact = admin().get("/api/v1/contacts?email=bob@example.com");
        assertThat((String) contact.json("$[0].bounceReason"))
                .isEqualTo("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown");
        assertThat((String) contact.json("$[0].bouncedAt")).isNotBlank();
        List<String> bouncedTo = admin().get("/api/v1/outbox?status=bounced").json("$[*].recipients");
        assertThat(bouncedTo).containsExactly("bob@example.com");
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(session.get("/settings/email").body()).contains("id=\"bounced-mail\"");
        String page = session.get("/tickets/" + ticket).body();
        assertThat(page)
                .contains("bounced: 550 5.1.1 &lt;bob@example.com&gt;: Recipient address rejected: User unknown");
        assertThat(page).contains("id=\"contact-bounced\"");
        List<String> steps = jdbc.sql("SELECT steps FROM inbound_mails ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .query(String.class)
                .list();
        assertThat(steps.getFirst()).contains("record_delivery_report").contains(" bounced (5.1.1)");
    }

    @Test
    void theWarningGoesWhenTheContactWritesInAgain() throws Exception {
        long ticket = ticketWithSentReply("Invoice", "carol@example.com");
        postToWebhook(dsn(sentMessageId("Invoice"), "carol@example.com", "5.2.2", "Mailbox full"));
        assertThat(bounceReason("carol@example.com")).isNotNull();

        String answer = "From: carol@example.com\r\nTo: support@acme.test\r\nSubject: Re: Invoice [#" + ticket + "]\r\n"
                + "Message-ID: <carol-1@example.com>\r\nIn-Reply-To: " + sentMessageId("Invoice") + "\r\n\r\n"
                + "I made room in my mailbox.\r\n";
        var appended = postToWebhook(answer.getBytes(StandardCharsets.UTF_8));

        assertThat((String) appended.json("$.outcome")).as(appended.body()).isEqualTo("appended");
        assertThat(bounceReason("carol@example.com")).isNull();
    }

    @Test
    void aDelayReportKeepsTheDeliverySentAndNotesTheDiagnostic() throws Exception {
        long ticket = ticketWithSentReply("Refund", "dave@example.com");

        var result = postToWebhook(delay(sentMessageId("Refund"), "dave@example.com"));

        assertThat((String) result.json("$.reason")).as(result.body()).isEqualTo("bounce");
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[0].deliveries[0].status")).isEqualTo("sent");
        assertThat((String) messages.json("$[0].deliveries[0].lastError")).contains("4.2.2");
        assertThat(bounceReason("dave@example.com")).isNull();
    }

    @Test
    void aForgedDsnWithAnUnknownMessageIdOrAnotherRecipientChangesNothing() throws Exception {
        long ticket = ticketWithSentReply("Login", "erin@example.com");
        String messageId = sentMessageId("Login");

        var unknown = postToWebhook(dsn("<pd.t1.1.0000000000000000@acme.test>", "erin@example.com", "5.1.1", "x"));
        var otherRecipient = postToWebhook(dsn(messageId, "mallory@example.net", "5.1.1", "User unknown"));

        assertThat((String) unknown.json("$.reason")).as(unknown.body()).isEqualTo("auto_generated");
        assertThat((String) otherRecipient.json("$.reason"))
                .as(otherRecipient.body())
                .isEqualTo("auto_generated");
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[0].deliveries[0].status")).isEqualTo("sent");
        assertThat((Object) messages.json("$[0].deliveries[0].lastError")).isNull();
        assertThat(bounceReason("erin@example.com")).isNull();
    }

    @Test
    void explainSaysWhatTheReportWouldDoAndChangesNothing() throws Exception {
        long ticket = ticketWithSentReply("Offer", "frank@example.com");

        var explained = admin().postRaw(
                        "/api/v1/inbound/explain",
                        "message/rfc822",
                        dsn(sentMessageId("Offer"), "frank@example.com", "5.1.1", "User unknown"));

        assertThat((String) explained.json("$.outcome")).as(explained.body()).isEqualTo("ignored");
        assertThat((String) explained.json("$.reason")).as(explained.body()).isEqualTo("bounce");
        assertThat(explained.body()).contains("would record: mail #");
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[0].deliveries[0].status")).isEqualTo("sent");
        assertThat(bounceReason("frank@example.com")).isNull();
    }

    private long ticketWithSentReply(String subject, String email) {
        var saved = admin().put(
                        "/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "password": "smtp-password", "ssl": false, "fromEmail": "support@acme.test", "fromName": "Acme Support"}
                """.formatted(smtp.getSmtp().getPort()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        long ticket = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"" + subject + "\", \"contactEmail\": \"" + email + "\"}")
                .id();
        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"About " + subject + ": we are on it.\"}");
        worker.deliverDue();
        return ticket;
    }

    /** The Message-ID of the agent's reply (not of the staff's new-ticket notice, which names the subject too). */
    private String sentMessageId(String subject) throws Exception {
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getSubject().startsWith("Re: " + subject)) {
                return m.getMessageID();
            }
        }
        throw new AssertionError("no reply about " + subject);
    }

    private ApiClient.Response postToWebhook(byte[] mail) {
        return anonymous().postRaw("/api/tickets/inbound-email", "message/rfc822", mail);
    }

    private String bounceReason(String email) {
        return jdbc.sql("SELECT bounce_reason FROM contacts WHERE email = ?")
                .param(email)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** An RFC 3464 report as Postfix writes it, about the mail with this Message-ID. */
    private static byte[] dsn(String messageId, String recipient, String status, String reason) {
        String boundary = "B" + Integer.toHexString(messageId.hashCode() ^ recipient.hashCode());
        String mail = """
                From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
                To: support@acme.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%1$s.dsn@mail.example.net>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="%1$s"

                --%1$s
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <%2$s>: host mx.example.net said: 550 %3$s <%2$s>: %4$s

                --%1$s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.net

                Final-Recipient: rfc822; %2$s
                Action: failed
                Status: %3$s
                Diagnostic-Code: smtp; 550 %3$s <%2$s>: Recipient address rejected: %4$s

                --%1$s
                Content-Type: text/rfc822-headers

                From: Acme Support <support@acme.test>
                To: %2$s
                Message-ID: %5$s

                --%1$s--
                """.formatted(boundary, recipient, status, reason, messageId);
        return mail.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] delay(String messageId, String recipient) {
        String mail = """
                From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                To: support@acme.test
                Subject: Warning: message 1vQ8aB-0004Xy-2k delayed 24 hours
                Message-ID: <delay-1@mx.example.org>
                X-Failed-Recipients: %1$s
                Auto-Submitted: auto-replied

                This message was created automatically by mail delivery software.
                A message that you sent has not yet been delivered to one or more of its
                recipients after more than 24 hours on the queue on mx.example.org.

                  %1$s
                    451 4.2.2 Mailbox temporarily over quota, please retry later

                ------ This is a copy of the message's headers. ------

                From: Acme Support <support@acme.test>
                To: %1$s
                Message-ID: %2$s
                """.formatted(recipient, messageId);
        return mail.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
