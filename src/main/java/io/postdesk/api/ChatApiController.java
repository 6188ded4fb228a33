package io.postdesk.api;

import io.postdesk.attachment.MessageContent;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketSource;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chat widget's fallback when no agent is online: the visitor's request becomes a ticket (source {@code chat})
 * whose first message is the chat transcript, so nothing said in the chat is lost.
 */
@RestController
@RequestMapping("/api/v1/chat")
class ChatApiController {

    private final TicketManagement management;
    private final TicketQueries queries;

    ChatApiController(TicketManagement management, TicketQueries queries) {
        this.management = management;
        this.queries = queries;
    }

    record FallbackRequest(
            @Nullable String name,
            @Nullable String email,
            @Nullable String message,
            @Nullable String transcript) {}

    @PostMapping("/fallback")
    @ResponseStatus(HttpStatus.CREATED)
    TicketResponse fallback(@RequestBody FallbackRequest request) {
        if (request.email() == null || request.email().isBlank()) {
            // The ticket's contact is the visitor: without an address there is no one to answer.
            throw new InvalidInputException("email", "must not be blank");
        }
        String message = request.message() == null ? "" : request.message().strip();
        String transcript = request.transcript() == null || request.transcript().isBlank()
                ? message
                : request.transcript().strip();
        String subject = message.isEmpty() ? "Chat request" : firstLine(message);
        var opened = management.openWithMessage(
                new NewTicket(
                        subject, message, null, TicketSource.CHAT, request.name(), request.email(), null, List.of()),
                MessageContent.typed(transcript, List.of()));
        return TicketResponse.of(queries.details(opened.ticket().id()));
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse(text).strip();
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
