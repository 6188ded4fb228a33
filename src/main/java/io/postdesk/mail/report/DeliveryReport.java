package io.postdesk.mail.report;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a delivery or feedback report says about a mail that was sent: read by {@link DeliveryReports#read}.
 *
 * @param hard whether the receiving side gave up for good (a 5.x.x status, a permanent failure, a complaint); a soft
 *     report (a 4.x.x status, a delay) only says the mail is late or was refused for now
 * @param originalMessageId the Message-ID of the mail the report is about, with its angle brackets, when the report
 *     names it
 * @param recipients the failed recipients (or the complaining one), lower case, when the report names them
 * @param status the enhanced status code ({@code 5.1.1}), when there is one
 * @param diagnostic one line, without control characters, at most {@value DeliveryReports#MAX_DIAGNOSTIC} characters
 */
public record DeliveryReport(
        Kind kind,
        boolean hard,
        @Nullable String originalMessageId,
        List<String> recipients,
        @Nullable String status,
        String diagnostic) {

    /** Which report it is. */
    public enum Kind {
        /** The mail could not be delivered (RFC 3464 {@code Action: failed} and its non-standard forms). */
        BOUNCE,
        /** The mail is late; the sending server still tries. */
        DELAY,
        /** The recipient (or their provider) reported the mail as abuse or spam (RFC 5965 ARF). */
        COMPLAINT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeliveryReport {
        recipients = List.copyOf(recipients);
    }

    /** Whether the delivery it is about should count as bounced: a hard bounce or a complaint. */
    public boolean marksBounced() {
        return kind == Kind.COMPLAINT || (kind == Kind.BOUNCE && hard);
    }
}
