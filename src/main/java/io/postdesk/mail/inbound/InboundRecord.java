package io.postdesk.mail.inbound;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the processed-mail log: a stored mail and what became of it, with its step trace.
 *
 * @param senderVerdict {@code verified}, {@code unverified} or {@code unknown} ({@link SenderVerdict}); null before
 *     the mail was judged
 */
public record InboundRecord(
        long id,
        String channel,
        @Nullable String internetMessageId,
        @Nullable String fromAddress,
        @Nullable String subject,
        long size,
        String status,
        @Nullable String outcome,
        @Nullable String reason,
        @Nullable Long ticketId,
        @Nullable Long orderId,
        @Nullable Long messageId,
        @Nullable String error,
        int attempts,
        Instant receivedAt,
        @Nullable Instant processedAt,
        List<StepTrace> steps,
        @Nullable String senderVerdict) {}
