package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code In-Reply-To} is the Message-ID of an earlier message of a conversation (a reply we sent, or one we received). */
@Component
public class ByEarlierMessageId implements MatchStrategy {

    private final AllConversations conversations;

    ByEarlierMessageId(AllConversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public Optional<ConversationMatch> find(InboundMail mail) {
        String inReplyTo = mail.message().inReplyTo();
        if (inReplyTo == null) {
            return Optional.empty();
        }
        return conversations.first(
                port -> port.findByMessageId(inReplyTo), ConversationMatch.MatchedBy.IN_REPLY_TO_MESSAGE);
    }
}
