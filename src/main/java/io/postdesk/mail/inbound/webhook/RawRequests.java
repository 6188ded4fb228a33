package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.inbound.ObservedStream;
import io.postdesk.shared.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies read as the exact bytes sent: never more than a limit, never for longer than a timeout, and into
 * one array of the declared length when there is one.
 */
public final class RawRequests {

    /** The largest array the JVM hands out. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private RawRequests() {}

    /** Thrown when a body is still arriving after its timeout: a slow sender must not hold memory for ever. */
    static final class TooSlowException extends RuntimeException {
        TooSlowException(Duration timeout) {
            super("the request body did not arrive within " + timeout.toSeconds() + " s");
        }
    }

    public static byte[] body(HttpServletRequest request, long maxBytes) throws IOException {
        refuseDeclaredOverLimit(request, maxBytes);
        try (InputStream in = limited(request.getInputStream(), maxBytes, null)) {
            return readAll(in, request.getContentLengthLong());
        }
    }

    /** Refuses a request whose Content-Length is over the limit, before a byte of it is read. */
    static void refuseDeclaredOverLimit(HttpServletRequest request, long maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLargeException("the request is larger than " + maxBytes + " bytes");
        }
    }

    /**
     * The stream, refusing more than {@code maxBytes} ({@link PayloadTooLargeException}) and, with a timeout, bytes
     * still arriving after it ({@link TooSlowException}). A single read waits at most the server's connection
     * timeout, so a body is held at most that much longer than the timeout.
     */
    static InputStream limited(InputStream in, long maxBytes, @Nullable Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        return new ObservedStream(in) {
            private long read;

            /** The servlet container owns the request stream; a parser that closes what it read must not close it. */
            @Override
            public void close() {}

            @Override
            protected void observe(byte[] buffer, int offset, int length) {
                read += length;
                if (read > maxBytes) {
                    throw new PayloadTooLargeException("the request is larger than " + maxBytes + " bytes");
                }
                if (timeout != null && System.nanoTime() - deadline > 0) {
                    throw new TooSlowException(timeout);
                }
            }
        };
    }

    /**
     * Reads the stream to its end. With a declared length the bytes go into one array of that length (reading into
     * a growing buffer would hold the body two or three times over at its end).
     */
    static byte[] readAll(InputStream in, long declaredLength) throws IOException {
        if (declaredLength < 0 || declaredLength > MAX_ARRAY) {
            return in.readAllBytes();
        }
        byte[] body = new byte[(int) declaredLength];
        int n = in.readNBytes(body, 0, body.length);
        if (n < body.length) {
            // A cut-off body must never be taken for the whole mail: its sender has not been answered and re-sends.
            throw new EOFException("the request body ended after " + n + " of " + declaredLength + " bytes");
        }
        if (in.read() >= 0) {
            throw new IOException("the request body is longer than its Content-Length");
        }
        return body;
    }
}
