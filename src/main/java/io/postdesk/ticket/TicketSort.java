package io.postdesk.ticket;

import io.postdesk.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The order of the ticket list: a column and a direction. Every order has an index behind it (V4, V34), the ticket
 * id breaking ties so pages never overlap.
 */
public record TicketSort(Column column, boolean ascending) {

    public static final TicketSort NEWEST = new TicketSort(Column.CREATED, false);

    /** The columns the list can be sorted by. */
    public enum Column {
        CREATED("t.created_at"),
        UPDATED("t.updated_at"),
        /** Most urgent first when descending; ties newest first. */
        PRIORITY("t.priority_rank"),
        /**
         * Best match of the search first (docs/adr/0020), ties newest first; without a search the same as newest
         * first.
         */
        RELEVANCE("t.created_at");

        private final String sql;

        Column(String sql) {
            this.sql = sql;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Column fromWire(String value, String field) {
            return Arrays.stream(values())
                    .filter(c -> c.wire().equals(value))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            field,
                            "must be one of "
                                    + Arrays.stream(values()).map(Column::wire).collect(Collectors.joining(", "))));
        }
    }

    /** The ORDER BY clause, in one direction throughout so one index scan (forward or backward) serves it. */
    String orderBy() {
        String dir = ascending ? " ASC" : " DESC";
        return switch (column) {
            case CREATED -> " ORDER BY t.created_at" + dir + ", t.id" + dir;
            case UPDATED -> " ORDER BY t.updated_at" + dir + ", t.id" + dir;
            case PRIORITY -> " ORDER BY t.priority_rank" + dir + ", t.created_at" + dir + ", t.id" + dir;
            // Ranked by TicketRepository when a search gives a rank; otherwise newest first.
            case RELEVANCE -> " ORDER BY t.created_at DESC, t.id DESC";
        };
    }
}
