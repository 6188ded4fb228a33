package io.postdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A file about to be attached: its name and type as the client declared them, and its bytes. Mailed files may carry
 * a Content-ID ({@code inline} images referenced as {@code cid:} from the HTML).
 */
public record NewAttachment(
        String filename,
        String contentType,
        long size,
        Content content,
        @Nullable String contentId,
        boolean inline) {

    public NewAttachment(String filename, String contentType, long size, Content content) {
        this(filename, contentType, size, content, null, false);
    }

    /** Opens the bytes; may be called once. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
