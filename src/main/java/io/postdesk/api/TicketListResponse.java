package io.postdesk.api;

import io.postdesk.ticket.TicketPage;
import io.postdesk.ticket.TicketStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of tickets. {@code counts} has every filter applied but the status: the numbers for the status buttons
 * ({@code all}, {@code open}, {@code in_progress}, ...).
 */
record TicketListResponse(List<TicketResponse> items, long total, Map<String, Long> counts, int page, int size) {

    static TicketListResponse of(TicketPage page) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("all", page.counts().all());
        for (TicketStatus status : TicketStatus.values()) {
            counts.put(status.wire(), page.counts().of(status));
        }
        return new TicketListResponse(
                page.items().stream().map(TicketResponse::of).toList(), page.total(), counts, page.page(), page.size());
    }
}
