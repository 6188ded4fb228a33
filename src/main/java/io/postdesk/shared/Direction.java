package io.postdesk.shared;

import java.util.Locale;

/** Whether a thread message came from a customer ({@code inbound}) or from staff ({@code outbound}). */
public enum Direction {
    INBOUND,
    OUTBOUND;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
