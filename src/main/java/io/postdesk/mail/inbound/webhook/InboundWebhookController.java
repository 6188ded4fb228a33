package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.inbound.InboundMails;
import io.postdesk.mail.inbound.InboundProperties;
import io.postdesk.mail.inbound.OutcomeResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tickets/inbound-email}: the inbound webhook for every provider dialect. The body is read as exact
 * bytes (the signature covers them), checked, and only then stored and processed. Answers what became of the mail:
 * {@code {"outcome", "ticketId", "orderId", "messageId", "reason"}}.
 */
@RestController
class InboundWebhookController {

    private final WebhookDialects dialects;
    private final WebhookSignatures signatures;
    private final InboundMails inbound;
    private final InboundProperties properties;

    InboundWebhookController(
            WebhookDialects dialects,
            WebhookSignatures signatures,
            InboundMails inbound,
            InboundProperties properties) {
        this.dialects = dialects;
        this.signatures = signatures;
        this.inbound = inbound;
        this.properties = properties;
    }

    @PostMapping("/api/tickets/inbound-email")
    ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        byte[] body = RawRequests.body(request, properties.maxSize().toBytes());
        WebhookPayload payload = dialects.read(body, request.getContentType());
        var refusal = signatures.refusal(body, request.getHeader("X-Postdesk-Signature"), payload.mailgun());
        if (refusal.isPresent()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, refusal.get()));
        }
        return ResponseEntity.ok(OutcomeResponse.of(inbound.receive(payload.delivery())));
    }

    /** Not finished now (a transient failure, a busy server): the sender delivers again and hears the real outcome. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(InboundMails.ProcessingDeferred e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The mail could not be finished now; please deliver it again later.");
        problem.setTitle("Try again later");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(e.retryAfter().toSeconds()))
                .body(problem);
    }

    @ExceptionHandler
    ProblemDetail on(WebhookDialects.NotMailException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Not a mail");
        return problem;
    }
}
