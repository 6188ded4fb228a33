package io.postdesk.ticket;

import io.postdesk.shared.Direction;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry in a ticket's thread. {@code internal} marks a team note: never shown to customers, never emailed to
 * them, never returned by a customer-facing API.
 *
 * @param visibleText the reply without quoted history and signature; equal to {@code body} for typed messages
 * @param bodyHtml the sanitised HTML alternative, when the mail had one
 * @param emailMessageId the RFC 5322 Message-ID the message was sent or received with
 */
public record TicketMessage(
        long id,
        long ticketId,
        Direction direction,
        boolean internal,
        @Nullable Long authorStaffId,
        @Nullable Long authorContactId,
        @Nullable String authorEmail,
        String body,
        String visibleText,
        @Nullable String bodyHtml,
        @Nullable String emailMessageId,
        Instant createdAt) {

    /** The message as stored under its new id. */
    TicketMessage withId(long newId) {
        return new TicketMessage(
                newId,
                ticketId,
                direction,
                internal,
                authorStaffId,
                authorContactId,
                authorEmail,
                body,
                visibleText,
                bodyHtml,
                emailMessageId,
                createdAt);
    }
}
