package io.postdesk.ticket;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A system entry of a thread that links two tickets: written by a merge or a split on both tickets (ADR 0021). Staff
 * see it in the thread in time order; it is not a message, so no message path (the API's messages, mail, search,
 * the portal thread) ever carries one.
 *
 * @param otherTicketId the ticket at the other end; null once that ticket was deleted
 * @param staffId who merged or split; null once they were deleted
 */
public record TicketLink(
        long id,
        long ticketId,
        Kind kind,
        @Nullable Long otherTicketId,
        @Nullable Long staffId,
        Instant createdAt) {

    /** What happened, seen from {@link #ticketId}. */
    public enum Kind {
        MERGED_INTO("Merged into"),
        MERGED_FROM("Merged %s into this ticket"),
        SPLIT_INTO("Split a message into"),
        SPLIT_FROM("Split from");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }

        /** The entry's words around the other ticket's number ("#12"): before it, and after it. */
        public String before() {
            int at = text.indexOf("%s");
            return at < 0 ? text + " " : text.substring(0, at);
        }

        public String after() {
            int at = text.indexOf("%s");
            return at < 0 ? "" : text.substring(at + 2);
        }
    }

    /** The entry as one line of text ("Merged into #12"), for logs and the API. */
    public String text() {
        String other = otherTicketId == null ? "a deleted ticket" : "#" + otherTicketId;
        return kind.before() + other + kind.after();
    }
}
