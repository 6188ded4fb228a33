package io.postdesk.attachment;

import java.io.IOException;
import java.io.InputStream;

/**
 * Attachment bytes by SHA-256, so identical files are stored once. Which store holds them is configuration
 * ({@code postdesk.attachments.store}): the database by default, so several nodes share them and the bytes commit or
 * roll back with their message; a local directory or an S3-compatible bucket otherwise (docs/adr/0015, 0023).
 */
interface ContentStore {

    record Stored(String sha256, long size) {}

    /** Stores the bytes (at most {@code maxBytes}) and returns their hash; storing known bytes again is a no-op. */
    Stored put(InputStream in, long maxBytes);

    InputStream open(String sha256) throws IOException;

    /** Removes the bytes; callers have checked that no attachment refers to them any more. */
    void delete(String sha256);

    boolean exists(String sha256);

    /**
     * Removes this store's copy whether or not an attachment names the bytes: for {@code attachments move}, once the
     * copy in the target store is verified.
     */
    default void discard(String sha256) {
        delete(sha256);
    }

    static void requireSha256(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256");
        }
    }
}
