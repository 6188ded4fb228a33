package io.postdesk.ticket;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is needed to open a ticket. Raw values: {@link TicketManagement#open} validates them and names the field at
 * fault.
 */
public record NewTicket(
        String subject,
        @Nullable String description,
        @Nullable TicketPriority priority,
        TicketSource source,
        @Nullable String contactName,
        @Nullable String contactEmail,
        @Nullable Long assigneeId,
        List<String> tags) {}
