package io.postdesk.ticket;

import io.postdesk.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How urgent a ticket is; {@link #MEDIUM} unless someone says otherwise. */
public enum TicketPriority {
    LOW,
    MEDIUM,
    HIGH,
    URGENT;

    public static final TicketPriority DEFAULT = MEDIUM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketPriority fromWire(String value, String field) {
        return Arrays.stream(values())
                .filter(p -> p.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        field,
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(TicketPriority::wire)
                                        .collect(Collectors.joining(", "))));
    }
}
