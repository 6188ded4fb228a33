package io.postdesk.mail.inbound;

import org.jspecify.annotations.Nullable;

/** What became of an inbound mail, as the webhook and the admin endpoints answer it (API.md). */
public record OutcomeResponse(
        String outcome,
        @Nullable Long ticketId,
        @Nullable Long orderId,
        @Nullable Long messageId,
        @Nullable String reason) {

    public static OutcomeResponse of(Verdict.Stop result) {
        return new OutcomeResponse(
                result.outcome().wire(), result.ticketId(), result.orderId(), result.messageId(), result.reason());
    }
}
