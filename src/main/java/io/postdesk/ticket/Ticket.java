package io.postdesk.ticket;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A ticket and the lifecycle rules of SPEC §1, all in one place:
 *
 * <ul>
 *   <li>a ticket is created {@code open};
 *   <li>the first reply staff send on an {@code open} ticket moves it to {@code in_progress} and, when nobody is
 *       assigned, assigns it to that staff member ({@link #afterStaffReply});
 *   <li>a reply from the contact or a collaborator on a {@code resolved} or {@code closed} ticket reopens it
 *       ({@link #afterCustomerReply});
 *   <li>becoming {@code resolved} stamps {@code resolvedAt}, becoming {@code closed} stamps {@code closedAt}; going back
 *       to an unfinished status clears both ({@link #withStatus}).
 * </ul>
 *
 * Instances are immutable; every rule returns the ticket as it should be saved.
 */
public record Ticket(
        long id,
        String subject,
        @Nullable String description,
        TicketStatus status,
        TicketPriority priority,
        TicketSource source,
        @Nullable Long assigneeId,
        @Nullable Long contactId,
        boolean spam,
        String routingToken,
        @Nullable String threadMessageId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant closedAt) {

    public Ticket withStatus(TicketStatus next, Instant now) {
        if (next == status) {
            return this;
        }
        Instant resolved = next == TicketStatus.RESOLVED ? now : next.isDone() ? resolvedAt : null;
        Instant closed = next == TicketStatus.CLOSED ? now : null;
        return new Ticket(
                id,
                subject,
                description,
                next,
                priority,
                source,
                assigneeId,
                contactId,
                spam,
                routingToken,
                threadMessageId,
                createdAt,
                now,
                resolved,
                closed);
    }

    public Ticket withPriority(TicketPriority next, Instant now) {
        return new Ticket(
                id,
                subject,
                description,
                status,
                next,
                source,
                assigneeId,
                contactId,
                spam,
                routingToken,
                threadMessageId,
                createdAt,
                now,
                resolvedAt,
                closedAt);
    }

    public Ticket withAssignee(@Nullable Long staffId, Instant now) {
        return new Ticket(
                id,
                subject,
                description,
                status,
                priority,
                source,
                staffId,
                contactId,
                spam,
                routingToken,
                threadMessageId,
                createdAt,
                now,
                resolvedAt,
                closedAt);
    }

    public Ticket withSpam(boolean isSpam, Instant now) {
        return new Ticket(
                id,
                subject,
                description,
                status,
                priority,
                source,
                assigneeId,
                contactId,
                isSpam,
                routingToken,
                threadMessageId,
                createdAt,
                now,
                resolvedAt,
                closedAt);
    }

    /** The ticket as stored under its new id. */
    Ticket withId(long newId) {
        return new Ticket(
                newId,
                subject,
                description,
                status,
                priority,
                source,
                assigneeId,
                contactId,
                spam,
                routingToken,
                threadMessageId,
                createdAt,
                updatedAt,
                resolvedAt,
                closedAt);
    }

    public Ticket withThreadMessageId(@Nullable String messageId) {
        return new Ticket(
                id,
                subject,
                description,
                status,
                priority,
                source,
                assigneeId,
                contactId,
                spam,
                routingToken,
                messageId,
                createdAt,
                updatedAt,
                resolvedAt,
                closedAt);
    }

    /** A reply staff sent to the customer (not an internal note). */
    public Ticket afterStaffReply(long staffId, Instant now) {
        if (status != TicketStatus.OPEN) {
            return touched(now);
        }
        Ticket started = withStatus(TicketStatus.IN_PROGRESS, now);
        return assigneeId == null ? started.withAssignee(staffId, now) : started;
    }

    /** A message from the contact or a collaborator, by portal or email. */
    public Ticket afterCustomerReply(Instant now) {
        return status.isDone() ? withStatus(TicketStatus.OPEN, now) : touched(now);
    }

    public Ticket touched(Instant now) {
        return new Ticket(
                id,
                subject,
                description,
                status,
                priority,
                source,
                assigneeId,
                contactId,
                spam,
                routingToken,
                threadMessageId,
                createdAt,
                now,
                resolvedAt,
                closedAt);
    }
}
