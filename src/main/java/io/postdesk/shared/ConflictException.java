package io.postdesk.shared;

/** A command clashes with existing state (e.g. an email already in use); answered with HTTP 409. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
