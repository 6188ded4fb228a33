package io.postdesk.ticket;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the ticket list shows. {@code null} means "any". Spam tickets are hidden unless {@code spam} is true, which
 * shows only them.
 *
 * @param query a search in the {@link SearchQuery} syntax, or a ticket number
 * @param unassigned only tickets nobody is assigned to (the Unassigned view)
 * @param unsolved only tickets not yet resolved or closed (My tickets, Unassigned, All open)
 * @param sort the order of the list
 * @param viewerId the signed-in staff member, whom {@code assignee:me} names
 */
public record TicketFilter(
        @Nullable TicketStatus status,
        @Nullable TicketPriority priority,
        @Nullable Long assigneeId,
        @Nullable String query,
        boolean spam,
        boolean unassigned,
        boolean unsolved,
        TicketSort sort,
        @Nullable Long viewerId) {

    /** The statuses a ticket in an "unsolved" view may have. */
    static final List<TicketStatus> UNSOLVED =
            List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.PENDING);

    public TicketFilter(
            @Nullable TicketStatus status,
            @Nullable TicketPriority priority,
            @Nullable Long assigneeId,
            @Nullable String query,
            boolean spam,
            boolean unassigned,
            boolean unsolved,
            TicketSort sort) {
        this(status, priority, assigneeId, query, spam, unassigned, unsolved, sort, null);
    }

    public TicketFilter(
            @Nullable TicketStatus status,
            @Nullable TicketPriority priority,
            @Nullable Long assigneeId,
            @Nullable String query,
            boolean spam) {
        this(status, priority, assigneeId, query, spam, false, false, TicketSort.NEWEST, null);
    }

    public static TicketFilter all() {
        return new TicketFilter(null, null, null, null, false);
    }

    /** The same filter for a signed-in staff member, so {@code assignee:me} means them. */
    public TicketFilter seenBy(@Nullable Long staffId) {
        return new TicketFilter(status, priority, assigneeId, query, spam, unassigned, unsolved, sort, staffId);
    }

    boolean hasQuery() {
        return query != null && !query.isBlank();
    }

    /** Whether the counts table answers this filter, or the matching rows must be counted. */
    boolean isCountedAhead() {
        return !hasQuery() && assigneeId == null && !unassigned && !unsolved;
    }

    /** A view (My tickets, Unassigned, All open): its total is counted up to a bound, the status counts are global. */
    boolean isView() {
        return unassigned || unsolved;
    }

    TicketFilter withoutStatus() {
        return new TicketFilter(null, priority, assigneeId, query, spam, unassigned, unsolved, sort, viewerId);
    }
}
