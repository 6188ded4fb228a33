package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.inbound.InboundMails;
import io.postdesk.mail.inbound.InboundProperties;
import io.postdesk.mail.inbound.MemoryBudget;
import io.postdesk.mail.inbound.OutcomeResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tickets/inbound-email}: the inbound webhook for every provider dialect. Room in the
 * {@link MemoryBudget} is reserved by the declared length before the body is read (and grows as a body of unknown
 * length arrives); without room the answer is 503 with {@code Retry-After}. The body is read once, as a stream,
 * with the signature computed over its exact bytes; it is checked, and only then stored and processed. Answers
 * what became of the mail: {@code {"outcome", "ticketId", "orderId", "messageId", "reason"}}.
 */
@RestController
class InboundWebhookController {

    private static final Logger log = LoggerFactory.getLogger(InboundWebhookController.class);

    private final WebhookDialects dialects;
    private final WebhookSignatures signatures;
    private final InboundMails inbound;
    private final InboundProperties properties;
    private final MemoryBudget budget;

    InboundWebhookController(
            WebhookDialects dialects,
            WebhookSignatures signatures,
            InboundMails inbound,
            InboundProperties properties,
            MemoryBudget budget) {
        this.dialects = dialects;
        this.signatures = signatures;
        this.inbound = inbound;
        this.properties = properties;
        this.budget = budget;
    }

    @PostMapping("/api/tickets/inbound-email")
    ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        long maxBytes = properties.maxSize().toBytes();
        RawRequests.refuseDeclaredOverLimit(request, maxBytes);
        long declared = request.getContentLengthLong();
        // The reservation is held until the mail is stored and processed: that is where its copies live.
        try (var reservation = budget.reserve(Math.max(declared, 0))) {
            var check = signatures.start();
            InputStream body = check.track(reservation.track(
                    RawRequests.limited(request.getInputStream(), maxBytes, properties.readTimeout())));
            WebhookPayload payload = dialects.read(body, declared, request.getContentType());
            // The signature covers every byte, also what a parser left unread (an epilogue, trailing white space).
            body.transferTo(OutputStream.nullOutputStream());
            var refusal = check.refusal(request.getHeader("X-Postdesk-Signature"), payload.mailgun());
            if (refusal.isPresent()) {
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, refusal.get()));
            }
            return ResponseEntity.ok(OutcomeResponse.of(inbound.receive(payload.delivery())));
        }
    }

    /** Not finished now (a transient failure, a busy server): the sender delivers again and hears the real outcome. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(InboundMails.ProcessingDeferred e) {
        return retryLater(
                "Try again later",
                "The mail could not be finished now; please deliver it again later.",
                e.retryAfter());
    }

    @ExceptionHandler
    ProblemDetail on(WebhookDialects.NotMailException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Not a mail");
        return problem;
    }

    /**
     * 503 with {@code Retry-After}: providers and MTAs retry. The rest of the body is read and dropped first (it is
     * not kept, so it costs no memory): a client still sending would otherwise see a reset connection, not the
     * answer.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(MemoryBudget.ExhaustedException e, HttpServletRequest request) {
        log.info("Inbound webhook mail deferred: {}", e.getMessage());
        discardRest(request);
        return retryLater("Busy", e.getMessage(), e.retryAfter());
    }

    /** 503 with {@code Retry-After}, the answer every sender (MTA, provider) takes as "deliver it again later". */
    private static ResponseEntity<ProblemDetail> retryLater(String title, String detail, Duration after) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(after.toSeconds()))
                .body(problem);
    }

    @ExceptionHandler
    ProblemDetail on(RawRequests.TooSlowException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT, e.getMessage());
        problem.setTitle("Too slow");
        return problem;
    }

    /** The body broke off (the client went away or its Content-Length lied): nothing was stored. */
    @ExceptionHandler
    ProblemDetail on(IOException e) {
        log.debug("Inbound webhook body could not be read: {}", e.toString());
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the request body could not be read");
    }

    private void discardRest(HttpServletRequest request) {
        try {
            RawRequests.limited(request.getInputStream(), properties.maxSize().toBytes(), properties.readTimeout())
                    .transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException ignored) {
            // Too large, too slow or gone: the container closes the connection instead, and the sender retries.
        }
    }
}
