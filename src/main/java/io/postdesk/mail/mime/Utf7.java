package io.postdesk.mail.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.spi.CharsetProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * UTF-7 (RFC 2152), which old mail clients still send and the JDK cannot decode: ASCII as itself, everything else as
 * {@code +<modified base64 of UTF-16>-}. Registered as a charset provider ({@code META-INF/services}), so
 * {@code Charset.forName("utf-7")} works everywhere, and mime4j decodes UTF-7 bodies and RFC 2047 encoded words itself.
 * Decoding only; Postdesk never writes UTF-7.
 */
public final class Utf7 extends CharsetProvider {

    /** The one instance, also for code that must not depend on the provider being found by the class loader. */
    public static final Charset UTF_7 = new Utf7Charset();

    @Override
    public Iterator<Charset> charsets() {
        return List.of(UTF_7).iterator();
    }

    @Override
    public @Nullable Charset charsetForName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (UTF_7.name().toLowerCase(Locale.ROOT).equals(wanted)) {
            return UTF_7;
        }
        return UTF_7.aliases().stream()
                        .anyMatch(alias -> alias.toLowerCase(Locale.ROOT).equals(wanted))
                ? UTF_7
                : null;
    }

    private static final class Utf7Charset extends Charset {

        Utf7Charset() {
            super("UTF-7", new String[] {"utf7", "unicode-1-1-utf-7", "x-utf-7", "x-unicode-1-1-utf-7"});
        }

        @Override
        public boolean contains(Charset other) {
            return other.name().equals("US-ASCII") || other == this;
        }

        @Override
        public CharsetDecoder newDecoder() {
            return new Decoder(this);
        }

        @Override
        public boolean canEncode() {
            return false;
        }

        @Override
        public CharsetEncoder newEncoder() {
            throw new UnsupportedOperationException("Postdesk decodes UTF-7 but never writes it");
        }
    }

    /**
     * Streams through the bytes with a small state: inside a {@code +...} run, the bits not yet making a UTF-16 unit.
     * A byte outside ASCII (which UTF-7 never has) is read as ISO-8859-1 rather than failing the whole text.
     */
    private static final class Decoder extends CharsetDecoder {

        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        private boolean inBase64;
        /** Right after the {@code +}: a {@code -} or a non-base64 character now means a literal plus sign. */
        private boolean justShifted;

        private int buffer;
        private int bits;

        Decoder(Charset charset) {
            super(charset, 1.0f, 1.0f);
        }

        @Override
        protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
            while (in.hasRemaining()) {
                int b = in.get(in.position()) & 0xff;
                if (!inBase64) {
                    if (b == '+') {
                        in.get();
                        inBase64 = true;
                        justShifted = true;
                        buffer = 0;
                        bits = 0;
                        continue;
                    }
                    if (!out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    in.get();
                    out.put((char) b);
                    continue;
                }
                int value = b < 128 ? ALPHABET.indexOf(b) : -1;
                if (value >= 0) {
                    if (bits + 6 >= 16 && !out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    in.get();
                    justShifted = false;
                    buffer = (buffer << 6) | value;
                    bits += 6;
                    if (bits >= 16) {
                        bits -= 16;
                        out.put((char) ((buffer >> bits) & 0xFFFF));
                    }
                    buffer &= (1 << bits) - 1;
                    continue;
                }
                if (justShifted && !out.hasRemaining()) {
                    return CoderResult.OVERFLOW;
                }
                if (justShifted) {
                    out.put('+'); // "+-" is a literal plus sign
                }
                inBase64 = false;
                justShifted = false;
                if (b == '-') {
                    in.get(); // the run's explicit end; any other character ends it and is read as itself
                }
            }
            return CoderResult.UNDERFLOW;
        }

        @Override
        protected CoderResult implFlush(CharBuffer out) {
            if (inBase64 && justShifted) {
                if (!out.hasRemaining()) {
                    return CoderResult.OVERFLOW;
                }
                out.put('+');
                justShifted = false;
            }
            return CoderResult.UNDERFLOW;
        }

        @Override
        protected void implReset() {
            inBase64 = false;
            justShifted = false;
            buffer = 0;
            bits = 0;
        }
    }
}
