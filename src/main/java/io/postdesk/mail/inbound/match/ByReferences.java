package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Any id of the {@code References} chain, newest first, is a thread root or a message of a conversation. */
@Component
public class ByReferences implements MatchStrategy {

    /** A chain longer than this is only searched at its newest end; clients keep the relevant ids there. */
    private static final int MAX_IDS = 20;

    private final AllConversations conversations;

    ByReferences(AllConversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public Optional<ConversationMatch> find(InboundMail mail) {
        List<String> ids = mail.message().references();
        for (int i = ids.size() - 1; i >= Math.max(0, ids.size() - MAX_IDS); i--) {
            String id = ids.get(i);
            Optional<ConversationMatch> match = conversations.first(
                    port -> port.findByThreadMessageId(id).or(() -> port.findByMessageId(id)),
                    ConversationMatch.MatchedBy.REFERENCES);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }
}
