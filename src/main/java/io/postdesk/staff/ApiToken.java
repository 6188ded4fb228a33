package io.postdesk.staff;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A bearer token's public face: everything but the secret, which is shown once when issued. */
public record ApiToken(
        long id,
        long staffId,
        String name,
        Instant createdAt,
        @Nullable Instant lastUsedAt) {}
