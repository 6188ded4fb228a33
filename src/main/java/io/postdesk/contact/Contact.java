package io.postdesk.contact;

import io.postdesk.shared.EmailAddress;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A customer. The name is optional: mail often arrives with a bare address. */
public record Contact(long id, @Nullable String name, EmailAddress email, Instant createdAt) {}
