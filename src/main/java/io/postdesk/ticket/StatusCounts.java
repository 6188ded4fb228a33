package io.postdesk.ticket;

import java.util.EnumMap;
import java.util.Map;

/** Tickets per status for one view (every filter applied but the status), and their sum. */
public record StatusCounts(Map<TicketStatus, Long> byStatus) {

    public StatusCounts {
        EnumMap<TicketStatus, Long> complete = new EnumMap<>(TicketStatus.class);
        for (TicketStatus status : TicketStatus.values()) {
            complete.put(status, byStatus.getOrDefault(status, 0L));
        }
        byStatus = Map.copyOf(complete);
    }

    public long all() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long of(TicketStatus status) {
        return byStatus.get(status);
    }
}
