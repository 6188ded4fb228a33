package io.postdesk.mail.inbound;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mail as a channel hands it to the pipeline: the exact raw message and the envelope, whatever door it came
 * through (webhook dialect, IMAP, SMTP, pipe).
 */
public record InboundDelivery(
        byte[] raw, String channel, @Nullable String envelopeFrom, List<String> envelopeTo) {}
