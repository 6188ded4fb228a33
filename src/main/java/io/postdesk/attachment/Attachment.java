package io.postdesk.attachment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Metadata of a stored attachment; the bytes are read with {@link Attachments#open(Attachment)}. */
public record Attachment(
        long id,
        @Nullable Long ticketMessageId,
        @Nullable Long orderMessageId,
        String filename,
        String contentType,
        long size,
        String sha256,
        @Nullable String contentId,
        boolean inline,
        Instant createdAt) {

    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
