package io.postdesk.spam;

import java.time.Instant;

/** One spam list entry: an address or a {@code *@domain}. */
public record SpamEntry(String entry, Instant createdAt) {}
