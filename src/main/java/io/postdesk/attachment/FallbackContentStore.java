package io.postdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The configured store first, then every other configured store for bytes written before a switch, so changing
 * {@code postdesk.attachments.store} loses no file and {@code attachments move} can run while nodes serve: new bytes go
 * to {@link #primary}; reads find the bytes wherever they are now.
 */
class FallbackContentStore implements ContentStore {

    private final ContentStore primary;
    private final List<ContentStore> earlier;

    FallbackContentStore(ContentStore primary, List<ContentStore> earlier) {
        this.primary = primary;
        this.earlier = List.copyOf(earlier);
    }

    ContentStore primary() {
        return primary;
    }

    @Override
    public Stored put(InputStream in, long maxBytes) {
        return primary.put(in, maxBytes);
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        IOException missing;
        try {
            // One round trip when the bytes are where new ones go, which after a move is all of them.
            return primary.open(sha256);
        } catch (IOException e) {
            missing = e;
        }
        for (ContentStore store : earlier) {
            if (store.exists(sha256)) {
                return store.open(sha256);
            }
        }
        throw missing;
    }

    @Override
    public void delete(String sha256) {
        primary.delete(sha256);
        // The database keeps bytes an attachment named since the caller looked; then the other copies stay too.
        if (!primary.exists(sha256)) {
            earlier.forEach(store -> store.delete(sha256));
        }
    }

    @Override
    public boolean exists(String sha256) {
        return primary.exists(sha256) || earlier.stream().anyMatch(store -> store.exists(sha256));
    }
}
