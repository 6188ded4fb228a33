package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.order.OrderQueries;
import io.postdesk.ticket.TicketQueries;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Any id of the {@code References} chain, newest first, is a thread root or a message of a ticket or order. */
@Component
public class ByReferences implements MatchStrategy {

    /** A chain longer than this is only searched at its newest end; clients keep the relevant ids there. */
    private static final int MAX_IDS = 20;

    private final TicketQueries tickets;
    private final OrderQueries orders;

    ByReferences(TicketQueries tickets, OrderQueries orders) {
        this.tickets = tickets;
        this.orders = orders;
    }

    @Override
    public Optional<ConversationMatch> find(InboundMail mail) {
        List<String> ids = mail.message().references();
        for (int i = ids.size() - 1; i >= Math.max(0, ids.size() - MAX_IDS); i--) {
            String id = ids.get(i);
            Optional<ConversationMatch> match = tickets.findByThreadMessageId(id)
                    .or(() -> tickets.findByMessageEmailId(id))
                    .map(t -> new ConversationMatch(
                            ConversationMatch.Kind.TICKET, t, ConversationMatch.MatchedBy.REFERENCES))
                    .or(() -> orders.findByEmailMessageId(id)
                            .map(o -> new ConversationMatch(
                                    ConversationMatch.Kind.ORDER, o, ConversationMatch.MatchedBy.REFERENCES)));
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }
}
