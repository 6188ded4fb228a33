package io.postdesk.api;

import org.jspecify.annotations.Nullable;

/** {@code POST /api/v1/tickets/{id}/replies} as JSON; {@code internal} makes it a team note. */
record ReplyRequest(@Nullable String body, @Nullable Boolean internal) {}
