package io.postdesk.portal;

import java.io.Serializable;
import java.security.Principal;

/**
 * A signed-in customer in the portal session: the contact they are. Serializable for the database-backed session;
 * its {@link Principal} name is the email address.
 */
public record CustomerPrincipal(long contactId, String email) implements Serializable, Principal {

    @Override
    public String getName() {
        return email;
    }
}
