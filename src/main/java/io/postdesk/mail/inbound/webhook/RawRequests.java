package io.postdesk.mail.inbound.webhook;

import io.postdesk.shared.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies read as the exact bytes sent, never more than a limit in memory. */
public final class RawRequests {

    private RawRequests() {}

    public static byte[] body(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new PayloadTooLargeException("the request is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            // With a Content-Length, read exactly that much (plus one byte to notice a lying length); else up to the
            // limit.
            long expected = declared >= 0 ? declared : maxBytes;
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, expected + 1));
            if (body.length > maxBytes) {
                throw new PayloadTooLargeException("the request is larger than " + maxBytes + " bytes");
            }
            return body;
        }
    }
}
