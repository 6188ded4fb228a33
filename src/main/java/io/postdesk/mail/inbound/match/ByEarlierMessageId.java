package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.ticket.TicketQueries;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code In-Reply-To} is the Message-ID of an earlier message of a ticket (a reply we sent, or one we received). */
@Component
public class ByEarlierMessageId implements MatchStrategy {

    private final TicketQueries tickets;

    ByEarlierMessageId(TicketQueries tickets) {
        this.tickets = tickets;
    }

    @Override
    public Optional<ConversationMatch> find(InboundMail mail) {
        String inReplyTo = mail.message().inReplyTo();
        if (inReplyTo == null) {
            return Optional.empty();
        }
        return tickets.findByMessageEmailId(inReplyTo)
                .map(id -> new ConversationMatch(
                        ConversationMatch.Kind.TICKET, id, ConversationMatch.MatchedBy.IN_REPLY_TO_MESSAGE));
    }
}
