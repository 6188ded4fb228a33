package io.postdesk.mail;

import io.postdesk.mail.outbound.CustomerNotices;
import io.postdesk.shared.EmailAddress;
import org.springframework.stereotype.Service;

/** Mail to customers that other modules ask for: the portal's sign-in links. */
@Service
public class CustomerMail {

    private final CustomerNotices notices;

    CustomerMail(CustomerNotices notices) {
        this.notices = notices;
    }

    /** Queues the sign-in link; false when it could not be (no SMTP, or too many links to this address lately). */
    public boolean sendSignInLink(EmailAddress to, String link, String dedupeKey) {
        return notices.signInLink(to, link, dedupeKey);
    }
}
