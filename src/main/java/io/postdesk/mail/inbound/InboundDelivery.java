package io.postdesk.mail.inbound;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mail as a channel hands it to the pipeline: the exact raw message and the envelope, whatever door it came
 * through (webhook dialect, IMAP, SMTP, pipe).
 *
 * @param channelVerdict what the receiving provider itself reported about the sender (SendGrid's {@code SPF} and
 *     {@code dkim} fields, Mailgun's {@code X-Mailgun-Spf}/{@code X-Mailgun-Dkim-Check-Result}), written as an
 *     {@code Authentication-Results} value; stored with the raw mail so re-processing judges the same
 */
public record InboundDelivery(
        byte[] raw,
        String channel,
        @Nullable String envelopeFrom,
        List<String> envelopeTo,
        @Nullable String channelVerdict) {

    /** A delivery whose channel reports no verdict of its own (SMTP, IMAP, raw webhook bodies). */
    public InboundDelivery(byte[] raw, String channel, @Nullable String envelopeFrom, List<String> envelopeTo) {
        this(raw, channel, envelopeFrom, envelopeTo, null);
    }
}
