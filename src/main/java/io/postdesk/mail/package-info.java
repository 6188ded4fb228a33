/**
 * Everything that speaks MIME or SMTP. The root package is the API other modules may use:
 * {@link io.postdesk.mail.Deliveries} (what happened to the mail a message caused; retry a failed one) and
 * {@link io.postdesk.mail.SmtpConnectionTest}. {@code outbound} holds composition ({@code ThreadingHeaders}), the
 * durable outbox and its worker, and the notifications that follow ticket events.
 */
@ApplicationModule(
        allowedDependencies = {"shared", "ticket", "order", "contact", "staff", "spam", "settings", "attachment"})
@NullMarked
package io.postdesk.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
