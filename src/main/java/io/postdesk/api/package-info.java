/**
 * The REST API under {@code /api/v1}: package-private {@code *ApiController}s, {@code *Request}/{@code *Response}
 * records, and {@link io.postdesk.api.ApiProblems}, which turns every error a client can cause into an RFC 9457
 * problem detail (400 naming the field at fault, 401, 403, 404, 409, 413) — never a 500.
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
            "faces",
            "assist"
        })
@NullMarked
package io.postdesk.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
