package io.postdesk.portal;

import io.postdesk.attachment.MessageContent;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketSource;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Public contact form submissions (HTML and JSON alike): a filled honeypot is refused, each client address may send
 * only so many ({@link ContactFormLimiter}), and fields have size limits. A submission opens a ticket with source
 * {@code contact_form}, creating the contact if new.
 */
@Service
class ContactForms {

    static final int MAX_PER_WINDOW = ContactFormLimiter.MAX_PER_WINDOW;
    static final Duration WINDOW = ContactFormLimiter.WINDOW;
    static final int MAX_MESSAGE = 10_000;

    /** Thrown when a client address sent too many forms lately; answered with 429. */
    static final class TooManySubmissions extends RuntimeException {
        TooManySubmissions() {
            super("too many submissions from this address; try again in a few minutes");
        }
    }

    /** Thrown when the hidden honeypot field was filled (a bot); answered with 400. */
    static final class LooksLikeABot extends RuntimeException {
        LooksLikeABot() {
            super("the form was not filled in by a person");
        }
    }

    record Submission(
            @Nullable String name,
            @Nullable String email,
            @Nullable String subject,
            @Nullable String message,
            @Nullable String website) {}

    private final TicketManagement tickets;
    private final ContactFormLimiter limiter;

    ContactForms(TicketManagement tickets, ContactFormLimiter limiter) {
        this.tickets = tickets;
        this.limiter = limiter;
    }

    long submit(Submission form, String clientAddress) {
        if (form.website() != null && !form.website().isBlank()) {
            throw new LooksLikeABot();
        }
        String message = form.message() == null ? "" : form.message().strip();
        if (message.isEmpty()) {
            throw new InvalidInputException("message", "must not be blank");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new InvalidInputException("message", "must be at most " + MAX_MESSAGE + " characters");
        }
        if (form.email() == null || form.email().isBlank()) {
            throw new InvalidInputException("email", "must not be blank");
        }
        if (!limiter.admit(clientAddress)) {
            throw new TooManySubmissions();
        }
        return tickets.openWithMessage(
                        new NewTicket(
                                form.subject() == null ? "" : form.subject(),
                                message,
                                null,
                                TicketSource.CONTACT_FORM,
                                form.name(),
                                form.email(),
                                null,
                                List.of()),
                        MessageContent.typed(message, List.of()))
                .ticket()
                .id();
    }
}
