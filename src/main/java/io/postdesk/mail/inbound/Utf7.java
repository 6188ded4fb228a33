package io.postdesk.mail.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UTF-7 (RFC 2152), which old mail clients still send and the JDK cannot decode: ASCII as itself, everything else as
 * {@code +<modified base64 of UTF-16>-}. Decoding only; Postdesk never writes UTF-7.
 */
final class Utf7 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** An RFC 2047 encoded word in UTF-7 (with an optional RFC 2231 language): {@code =?utf-7?Q?...?=}. */
    private static final Pattern ENCODED_WORD = Pattern.compile(
            "=\\?(?:utf-7|utf7|x-utf-7|unicode-1-1-utf-7)(?:\\*[^?]*)?\\?([bq])\\?([^?\\s]*)\\?=",
            Pattern.CASE_INSENSITIVE);

    private Utf7() {}

    /**
     * Decodes the UTF-7 encoded words of a header value, which mime4j leaves as they are (the JDK has no UTF-7);
     * white space between two such words is dropped as RFC 2047 says. Other text and words are left for mime4j.
     */
    static String decodeEncodedWords(String value) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        boolean afterWord = false;
        while (m.find()) {
            String between = value.substring(last, m.start());
            if (!(afterWord && between.isBlank())) {
                out.append(between);
            }
            byte[] bytes = m.group(1).equalsIgnoreCase("b") ? base64(m.group(2)) : EscapedBytes.qEncoding(m.group(2));
            if (bytes == null) {
                out.append(m.group());
            } else {
                out.append(decode(bytes));
            }
            last = m.end();
            afterWord = bytes != null;
        }
        return out.append(value, last, value.length()).toString();
    }

    private static byte @org.jspecify.annotations.Nullable [] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

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
