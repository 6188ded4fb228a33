package io.postdesk.staff;

import io.postdesk.shared.InvalidInputException;
import java.util.Arrays;

/** What a staff member is doing on a ticket page: looking at it, or writing in its composer. */
public enum PresenceState {
    VIEWING("viewing"),
    REPLYING("replying");

    private final String wire;

    PresenceState(String wire) {
        this.wire = wire;
    }

    /** The lowercase word used in forms and the database. */
    public String wire() {
        return wire;
    }

    public static PresenceState fromWire(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("state", "must be viewing or replying"));
    }
}
