/**
 * The customers' faces: the help-center portal under {@code /portal} (sign-in by password or one-time emailed link,
 * my tickets, new ticket, ticket view and reply, never internal notes) and the public contact form ({@code /contact},
 * {@code POST /api/public/contact}) with its abuse protection. Customers only ever see tickets they take part in.
 */
@ApplicationModule(
        allowedDependencies = {"shared", "contact", "ticket", "settings", "attachment", "mail", "faces", "limits"})
@NullMarked
package io.postdesk.portal;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
