package io.postdesk.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one rule for every password Postdesk stores (staff and portal customers, set through the API, the dashboard,
 * the portal or the bootstrap admin): {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters, not one of the 10,000
 * most common passwords (also not with digits or symbols merely added before or after one), not a keyboard or
 * number run, and not built from a handful of characters. Length matters most (NIST SP 800-63B); no composition rules.
 *
 * <p>The list is {@code 10k-most-common.txt} from SecLists (Passwords/Common-Credentials, MIT licence), shipped as a
 * resource so nothing is fetched at run time.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;
    private static final int MIN_DISTINCT_CHARACTERS = 5;
    private static final String LIST = "common-passwords.txt";
    private static final Set<String> COMMON = load();
    /** Typed runs that pass the length check but no guesser misses ("1234567890ab" is not one; "234567890123" is). */
    private static final String[] RUNS = {
        "01234567890123456789012345678901234567890",
        "09876543210987654321098765432109876543210",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
        "qazwsxedcrfvtgbyhnujmikolp"
    };

    private PasswordPolicy() {}

    /** The password, if it may be used; otherwise an {@link InvalidInputException} naming {@code field}. */
    public static String checked(String password, String field) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    field, "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            throw new InvalidInputException(field, "is one of the most common passwords; choose another");
        }
        if (isRun(lower)) {
            throw new InvalidInputException(field, "is a keyboard or number sequence; choose another");
        }
        if (lower.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw new InvalidInputException(
                    field, "repeats too few characters; use at least " + MIN_DISTINCT_CHARACTERS + " different ones");
        }
        return password;
    }

    private static boolean isCommon(String lower) {
        // "password1234" and "!!qwertyuiop" are as weak as the listed word they wrap.
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        return COMMON.contains(lower) || (core.length() >= 4 && COMMON.contains(core));
    }

    private static boolean isRun(String lower) {
        for (String run : RUNS) {
            if (run.contains(lower)
                    || new StringBuilder(run).reverse().toString().contains(lower)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("the common-password list " + LIST + " is missing from the classpath");
            }
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines()
                        .map(line -> line.strip().toLowerCase(Locale.ROOT))
                        .filter(line -> !line.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the common-password list", e);
        }
    }
}
