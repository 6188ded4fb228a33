package io.postdesk.staff;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.PasswordPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code POSTDESK_ADMIN_EMAIL}/{@code POSTDESK_ADMIN_PASSWORD} when no staff exists,
 * and otherwise tells the operator how to.
 */
@Component
class StaffBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);
    static final String PROVISIONING_ADMIN_EMAIL = "admin@postdesk.invalid";

    private final StaffDirectory staff;
    private final StaffProperties properties;

    StaffBootstrap(StaffDirectory staff, StaffProperties properties) {
        this.staff = staff;
        this.properties = properties;
    }

    /** Runs after the migrations and before the web server opens, so the first request already finds the admin. */
    @Override
    public void afterSingletonsInstantiated() {
        if (staff.count() > 0) {
            return;
        }
        if (properties.hasBootstrapAdmin()) {
            try {
                PasswordPolicy.checked(String.valueOf(properties.bootstrapAdminPassword()), "password");
            } catch (InvalidInputException e) {
                // Starting without the admin keeps health checks and logs reachable; creating it with a weak password
                // would leave the most powerful account guessable until someone notices.
                log.error(
                        "POSTDESK_ADMIN_PASSWORD {}: the first admin was NOT created. Restart with a password of at"
                                + " least {} characters that is not a common one.",
                        e.getMessage(),
                        PasswordPolicy.MIN_LENGTH);
                return;
            }
            StaffMember admin = staff.create(
                    "Administrator",
                    properties.bootstrapAdminEmail(),
                    StaffRole.ADMIN,
                    properties.bootstrapAdminPassword());
            log.info("Created the first admin {}; sign in at /login", admin.email());
        } else if (properties.hasBootstrapToken()) {
            // The provisioning token needs an admin to act as; it has no password until one is set.
            staff.create("Administrator", PROVISIONING_ADMIN_EMAIL, StaffRole.ADMIN, null);
            log.info("Created a provisioning admin for POSTDESK_API_TOKEN; set POSTDESK_ADMIN_EMAIL and"
                    + " POSTDESK_ADMIN_PASSWORD on a fresh data dir to sign in with a password");
        } else {
            log.warn("No staff exists yet. Restart with POSTDESK_ADMIN_EMAIL and POSTDESK_ADMIN_PASSWORD"
                    + " (and optionally POSTDESK_API_TOKEN) to create the first admin.");
        }
    }
}
