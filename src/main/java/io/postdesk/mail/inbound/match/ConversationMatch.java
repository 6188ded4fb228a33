package io.postdesk.mail.inbound.match;

import java.util.Locale;

/** The ticket or order a mail belongs to, and the strategy that found it. */
public record ConversationMatch(Kind kind, long id, MatchedBy matchedBy) {

    /** Matched only by the bare {@code ticket+{id}@} form, which anyone can guess: enough for a message, no more. */
    public boolean isBare() {
        return matchedBy == MatchedBy.BARE_ROUTING_ADDRESS;
    }

    public enum Kind {
        TICKET,
        ORDER
    }

    public enum MatchedBy {
        ROUTING_ADDRESS,
        BARE_ROUTING_ADDRESS,
        IN_REPLY_TO_THREAD,
        IN_REPLY_TO_MESSAGE,
        REFERENCES;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
