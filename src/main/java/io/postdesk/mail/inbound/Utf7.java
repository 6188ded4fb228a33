package io.postdesk.mail.inbound;

import java.nio.charset.StandardCharsets;

/**
 * UTF-7 (RFC 2152), which old mail clients still send and the JDK cannot decode: ASCII as itself, everything else as
 * {@code +<modified base64 of UTF-16>-}. Decoding only; Postdesk never writes UTF-7.
 */
final class Utf7 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Utf7() {}

    static boolean isUtf7(String charset) {
        String name = charset.strip().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
        return name.equals("utf-7")
                || name.equals("utf7")
                || name.equals("unicode-1-1-utf-7")
                || name.equals("x-utf-7");
    }

    static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '+') {
                out.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            int buffer = 0;
            int bits = 0;
            while (j < text.length() && ALPHABET.indexOf(text.charAt(j)) >= 0) {
                buffer = (buffer << 6) | ALPHABET.indexOf(text.charAt(j));
                bits += 6;
                if (bits >= 16) {
                    bits -= 16;
                    out.append((char) ((buffer >> bits) & 0xFFFF));
                }
                j++;
            }
            if (j == i + 1) {
                out.append('+'); // "+-" is a literal plus sign
            }
            i = j < text.length() && text.charAt(j) == '-' ? j + 1 : j;
        }
        return out.toString();
    }
}
