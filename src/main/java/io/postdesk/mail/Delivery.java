package io.postdesk.mail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One outgoing mail and where it stands: {@code pending} (waiting for its next attempt), {@code sending},
 * {@code sent}, {@code failed} (gave up; can be retried), or {@code bounced} (a bounce or complaint report named it
 * later; {@code lastError} holds the report's diagnostic, as it holds a delay report's on a mail that stays sent).
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

    public boolean isBounced() {
        return "bounced".equals(status);
    }

    /** The addresses it was sent to, lower case. */
    public java.util.List<String> recipientList() {
        return java.util.Arrays.stream(recipients.split(","))
                .map(r -> r.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(r -> !r.isEmpty())
                .toList();
    }
}
