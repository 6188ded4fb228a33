package io.postdesk.contact;

import io.postdesk.shared.EmailAddress;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A customer. The name is optional: mail often arrives with a bare address.
 *
 * @param bouncedAt when mail to the address last bounced for good, until the contact writes in again
 * @param bounceReason that bounce's diagnostic, one line of text
 */
public record Contact(
        long id,
        @Nullable String name,
        EmailAddress email,
        Instant createdAt,
        @Nullable Instant bouncedAt,
        @Nullable String bounceReason) {

    public Contact(long id, @Nullable String name, EmailAddress email, Instant createdAt) {
        this(id, name, email, createdAt, null, null);
    }

    /** Whether mail to the contact bounced for good and they have not written in since. */
    public boolean hasBounced() {
        return bouncedAt != null;
    }
}
