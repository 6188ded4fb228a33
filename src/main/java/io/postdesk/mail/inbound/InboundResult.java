package io.postdesk.mail.inbound;

import org.jspecify.annotations.Nullable;

/** The answer to a channel: what became of the mail it delivered. */
public record InboundResult(
        long inboundId,
        Outcome outcome,
        @Nullable Long ticketId,
        @Nullable Long orderId,
        @Nullable Long messageId,
        @Nullable String reason) {}
