package io.postdesk.mail;

import io.postdesk.mail.outbound.MailComposer;
import io.postdesk.mail.outbound.MailDraft;
import io.postdesk.mail.outbound.Outbox;
import io.postdesk.mail.outbound.ThreadingHeaders;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.staff.StaffMember;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Service;

/** Mail to staff members that other modules ask for: the password reset link an admin issued. */
@Service
public class StaffMail {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final EmailSettingsStore settings;
    private final MailComposer composer;
    private final Outbox outbox;

    StaffMail(EmailSettingsStore settings, MailComposer composer, Outbox outbox) {
        this.settings = settings;
        this.composer = composer;
        this.outbox = outbox;
    }

    /**
     * Queues the reset link to the member (in the caller's transaction); false when no SMTP is configured, so the
     * admin knows to hand the link over.
     *
     * @param dedupeKey names this link (the stored hash), so retrying the request queues no second mail
     */
    public boolean sendPasswordReset(StaffMember member, String link, Instant expiresAt, String dedupeKey) {
        EmailSettings smtp = settings.current();
        if (!smtp.canSend()) {
            return false;
        }
        MailDraft draft = new MailDraft(
                smtp.fromEmail(),
                smtp.fromName(),
                null,
                List.of(new MailDraft.Recipient(member.name(), member.email())),
                List.of(),
                "Reset your Postdesk password",
                "An admin asked Postdesk to reset your password. Open this link to choose a new one; it works once,"
                        + " until " + EXPIRY.format(expiresAt.atOffset(ZoneOffset.UTC)) + ":\n\n" + link
                        + "\n\nSetting the new password signs you out everywhere else."
                        + " If you did not expect this, tell your admin.",
                ThreadingHeaders.fresh("p", member.id(), smtp.fromEmail().domain()),
                true,
                List.of());
        return outbox.enqueue(
                Outbox.Purpose.STAFF_NOTIFICATION,
                "password-reset:" + dedupeKey,
                new Outbox.Origin(null, null, null),
                composer.compose(draft),
                true,
                null);
    }
}
