package io.postdesk.ticket;

import java.util.Locale;

/** Where a ticket came from; set once when it is opened. */
public enum TicketSource {
    PORTAL,
    EMAIL,
    ADMIN,
    CONTACT_FORM,
    API,
    CHAT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TicketSource fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
