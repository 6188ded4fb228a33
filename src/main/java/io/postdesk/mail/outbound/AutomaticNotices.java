package io.postdesk.mail.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Mail-loop protection for automatic notices: at most {@code notices-per-recipient-per-hour} to one address. (Notices
 * in answer to an automatic message are never composed in the first place: the inbound pipeline ignores such mail.)
 */
@Component
class AutomaticNotices {

    private static final Logger log = LoggerFactory.getLogger(AutomaticNotices.class);

    private final Outbox outbox;
    private final OutboundProperties properties;

    AutomaticNotices(Outbox outbox, OutboundProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    boolean allow(String recipient) {
        if (outbox.recentNotices(recipient) >= properties.noticesPerRecipientPerHour()) {
            log.warn(
                    "Automatic notice to {} skipped: {} already sent in the last hour",
                    recipient,
                    properties.noticesPerRecipientPerHour());
            return false;
        }
        return true;
    }
}
