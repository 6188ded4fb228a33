package io.postdesk.order;

import io.postdesk.shared.InvalidInputException;
import java.util.Locale;

/** An order is open until it is completed. */
public enum OrderStatus {
    OPEN,
    COMPLETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromWire(String value, String field) {
        for (OrderStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException(field, "must be one of open, completed");
    }
}
