package io.postdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.IntegrationTest;
import io.postdesk.shared.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The default store keeps bytes in the database, once per content, inside the caller's transaction. */
class DatabaseContentStoreIT extends IntegrationTest {

    @Autowired
    private ContentStore store;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private AttachmentProperties properties;

    @Test
    void theDefaultStoreIsTheDatabase() {
        assertThat(((FallbackContentStore) store).primary()).isInstanceOf(DatabaseContentStore.class);
    }

    @Test
    void identicalBytesAreStoredOnceAndReadBack() throws IOException {
        byte[] bytes = "the same invoice".getBytes(StandardCharsets.UTF_8);

        var first = store.put(new ByteArrayInputStream(bytes), 1024);
        var second = store.put(new ByteArrayInputStream(bytes), 1024);

        assertThat(second).isEqualTo(first);
        assertThat(first.size()).isEqualTo(bytes.length);
        assertThat(rows()).isEqualTo(1L);
        try (InputStream in = store.open(first.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void bytesRollBackWithTheirTransaction() {
        String sha = transactions.execute(status -> {
            var stored = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), 1024);
            status.setRollbackOnly();
            return stored.sha256();
        });

        assertThat(store.exists(sha)).isFalse();
        assertThatThrownBy(() -> store.open(sha)).isInstanceOf(IOException.class);
    }

    @Test
    void tooLargeIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[2048]), 1024))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(rows()).isZero();
    }

    @Test
    void deleteKeepsBytesThatAnAttachmentStillNames() {
        byte[] content = "kept while named".getBytes(StandardCharsets.UTF_8);
        var stored = store.put(new ByteArrayInputStream(content), 1024);
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"with file\"}").id();
        var reply = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies",
                        Map.of("body", "file"),
                        Map.of("same.txt", content));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        assertThat(jdbc.sql("SELECT sha256 FROM attachments")
                        .query(String.class)
                        .single())
                .isEqualTo(stored.sha256());

        store.delete(stored.sha256());
        assertThat(store.exists(stored.sha256())).as("still referenced").isTrue();

        assertThat(admin().delete("/api/v1/tickets/" + ticketId).status()).isEqualTo(204);
        assertThat(store.exists(stored.sha256()))
                .as("removed with the last attachment")
                .isFalse();
    }

    @Test
    void bytesStoredInTheDirectoryBeforeTheUpgradeAreStillRead() throws IOException {
        byte[] bytes = "stored by an earlier version".getBytes(StandardCharsets.UTF_8);
        var stored = new DirectoryContentStore(properties.directory()).put(new ByteArrayInputStream(bytes), 1024);

        assertThat(store.exists(stored.sha256())).isTrue();
        try (InputStream in = store.open(stored.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        store.delete(stored.sha256());
        assertThat(store.exists(stored.sha256())).isFalse();
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM attachment_contents")
                .query(Long.class)
                .single();
    }
}
