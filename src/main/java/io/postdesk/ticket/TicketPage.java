package io.postdesk.ticket;

import java.util.List;
import java.util.Map;

/**
 * One page of the ticket list, the number of tickets in the view, and the counts for the status buttons; with a search,
 * {@code snippets} has, by ticket id, the HTML of where it was found in a message (see {@link Snippet}).
 */
public record TicketPage(
        List<TicketDetails> items, long total, StatusCounts counts, int page, int size, Map<Long, String> snippets) {

    public TicketPage {
        snippets = Map.copyOf(snippets);
    }

    public TicketPage(List<TicketDetails> items, long total, StatusCounts counts, int page, int size) {
        this(items, total, counts, page, size, Map.of());
    }

    /** The snippet of one ticket of the page, or null. */
    public @org.jspecify.annotations.Nullable String snippet(long ticketId) {
        return snippets.get(ticketId);
    }
}
