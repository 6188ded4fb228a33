package io.postdesk.ticket;

import java.util.EnumMap;
import java.util.Map;

/**
 * Tickets per status for one view (every filter applied but the status), and their sum. {@code capped}: a search
 * matched more than {@link #CAP} tickets and counting stopped there, so each number is a lower bound ("10,000+").
 */
public record StatusCounts(Map<TicketStatus, Long> byStatus, boolean capped) {

    /** A search stops counting its matches here, so a common word never counts the world. */
    public static final int CAP = 10_000;

    public StatusCounts(Map<TicketStatus, Long> byStatus) {
        this(byStatus, false);
    }

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
