package io.postdesk.ticket;

import org.jspecify.annotations.Nullable;

/**
 * What the ticket list shows. {@code null} means "any". Spam tickets are hidden unless {@code spam} is true, which
 * shows only them.
 *
 * @param query a search in the {@link SearchQuery} syntax, or a ticket number
 * @param viewerId the signed-in staff member, whom {@code assignee:me} names
 */
public record TicketFilter(
        @Nullable TicketStatus status,
        @Nullable TicketPriority priority,
        @Nullable Long assigneeId,
        @Nullable String query,
        boolean spam,
        @Nullable Long viewerId) {

    public TicketFilter(
            @Nullable TicketStatus status,
            @Nullable TicketPriority priority,
            @Nullable Long assigneeId,
            @Nullable String query,
            boolean spam) {
        this(status, priority, assigneeId, query, spam, null);
    }

    public static TicketFilter all() {
        return new TicketFilter(null, null, null, null, false);
    }

    /** The same filter for a signed-in staff member, so {@code assignee:me} means them. */
    public TicketFilter seenBy(@Nullable Long staffId) {
        return new TicketFilter(status, priority, assigneeId, query, spam, staffId);
    }

    boolean hasQuery() {
        return query != null && !query.isBlank();
    }

    /** Whether the counts table answers this filter, or the matching rows must be counted. */
    boolean isCountedAhead() {
        return !hasQuery() && assigneeId == null;
    }

    TicketFilter withoutStatus() {
        return new TicketFilter(null, priority, assigneeId, query, spam, viewerId);
    }
}
