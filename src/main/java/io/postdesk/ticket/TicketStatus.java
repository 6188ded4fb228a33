package io.postdesk.ticket;

import io.postdesk.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a ticket is in its life; see {@link Ticket} for the transitions Postdesk makes by itself. */
public enum TicketStatus {
    OPEN,
    IN_PROGRESS,
    PENDING,
    RESOLVED,
    CLOSED;

    /** The lowercase word used in JSON, URLs and the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status as people read it: "Open", "In Progress", "Resolved"… (dashboard, portal, notices). */
    public String label() {
        return this == IN_PROGRESS
                ? "In Progress"
                : name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public boolean isDone() {
        return this == RESOLVED || this == CLOSED;
    }

    public static TicketStatus fromWire(String value, String field) {
        return Arrays.stream(values())
                .filter(s -> s.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "must be one of " + allWire()));
    }

    static String allWire() {
        return Arrays.stream(values()).map(TicketStatus::wire).collect(Collectors.joining(", "));
    }
}
