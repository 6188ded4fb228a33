package io.postdesk.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.postdesk.ticket.Ticket;
import io.postdesk.ticket.TicketDetails;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A ticket as API.md fixes it (fields may be added, never renamed). */
record TicketResponse(
        long id,
        String subject,
        @Nullable String description,
        String status,
        String priority,
        String source,
        @Nullable PersonResponse assignee,
        @Nullable PersonResponse contact,
        List<PersonResponse> collaborators,
        List<String> tags,
        boolean spam,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant closedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String snippet,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long mergedInto) {

    static TicketResponse of(TicketDetails details) {
        return of(details, null);
    }

    /** A ticket of a search's results, with the snippet of where the search was found (list items only). */
    static TicketResponse of(TicketDetails details, @Nullable String snippet) {
        Ticket t = details.ticket();
        return new TicketResponse(
                t.id(),
                t.subject(),
                t.description(),
                t.status().wire(),
                t.priority().wire(),
                t.source().wire(),
                PersonResponse.of(details.assignee()),
                PersonResponse.of(details.contact()),
                details.collaborators().stream().map(PersonResponse::of).toList(),
                details.tags(),
                t.spam(),
                t.createdAt(),
                t.updatedAt(),
                t.resolvedAt(),
                t.closedAt(),
                snippet,
                null);
    }

    /** The ticket with the number of the ticket it was merged into (one ticket's reads only; ADR 0021). */
    TicketResponse withMergedInto(@Nullable Long into) {
        return new TicketResponse(
                id,
                subject,
                description,
                status,
                priority,
                source,
                assignee,
                contact,
                collaborators,
                tags,
                spam,
                createdAt,
                updatedAt,
                resolvedAt,
                closedAt,
                snippet,
                into);
    }
}
