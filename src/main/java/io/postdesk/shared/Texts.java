package io.postdesk.shared;

/** Small checks on free text that many modules apply to user input. */
public final class Texts {

    private Texts() {}

    /** Trims and checks length; blank becomes an error when {@code required}, else {@code null}. */
    public static String trimmed(String raw, String field, int maxLength, boolean required) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            if (required) {
                throw new InvalidInputException(field, "must not be blank");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** A single-line value (a name, a subject): control characters, CR and LF included, are rejected. */
    public static String singleLine(String raw, String field, int maxLength, boolean required) {
        String value = trimmed(raw, field, maxLength, required);
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException(field, "must be a single line without control characters");
        }
        return value;
    }
}
