package io.postdesk.mail.inbound;

import java.util.Optional;

/** One way of finding the conversation a mail answers; {@link MatchConversation} tries them in order. */
interface MatchStrategy {

    Optional<ConversationMatch> find(InboundMail mail);
}
