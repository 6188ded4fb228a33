package io.postdesk.shared;

/** Content larger than a configured limit; answered with HTTP 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
