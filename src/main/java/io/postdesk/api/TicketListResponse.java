package io.postdesk.api;

import io.postdesk.ticket.TicketPage;
import io.postdesk.ticket.TicketStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of tickets. {@code counts} has every filter applied but the status: the numbers for the status buttons
 * ({@code all}, {@code open}, {@code in_progress}, ...). {@code countsCapped}: a search matched more than 10,000
 * tickets, counting stopped there, and each count (and {@code total}) is a lower bound. With a search, each item may
 * carry a {@code snippet}: escaped HTML of where the search was found in a message, matches in {@code <mark>}.
 */
record TicketListResponse(
        List<TicketResponse> items, long total, Map<String, Long> counts, int page, int size, boolean countsCapped) {

    static TicketListResponse of(TicketPage page) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("all", page.counts().all());
        for (TicketStatus status : TicketStatus.values()) {
            counts.put(status.wire(), page.counts().of(status));
        }
        return new TicketListResponse(
                page.items().stream()
                        .map(d -> TicketResponse.of(d, page.snippet(d.ticket().id())))
                        .toList(),
                page.total(),
                counts,
                page.page(),
                page.size(),
                page.counts().capped());
    }
}
