package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import java.util.Optional;

/** One way of finding the conversation a mail answers; {@link MatchConversation} tries them in order. */
public interface MatchStrategy {

    Optional<ConversationMatch> find(InboundMail mail);
}
