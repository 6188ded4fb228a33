package io.postdesk.shared;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address in its canonical form: trimmed and lower-cased, so that one person is one row.
 * Construction rejects anything that could smuggle a header (CR, LF, NUL) or is not a plausible
 * {@code local@domain} address. Serializable because a signed-in principal carries one into the shared session store.
 */
public record EmailAddress(String value) implements Serializable {

    public static final int MAX_LENGTH = 320;

    // Deliberately simple: a full RFC 5322 grammar accepts addresses no mail system delivers to. Control characters
    // (NUL above all: PostgreSQL refuses it in text) never belong to an address.
    private static final Pattern PLAUSIBLE = Pattern.compile(
            "^[^@\\s\\p{Cntrl}\"<>(),;:\\\\\\[\\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$");

    public EmailAddress {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an email address");
        }
    }

    /** Parses user input; the field name goes into the error so clients see what to fix. */
    public static EmailAddress parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        String canonical = canonical(raw);
        if (!isValid(canonical)) {
            throw new InvalidInputException(field, "must be a valid email address");
        }
        return new EmailAddress(canonical);
    }

    public static boolean isValid(String candidate) {
        return candidate != null
                && candidate.length() <= MAX_LENGTH
                && candidate.equals(canonical(candidate))
                && PLAUSIBLE.matcher(candidate).matches();
    }

    private static String canonical(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}
