package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.order.OrderQueries;
import io.postdesk.ticket.TicketQueries;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code In-Reply-To} is the Message-ID that started a ticket's (or order's) email thread. */
@Component
public class ByThreadMessageId implements MatchStrategy {

    private final TicketQueries tickets;
    private final OrderQueries orders;

    ByThreadMessageId(TicketQueries tickets, OrderQueries orders) {
        this.tickets = tickets;
        this.orders = orders;
    }

    @Override
    public Optional<ConversationMatch> find(InboundMail mail) {
        String inReplyTo = mail.message().inReplyTo();
        if (inReplyTo == null) {
            return Optional.empty();
        }
        return tickets.findByThreadMessageId(inReplyTo)
                .map(id -> new ConversationMatch(
                        ConversationMatch.Kind.TICKET, id, ConversationMatch.MatchedBy.IN_REPLY_TO_THREAD))
                .or(() -> orders.findByEmailMessageId(inReplyTo)
                        .map(id -> new ConversationMatch(
                                ConversationMatch.Kind.ORDER, id, ConversationMatch.MatchedBy.IN_REPLY_TO_THREAD)));
    }
}
