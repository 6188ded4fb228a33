package io.postdesk.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Unknown paths and methods under {@code /api/} reach no controller, so {@link ApiProblems} never sees them; they are
 * answered here as problem details too. Anywhere else the exception is handed back and the page's usual error applies.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiFallbackProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        if (!isApi(request)) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such endpoint."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws Exception {
        if (!isApi(request)) {
            throw e;
        }
        var response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
        if (e.getSupportedHttpMethods() != null) {
            response.header(
                    HttpHeaders.ALLOW,
                    e.getSupportedHttpMethods().stream()
                            .map(Object::toString)
                            .reduce((a, b) -> a + ", " + b)
                            .orElse(""));
        }
        return response.body(ProblemDetail.forStatusAndDetail(
                HttpStatus.METHOD_NOT_ALLOWED, request.getMethod() + " is not supported here."));
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/");
    }
}
