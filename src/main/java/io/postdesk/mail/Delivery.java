package io.postdesk.mail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One outgoing mail and where it stands: {@code pending} (waiting for its next attempt), {@code sending},
 * {@code sent}, or {@code failed} (gave up; can be retried).
 */
public record Delivery(
        long id,
        String purpose,
        String status,
        String recipients,
        int attempts,
        @Nullable String lastError,
        Instant nextAttemptAt,
        @Nullable Instant sentAt,
        Instant createdAt,
        @Nullable Long ticketId,
        @Nullable Long ticketMessageId) {

    public boolean isFailed() {
        return "failed".equals(status);
    }
}
