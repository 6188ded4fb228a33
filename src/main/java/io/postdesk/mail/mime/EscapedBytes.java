package io.postdesk.mail.mime;

import java.io.ByteArrayOutputStream;

/**
 * Decodes the two "escape plus hex" encodings mail arrives in to their exact bytes: the RFC 2047 "Q" encoding
 * ({@code _} is a space, {@code =XX} a byte) and form URL encoding ({@code +} is a space, {@code %XX} a byte). An
 * escape not followed by two hex digits is kept as it is.
 */
public final class EscapedBytes {

    private EscapedBytes() {}

    public static byte[] qEncoding(String text) {
        return decode(text, '_', '=');
    }

    public static byte[] formEncoding(String text) {
        return decode(text, '+', '%');
    }

    private static byte[] decode(String text, char space, char escape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == space) {
                out.write(' ');
            } else if (c == escape && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
