package io.postdesk.assist;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.Direction;
import io.postdesk.ticket.ThreadEntry;
import io.postdesk.ticket.Ticket;
import io.postdesk.ticket.TicketMessage;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketStatus;
import io.postdesk.ticket.TicketStatusChanged;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Adds a ticket to the suggestion index when it becomes resolved. It listens inside the resolving transaction so the
 * index row commits (or rolls back) with the status change and no resolution is ever missed, on any node.
 */
@Component
class ResolutionIndexer {

    private static final int MAX_TEXT = 8_000;

    private final TicketQueries tickets;
    private final ContactDirectory contacts;
    private final ResolvedTickets resolved;
    private final Clock clock;

    ResolutionIndexer(TicketQueries tickets, ContactDirectory contacts, ResolvedTickets resolved, Clock clock) {
        this.tickets = tickets;
        this.contacts = contacts;
        this.resolved = resolved;
        this.clock = clock;
    }

    @EventListener
    void on(TicketStatusChanged event) {
        if (event.to() == TicketStatus.RESOLVED) {
            index(event.ticketId());
        }
    }

    /**
     * Indexes ticket {@code ticketId} as resolved now: its customer's words and the last visible staff reply. Does
     * nothing for spam or a ticket without such a reply. Returns whether it was indexed.
     */
    boolean index(long ticketId) {
        Ticket ticket = tickets.ticket(ticketId);
        if (ticket.spam()) {
            return false;
        }
        List<TicketMessage> thread = tickets.thread(ticket.id(), false).stream()
                .map(ThreadEntry::message)
                .toList();
        TicketMessage reply = null;
        StringBuilder customer = new StringBuilder(ticket.description() == null ? "" : ticket.description());
        for (TicketMessage message : thread) {
            if (message.direction() == Direction.INBOUND) {
                customer.append('\n').append(message.visibleText());
            } else if (message.authorStaffId() != null && !message.internal()) {
                reply = message;
            }
        }
        if (reply == null || reply.visibleText().isBlank()) {
            return false;
        }
        String contactName = ticket.contactId() == null
                ? null
                : contacts.findById(ticket.contactId()).map(c -> c.name()).orElse(null);
        resolved.add(
                new ResolvedTickets.Resolution(
                        ticket.id(),
                        ticket.subject(),
                        clip(customer.toString().strip()),
                        clip(reply.visibleText().strip()),
                        contactName),
                clock.instant());
        return true;
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
