package io.postdesk.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code POST /api/v1/tickets}. Only {@code subject} is required; {@code priority} defaults to medium. */
record CreateTicketRequest(
        @Nullable String subject,
        @Nullable String description,
        @Nullable String priority,
        @Nullable String contactName,
        @Nullable String contactEmail,
        @Nullable Long assigneeId,
        @Nullable List<String> tags) {}
