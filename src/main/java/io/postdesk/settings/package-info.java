/**
 * Instance-wide settings that admins change at run time: the helpdesk module switch and the inbound webhook secret.
 * Each setting has its own small API ({@link io.postdesk.settings.HelpdeskSettings},
 * {@link io.postdesk.settings.WebhookSettings}) over one key/value table.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.settings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
