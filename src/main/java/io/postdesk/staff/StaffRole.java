package io.postdesk.staff;

import io.postdesk.shared.InvalidInputException;
import java.util.Locale;

/** What a staff member may do: admins also manage staff, settings and the spam list. */
public enum StaffRole {
    ADMIN,
    AGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StaffRole fromWire(String value, String field) {
        for (StaffRole role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw new InvalidInputException(field, "must be one of admin, agent");
    }
}
