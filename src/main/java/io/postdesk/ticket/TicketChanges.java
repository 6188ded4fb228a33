package io.postdesk.ticket;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A partial update from the sidebar or the API; {@code null} leaves a field as it is. {@code assigneeChanged} tells
 * "unassign" ({@code assigneeId == null}) apart from "leave the assignee alone".
 */
public record TicketChanges(
        @Nullable TicketStatus status,
        @Nullable TicketPriority priority,
        boolean assigneeChanged,
        @Nullable Long assigneeId,
        @Nullable List<String> tags) {}
