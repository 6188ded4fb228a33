package io.postdesk.mail;

import io.postdesk.mail.outbound.CustomerNotices;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import org.springframework.stereotype.Service;

/** Mail to customers that other modules ask for: the portal's sign-in links. */
@Service
public class CustomerMail {

    private final CustomerNotices notices;
    private final EmailSettingsStore settings;

    CustomerMail(CustomerNotices notices, EmailSettingsStore settings) {
        this.notices = notices;
        this.settings = settings;
    }

    /** Whether mail can go out at all (SMTP configured); without it the portal says to ask support for a link. */
    public boolean canSend() {
        return settings.current().canSend();
    }

    /** Queues the sign-in link; false when it could not be (no SMTP, or too many links to this address lately). */
    public boolean sendSignInLink(EmailAddress to, String link, String dedupeKey) {
        return notices.signInLink(to, link, dedupeKey);
    }
}
