package io.postdesk.mail.inbound.match;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import io.postdesk.ticket.TicketQueries;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tickets as {@link Conversations}: their thread, their messages, their contact and collaborators. */
@Component
@Order(1)
public class TicketConversations implements Conversations {

    private final TicketQueries tickets;
    private final ContactDirectory contacts;

    TicketConversations(TicketQueries tickets, ContactDirectory contacts) {
        this.tickets = tickets;
        this.contacts = contacts;
    }

    @Override
    public ConversationMatch.Kind kind() {
        return ConversationMatch.Kind.TICKET;
    }

    @Override
    public Optional<String> routingToken(long id) {
        try {
            return Optional.of(tickets.ticket(id).routingToken());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isParticipant(long id, EmailAddress sender) {
        return contacts.findByEmail(sender)
                .map(c -> tickets.isParticipant(id, c.id()))
                .orElse(false);
    }

    @Override
    public Optional<Long> findByThreadMessageId(String internetMessageId) {
        return tickets.findByThreadMessageId(internetMessageId);
    }

    @Override
    public Optional<Long> findByMessageId(String internetMessageId) {
        return tickets.findByMessageEmailId(internetMessageId);
    }
}
