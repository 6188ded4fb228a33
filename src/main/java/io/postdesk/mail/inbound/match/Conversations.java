package io.postdesk.mail.inbound.match;

import io.postdesk.shared.EmailAddress;
import java.util.Optional;

/**
 * The port through which inbound mail finds a conversation: tickets and orders each implement it
 * ({@link TicketConversations}, {@link OrderConversations}), so the match strategies ask the same questions of both
 * and never branch on which one they talk to. The adapters call the modules' query APIs only.
 */
public interface Conversations {

    /** Which kind of conversation this port finds. */
    ConversationMatch.Kind kind();

    /** The conversation's secret routing token; empty when there is no such conversation. */
    Optional<String> routingToken(long id);

    /** Whether the sender takes part in the conversation (may write to its bare routing address). */
    boolean isParticipant(long id, EmailAddress sender);

    /** The conversation whose email thread this Message-ID started. */
    Optional<Long> findByThreadMessageId(String internetMessageId);

    /** The conversation one of whose messages has this Message-ID (a reply we sent, or one we received). */
    Optional<Long> findByMessageId(String internetMessageId);
}
