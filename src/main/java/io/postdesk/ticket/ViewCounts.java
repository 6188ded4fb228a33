package io.postdesk.ticket;

/**
 * Tickets per view of the dashboard list. {@code mine} and {@code unassigned} stop at
 * {@link TicketQueries#VIEW_COUNT_BOUND} (shown as "1000+"); {@code open} and {@code pending} are exact.
 */
public record ViewCounts(long mine, long unassigned, long open, long pending) {

    /** The number as the list shows it. */
    public static String shown(long count) {
        return count >= TicketQueries.VIEW_COUNT_BOUND ? TicketQueries.VIEW_COUNT_BOUND + "+" : Long.toString(count);
    }
}
