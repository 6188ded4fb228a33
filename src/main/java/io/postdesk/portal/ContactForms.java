package io.postdesk.portal;

import io.postdesk.attachment.MessageContent;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Public contact form submissions (HTML and JSON alike): a filled honeypot is refused, each client address may send
 * {@link #MAX_PER_WINDOW} per {@link #WINDOW}, and fields have size limits. A submission opens a ticket with source
 * {@code contact_form}, creating the contact if new.
 */
@Service
class ContactForms {

    static final int MAX_PER_WINDOW = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
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
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    ContactForms(TicketManagement tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
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
        admit(clientAddress);
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

    private void admit(String clientAddress) {
        if (recent.size() > 100_000) {
            recent.clear();
        }
        Deque<Instant> times = recent.computeIfAbsent(clientAddress, k -> new ArrayDeque<>());
        synchronized (times) {
            Instant cutoff = clock.instant().minus(WINDOW);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.removeFirst();
            }
            if (times.size() >= MAX_PER_WINDOW) {
                throw new TooManySubmissions();
            }
            times.addLast(clock.instant());
        }
    }
}
