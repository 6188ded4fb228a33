package io.postdesk.mail;

import io.postdesk.mail.outbound.MailComposer;
import io.postdesk.mail.outbound.MailDraft;
import io.postdesk.mail.outbound.SmtpGateway;
import io.postdesk.mail.outbound.ThreadingHeaders;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Test Connection: sends a verification mail right away (not through the outbox) with the saved settings, and
 * reports the server's answer in plain words. Bounded by the SMTP timeouts (10 s each by default).
 */
@Service
public class SmtpConnectionTest {

    private final EmailSettingsStore settings;
    private final SmtpGateway smtp;
    private final MailComposer composer;

    SmtpConnectionTest(EmailSettingsStore settings, SmtpGateway smtp, MailComposer composer) {
        this.settings = settings;
        this.smtp = smtp;
        this.composer = composer;
    }

    public SmtpCheck sendTestMail(String to) {
        EmailAddress recipient = EmailAddress.parse(to, "to");
        EmailSettings current = settings.current();
        if (current.host() == null || current.fromEmail() == null) {
            return new SmtpCheck(false, "SMTP is not configured: save a host and a From email first.");
        }
        String domain = current.fromEmail().domain();
        var mail = composer.compose(new MailDraft(
                current.fromEmail(),
                current.fromName(),
                null,
                List.of(new MailDraft.Recipient(null, recipient)),
                List.of(),
                "Postdesk test email",
                "This is a test email from Postdesk. Your SMTP settings work: replies to customers will be sent"
                        + " through " + current.host() + ".",
                ThreadingHeaders.fresh("test", System.currentTimeMillis(), domain),
                true,
                List.of()));
        try (var connection = smtp.connect(current)) {
            connection.send(mail.envelopeFrom(), mail.recipients(), mail.mime());
            return new SmtpCheck(true, null);
        } catch (Exception e) {
            return new SmtpCheck(false, SmtpGateway.explain(e, current));
        }
    }
}
