package io.postdesk.faces;

import io.postdesk.attachment.ContentUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Attachment storage out of reach (an S3-compatible bucket down or refusing), on any face: a 503 problem detail with
 * {@code Retry-After}, never a 500, and without the store's internals. Ordered first so the API's catch-all does not
 * turn it into a server error.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageProblems {

    private static final Logger log = LoggerFactory.getLogger(StorageProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(ContentUnavailableException e) {
        log.warn("Attachment storage unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The attachment storage cannot be reached right now; try again shortly.");
        problem.setTitle("Attachment storage unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "30")
                .body(problem);
    }
}
