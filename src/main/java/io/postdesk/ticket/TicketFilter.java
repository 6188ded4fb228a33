package io.postdesk.ticket;

import org.jspecify.annotations.Nullable;

/**
 * What the ticket list shows. {@code null} means "any". Spam tickets are hidden unless {@code spam} is true, which
 * shows only them.
 *
 * @param query text searched in subject and contact email, or a ticket number
 */
public record TicketFilter(
        @Nullable TicketStatus status,
        @Nullable TicketPriority priority,
        @Nullable Long assigneeId,
        @Nullable String query,
        boolean spam) {

    public static TicketFilter all() {
        return new TicketFilter(null, null, null, null, false);
    }

    boolean hasQuery() {
        return query != null && !query.isBlank();
    }

    /** Whether the counts table answers this filter, or the matching rows must be counted. */
    boolean isCountedAhead() {
        return !hasQuery() && assigneeId == null;
    }

    TicketFilter withoutStatus() {
        return new TicketFilter(null, priority, assigneeId, query, spam);
    }
}
