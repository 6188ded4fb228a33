package io.postdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.shared.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a fake S3-compatible server on loopback, through the real AWS SDK client. */
class S3ContentStoreTests {

    @TempDir
    Path spool;

    private final FakeS3 fake = new FakeS3("postdesk-test");
    private S3Client client;
    private S3ContentStore store;

    @BeforeEach
    void start() {
        fake.start();
        client = S3ContentStore.client(config(FakeS3.ACCESS_KEY));
        store = new S3ContentStore(client, fake.bucket(), "pd/", spool);
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private AttachmentProperties.S3 config(String accessKey) {
        return new AttachmentProperties.S3(
                fake.endpoint(),
                "us-east-1",
                fake.bucket(),
                true,
                accessKey,
                FakeS3.SECRET_KEY,
                "pd/",
                Duration.ofSeconds(2));
    }

    @Test
    void storesByContentHashUnderThePrefixOnceAndReadsBack() throws IOException {
        byte[] bytes = "the invoice".getBytes(StandardCharsets.UTF_8);

        var first = store.put(new ByteArrayInputStream(bytes), 1024);
        var second = store.put(new ByteArrayInputStream(bytes), 1024);

        assertThat(second).isEqualTo(first);
        assertThat(fake.objects()).containsOnlyKeys("pd/" + first.sha256());
        assertThat(fake.requests().stream().filter(r -> r.startsWith("PUT")))
                .as("known bytes are not sent again")
                .hasSize(1);
        assertThat(fake.authorizations())
                .allMatch(a -> a.startsWith("AWS4-HMAC-SHA256 Credential=" + FakeS3.ACCESS_KEY));
        assertThat(store.exists(first.sha256())).isTrue();
        try (InputStream in = store.open(first.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        store.delete(first.sha256());
        assertThat(store.exists(first.sha256())).isFalse();
        assertThat(fake.objects()).isEmpty();
    }

    @Test
    void aLargeFileStreamsThroughAndItsSpoolFileIsRemoved() throws IOException {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(14).nextBytes(bytes);

        var stored = store.put(new ByteArrayInputStream(bytes), Long.MAX_VALUE);

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(fake.objects().get("pd/" + stored.sha256())).isEqualTo(bytes);
        try (InputStream in = store.open(stored.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void tooLargeIsRefusedAndNothingIsSent() {
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[2048]), 1024))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(fake.objects()).isEmpty();
    }

    @Test
    void unknownContentIsMissingNotUnavailable() {
        String sha = "0".repeat(64);
        assertThat(store.exists(sha)).isFalse();
        assertThatThrownBy(() -> store.open(sha)).isInstanceOf(IOException.class);
    }

    @Test
    void aStoreThatIsDownIsUnavailableAndTheMessageHoldsNoSecret() {
        var stored = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), 1024);
        fake.stop();

        assertThatThrownBy(() -> store.open(stored.sha256()))
                .isInstanceOf(ContentUnavailableException.class)
                .hasMessageNotContaining(FakeS3.SECRET_KEY);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[] {4}), 1024))
                .isInstanceOf(ContentUnavailableException.class);
        assertThatThrownBy(store::checkReachable).isInstanceOf(ContentUnavailableException.class);

        fake.start();
        store.checkReachable();
        assertThat(store.exists(stored.sha256())).isTrue();
    }

    @Test
    void wrongCredentialsAreUnavailableNotMissing() {
        try (S3Client wrong = S3ContentStore.client(config("someone-else"))) {
            var other = new S3ContentStore(wrong, fake.bucket(), "pd/", spool);
            assertThatThrownBy(() -> other.exists("0".repeat(64))).isInstanceOf(ContentUnavailableException.class);
        }
    }

    @Test
    void theSecretIsNotInTheConfigurationsText() {
        assertThat(config(FakeS3.ACCESS_KEY).toString())
                .doesNotContain(FakeS3.SECRET_KEY)
                .doesNotContain(FakeS3.ACCESS_KEY);
    }
}
