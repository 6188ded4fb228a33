package io.postdesk.mail.inbound;

import java.util.Locale;

/** The ticket or order a mail belongs to, and the strategy that found it. */
public record ConversationMatch(Kind kind, long id, MatchedBy matchedBy) {

    public enum Kind {
        TICKET,
        ORDER
    }

    public enum MatchedBy {
        ROUTING_ADDRESS,
        IN_REPLY_TO_THREAD,
        IN_REPLY_TO_MESSAGE,
        REFERENCES;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
