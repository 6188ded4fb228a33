package io.postdesk.mail.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes mime4j is given, bounded before it sees them. Decoding encoded words costs mime4j time that grows faster
 * than the header (a 4 MB subject of repeated {@code =?} took minutes), and every nested multipart makes it read each
 * byte through one more boundary stream (10,000 levels took half a minute, 150,000 overflowed the stack). So a top-level
 * header field is cut at {@value #MAX_FIELD} bytes or before its {@value #MAX_ENCODED_WORDS}th encoded word, fields
 * beyond {@value #MAX_FIELDS} are left out, and the mail is cut after its {@value #MAX_CONTAINERS}th multipart or
 * attached message, or after as many part boundaries as the walk keeps parts (mime4j's time grows with each). The stored raw mail stays exact; only this copy is cut, and {@link #cuts} says what went.
 */
public record ParseInput(byte[] bytes, List<String> cuts) {

    public static final int MAX_FIELD = 16 * 1024;
    public static final int MAX_ENCODED_WORDS = 100;
    public static final int MAX_FIELDS = 1000;
    public static final int MAX_CONTAINERS = 100;
    /** Lines that may delimit a part ("--boundary"): a few more than the parts the walk keeps. */
    public static final int MAX_DELIMITERS = MimeParser.MAX_PARTS + MAX_CONTAINERS;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_TYPE = "content-type:".getBytes(StandardCharsets.US_ASCII);

    public static ParseInput of(byte[] raw) {
        var copy = new Copy(raw);
        int pos = 0;
        int fields = 0;
        int containers = 0;
        while (pos < raw.length) {
            int end = lineEnd(raw, pos);
            if (isBlank(raw, pos, end)) {
                break;
            }
            int fieldEnd = end;
            while (fieldEnd < raw.length && (raw[fieldEnd] == ' ' || raw[fieldEnd] == '\t')) {
                fieldEnd = lineEnd(raw, fieldEnd);
            }
            fields++;
            if (fields > MAX_FIELDS) {
                copy.replace(pos, fieldEnd, 0);
                copy.note("header fields after the first " + MAX_FIELDS);
            } else {
                int keep = keptLength(raw, pos, fieldEnd);
                if (keep < fieldEnd - pos) {
                    copy.replace(pos, fieldEnd, keep);
                    copy.note("the end of header fields longer than " + MAX_FIELD + " bytes or " + MAX_ENCODED_WORDS
                            + " encoded words");
                }
                if (isContainer(raw, pos, fieldEnd)) {
                    containers++;
                }
            }
            pos = fieldEnd;
        }
        int delimiters = 0;
        while (pos < raw.length) {
            int end = lineEnd(raw, pos);
            if (end - pos >= 2 && raw[pos] == '-' && raw[pos + 1] == '-' && ++delimiters > MAX_DELIMITERS) {
                copy.replace(pos, raw.length, 0);
                copy.note("everything after the first " + MAX_DELIMITERS + " part boundaries");
                break;
            }
            int valueEnd = end < raw.length && (raw[end] == ' ' || raw[end] == '\t') ? lineEnd(raw, end) : end;
            if (isContainer(raw, pos, valueEnd) && ++containers > MAX_CONTAINERS) {
                copy.replace(pos, raw.length, 0);
                copy.note("everything after the first " + MAX_CONTAINERS + " multiparts and attached messages");
                break;
            }
            pos = end;
        }
        return copy.result();
    }

    /** How much of a field to keep: up to the cap, and before the encoded word that would be one too many. */
    private static int keptLength(byte[] raw, int start, int end) {
        int limit = Math.min(end, start + MAX_FIELD);
        int words = 0;
        for (int i = start; i + 1 < limit; i++) {
            if (raw[i] == '=' && raw[i + 1] == '?' && ++words >= MAX_ENCODED_WORDS) {
                return i - start;
            }
        }
        return limit - start;
    }

    /** A Content-Type of multipart/… or message/… starts in this line (its value may be folded onto the next). */
    private static boolean isContainer(byte[] raw, int start, int end) {
        if (end - start < CONTENT_TYPE.length + 8) {
            return false;
        }
        for (int i = 0; i < CONTENT_TYPE.length; i++) {
            if (Character.toLowerCase(raw[start + i]) != CONTENT_TYPE[i]) {
                return false;
            }
        }
        int i = start + CONTENT_TYPE.length;
        while (i < end && Character.isWhitespace(raw[i])) {
            i++;
        }
        return startsWith(raw, i, end, "multipart/") || startsWith(raw, i, end, "message/");
    }

    private static boolean startsWith(byte[] raw, int start, int end, String word) {
        if (end - start < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(raw[start + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The index after the line's '\n', or the end of the mail. */
    private static int lineEnd(byte[] raw, int start) {
        int i = start;
        while (i < raw.length && raw[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, raw.length);
    }

    private static boolean isBlank(byte[] raw, int start, int end) {
        int length = end - start;
        return length == 0
                || length == 1 && raw[start] == '\n'
                || length == 2 && raw[start] == '\r' && raw[start + 1] == '\n';
    }

    /** Copies the raw mail only when something must be cut; an ordinary mail is handed on as it is. */
    private static final class Copy {
        private final byte[] raw;
        private final List<String> cuts = new ArrayList<>();
        private ByteArrayOutputStream out;
        private int copied;

        Copy(byte[] raw) {
            this.raw = raw;
        }

        /** Replaces {@code raw[start, end)} with its first {@code keep} bytes (and a line end, when any are kept). */
        void replace(int start, int end, int keep) {
            if (out == null) {
                out = new ByteArrayOutputStream(raw.length);
            }
            out.write(raw, copied, start - copied);
            if (keep > 0) {
                out.write(raw, start, keep);
                out.write(CRLF, 0, CRLF.length);
            }
            copied = end;
        }

        void note(String cut) {
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }

        ParseInput result() {
            if (out == null) {
                return new ParseInput(raw, List.of());
            }
            out.write(raw, copied, raw.length - copied);
            return new ParseInput(out.toByteArray(), List.copyOf(cuts));
        }
    }
}
