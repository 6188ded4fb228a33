package io.postdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory store (postdesk.attachments.store=directory): content-addressed files, stored once. */
class DirectoryContentStoreTests {

    @TempDir
    Path root;

    @Test
    void storesReadsAndDeletesByHash() throws IOException {
        var store = new DirectoryContentStore(root);
        byte[] bytes = {1, 2, 3, 4};

        var stored = store.put(new ByteArrayInputStream(bytes), 16);
        assertThat(store.put(new ByteArrayInputStream(bytes), 16)).isEqualTo(stored);

        assertThat(store.exists(stored.sha256())).isTrue();
        try (InputStream in = store.open(stored.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        store.delete(stored.sha256());
        assertThat(store.exists(stored.sha256())).isFalse();
    }
}
