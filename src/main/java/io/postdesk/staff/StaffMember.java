package io.postdesk.staff;

import io.postdesk.shared.EmailAddress;
import java.time.Instant;

/** An agent or admin. The password hash never leaves this module. */
public record StaffMember(
        long id,
        String name,
        EmailAddress email,
        StaffRole role,
        boolean notifyNewTickets,
        boolean notifyCustomerReplies,
        Instant createdAt) {

    public boolean isAdmin() {
        return role == StaffRole.ADMIN;
    }
}
