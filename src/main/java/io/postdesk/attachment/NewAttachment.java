package io.postdesk.attachment;

import java.io.IOException;
import java.io.InputStream;

/** A file about to be attached: its name and type as the client declared them, and its bytes. */
public record NewAttachment(String filename, String contentType, long size, Content content) {

    /** Opens the bytes; may be called once. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
