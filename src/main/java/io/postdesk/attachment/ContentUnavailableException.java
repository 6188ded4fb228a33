package io.postdesk.attachment;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The store that holds attachment bytes cannot be reached now (object storage down, refusing, timing out). It is a
 * transient failure: a download is answered 503 and may be retried, an inbound mail is kept and retried with backoff
 * (its raw bytes are already stored), an upload fails without creating its message.
 */
public class ContentUnavailableException extends TransientDataAccessResourceException {

    public ContentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
