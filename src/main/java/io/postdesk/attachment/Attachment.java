package io.postdesk.attachment;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
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

    /** Raster images browsers show without running anything: the only files previewed inline (never SVG). */
    private static final Set<String> PREVIEWABLE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    public boolean isImage() {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return PREVIEWABLE.contains(type);
    }
}
