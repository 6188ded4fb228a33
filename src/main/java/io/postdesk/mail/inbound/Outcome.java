package io.postdesk.mail.inbound;

import java.util.Locale;

/** What became of an inbound mail; the words of the webhook response. */
public enum Outcome {
    CREATED,
    APPENDED,
    IGNORED,
    REJECTED,
    DUPLICATE,
    QUARANTINED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
