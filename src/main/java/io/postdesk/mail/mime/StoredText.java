package io.postdesk.mail.mime;

import org.jspecify.annotations.Nullable;

/**
 * Text from a mail made fit for the database: PostgreSQL refuses U+0000 in text and a lone surrogate cannot be encoded
 * as UTF-8, yet hostile and broken mail carries both. They are dropped or replaced in everything we store as text; the
 * raw mail keeps the exact bytes.
 */
public final class StoredText {

    /** Says where text was cut; the full text stays in the raw mail. */
    public static final String CUT_MARKER =
            "\n\n[… cut: the text is longer than Postdesk shows; the raw mail holds it all]";

    private StoredText() {}

    /** Drops NUL, replaces lone surrogates with U+FFFD; returns the same instance when nothing needs changing. */
    public static String clean(String text) {
        int i = 0;
        while (i < text.length() && isStorable(text, i)) {
            i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
        }
        if (i >= text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, i);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                i++;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    public static @Nullable String cleanOrNull(@Nullable String text) {
        return text == null ? null : clean(text);
    }

    /** At most {@code max} characters: longer text is cut (never inside a surrogate pair) and ends with the marker. */
    public static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - CUT_MARKER.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT_MARKER;
    }

    private static boolean isStorable(String text, int i) {
        char c = text.charAt(i);
        if (c == '\u0000') {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return !Character.isLowSurrogate(c);
    }
}
