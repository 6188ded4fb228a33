package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code In-Reply-To} is the Message-ID that started a conversation's email thread (a ticket's, then an order's). */
@Component
public class ByThreadMessageId implements MatchStrategy {

    private final AllConversations conversations;

    ByThreadMessageId(AllConversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public Optional<ConversationMatch> find(InboundMail mail) {
        String inReplyTo = mail.message().inReplyTo();
        if (inReplyTo == null) {
            return Optional.empty();
        }
        return conversations.first(
                port -> port.findByThreadMessageId(inReplyTo), ConversationMatch.MatchedBy.IN_REPLY_TO_THREAD);
    }
}
