/**
 * Customers (contacts), who open tickets and follow them as collaborators. {@link io.postdesk.contact.ContactDirectory}
 * finds a contact by email or creates it, so an unknown sender becomes a contact before a ticket is opened;
 * {@link io.postdesk.contact.SignInLinks} issues and redeems one-time portal sign-in links (stored only as hashes).
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.contact;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
