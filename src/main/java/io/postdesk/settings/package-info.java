/**
 * Instance-wide settings that admins change at run time: outgoing email ({@link io.postdesk.settings.EmailSettingsStore},
 * the SMTP password encrypted with AES-GCM), the helpdesk module switch ({@link io.postdesk.settings.HelpdeskSettings}),
 * the inbound webhook secret ({@link io.postdesk.settings.WebhookSettings}) and whose sender verdicts are believed
 * ({@link io.postdesk.settings.SenderVerificationSettings}), over one key/value table.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.settings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
