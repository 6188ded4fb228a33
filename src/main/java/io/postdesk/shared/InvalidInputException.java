package io.postdesk.shared;

/** Input that breaks a domain rule; {@link #field()} names the request field at fault. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
