package io.postdesk.api;

import io.postdesk.contact.Contact;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A contact as {@code /api/v1/contacts} shows them: the person, and the warning a hard bounce left on their address
 * ({@code bouncedAt} and {@code bounceReason}, null when mail to them works or they wrote in since).
 */
record ContactResponse(
        long id,
        @Nullable String name,
        String email,
        @Nullable Instant bouncedAt,
        @Nullable String bounceReason) {

    static ContactResponse of(Contact contact) {
        return new ContactResponse(
                contact.id(), contact.name(), contact.email().value(), contact.bouncedAt(), contact.bounceReason());
    }
}
