package io.postdesk.staff;

import io.postdesk.shared.EmailAddress;
import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;

/**
 * An agent or admin. The password hash never leaves this module. Serializable: it is the dashboard's principal, kept
 * in the database-backed session (docs/adr/0015). As a {@link Principal} its name is the email address, which the
 * session store indexes (the record's {@link #name()} stays the display name).
 */
public record StaffMember(
        long id,
        String name,
        EmailAddress email,
        StaffRole role,
        boolean notifyNewTickets,
        boolean notifyCustomerReplies,
        Instant createdAt)
        implements Serializable, Principal {

    /** The sign-in name: the email address (Spring Security's {@code Authentication.getName()} returns it). */
    @Override
    public String getName() {
        return email.value();
    }

    public boolean isAdmin() {
        return role == StaffRole.ADMIN;
    }
}
