package io.postdesk.mail.inbound.webhook;

import io.postdesk.shared.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies read as the exact bytes sent, never more than a limit in memory. */
public final class RawRequests {

    private RawRequests() {}

    public static byte[] body(HttpServletRequest request, long maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLargeException("the request is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new PayloadTooLargeException("the request is larger than " + maxBytes + " bytes");
            }
            return body;
        }
    }
}
