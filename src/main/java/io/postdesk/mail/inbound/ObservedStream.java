package io.postdesk.mail.inbound;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that shows every byte read through it to {@link #observe} before the reader gets it: to count it
 * against a limit or a budget, or to feed it into a signature. Skipped bytes are read too, so none escapes the
 * observer.
 */
public abstract class ObservedStream extends FilterInputStream {

    private final byte[] single = new byte[1];

    protected ObservedStream(InputStream in) {
        super(in);
    }

    /** The bytes just read; may throw to refuse them. */
    protected abstract void observe(byte[] buffer, int offset, int length) throws IOException;

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            single[0] = (byte) b;
            observe(single, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            observe(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 0))];
        long skipped = 0;
        for (int got; skipped < n && (got = read(buffer, 0, (int) Math.min(buffer.length, n - skipped))) > 0; ) {
            skipped += got;
        }
        return skipped;
    }
}
