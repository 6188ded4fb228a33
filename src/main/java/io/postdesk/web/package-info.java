/**
 * The agent dashboard: Thymeleaf pages with htmx partials (named fragments returned when the {@code HX-Request} header
 * is present). Ticket list with status counts, ticket detail with sidebar, thread and composer, and settings. Uses
 * the same module APIs as the REST API; never the API controllers.
 */
@ApplicationModule(
        allowedDependencies = {
            "shared",
            "staff",
            "contact",
            "ticket",
            "order",
            "spam",
            "settings",
            "attachment",
            "mail",
            "mail::inbound",
            "mail::mime",
            "mail::mailbox",
            "faces",
            "assist"
        })
@NullMarked
package io.postdesk.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
