package io.postdesk.mail.mime;

import io.postdesk.shared.EmailAddress;
import org.jspecify.annotations.Nullable;

/** A mailbox from a header: display name (decoded) and address. */
public record MailAddress(@Nullable String name, EmailAddress email) {}
