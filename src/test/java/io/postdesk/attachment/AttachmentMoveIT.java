package io.postdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code attachments move} between all three stores on the test's database, run in-process exactly as the jar runs
 * it ({@link AttachmentMove#run}, its own small Spring context, no web server) while the server keeps serving: each
 * download still works after each move because reads fall back to every configured store.
 */
class AttachmentMoveIT extends IntegrationTest {

    private static final FakeS3 S3 = new FakeS3("postdesk-move").start();

    @Autowired
    private Environment environment;

    @Autowired
    private AttachmentProperties properties;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        // The server writes to the database (the default) but knows the bucket, as during a migration.
        registry.add("postdesk.attachments.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("postdesk.attachments.s3.bucket", S3::bucket);
        registry.add("postdesk.attachments.s3.access-key", () -> FakeS3.ACCESS_KEY);
        registry.add("postdesk.attachments.s3.secret-key", () -> FakeS3.SECRET_KEY);
        registry.add("postdesk.attachments.s3.timeout", () -> "2s");
    }

    @BeforeEach
    void emptyStores() throws Exception {
        S3.start();
        S3.objects().clear();
        if (Files.exists(properties.directory())) {
            try (Stream<Path> files = Files.walk(properties.directory())) {
                files.sorted((a, b) -> b.compareTo(a))
                        .filter(p -> !p.equals(properties.directory()))
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void movesEveryFileThroughAllThreeStoresAndEachStillDownloads() {
        byte[] csv = "id,amount\n1,9.99\n".getBytes(StandardCharsets.UTF_8);
        byte[] pdf = new byte[200_000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 7);
        }
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"files\"}").id();
        long first = upload(ticketId, "a.csv", csv);
        long second = upload(ticketId, "b.pdf", pdf);
        long again = upload(ticketId, "same.csv", csv);
        assertThat(databaseRows()).isEqualTo(2);

        assertThat(move("--to", "s3", "--dry-run")).isZero();
        assertThat(output()).contains("Would move 2 stored file(s) to s3").contains("2 would move");
        assertThat(databaseRows()).as("a dry run changes nothing").isEqualTo(2);
        assertThat(S3.objects()).isEmpty();

        assertThat(move("--to", "s3")).as(output()).isZero();
        assertThat(output()).contains("Done: 2 moved");
        assertThat(databaseRows()).isZero();
        assertThat(S3.objects()).hasSize(2);
        assertDownloads(first, csv, second, pdf, again, csv);

        assertThat(move("--to=directory")).as(output()).isZero();
        assertThat(S3.objects()).isEmpty();
        assertThat(directoryFiles()).hasSize(2);
        assertDownloads(first, csv, second, pdf, again, csv);

        assertThat(move("--to", "database")).as(output()).isZero();
        assertThat(directoryFiles()).isEmpty();
        assertThat(databaseRows()).isEqualTo(2);
        assertDownloads(first, csv, second, pdf, again, csv);

        assertThat(move("--to", "database")).isZero();
        assertThat(output()).contains("0 moved, 2 already in database");
    }

    @Test
    void aRunKilledAfterTheCopyIsFinishedByTheNextRun() throws Exception {
        byte[] content = "copied, source not yet removed".getBytes(StandardCharsets.UTF_8);
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"files\"}").id();
        long id = upload(ticketId, "a.txt", content);
        // What a run killed between copy and removal leaves: the bytes in both stores.
        try (var client = S3ContentStore.client(properties.s3())) {
            new S3ContentStore(client, S3.bucket(), "", properties.directory().resolve("tmp"))
                    .put(new ByteArrayInputStream(content), 1024);
        }

        assertThat(move("--to", "s3")).as(output()).isZero();

        assertThat(output()).contains("0 moved, 1 already in s3");
        assertThat(databaseRows()).as("the leftover source copy is removed").isZero();
        assertThat(admin().get("/api/v1/attachments/" + id).bytes()).isEqualTo(content);
    }

    @Test
    void aDamagedCopyInTheTargetIsReplacedFromTheSource() {
        byte[] content = "the real bytes".getBytes(StandardCharsets.UTF_8);
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"files\"}").id();
        long id = upload(ticketId, "a.txt", content);
        String sha = jdbc.sql("SELECT sha256 FROM attachments WHERE id = ?")
                .param(id)
                .query(String.class)
                .single()
                .strip();
        // A copy cut short (a run killed mid-upload on a store that keeps partial objects).
        S3.objects().put(sha, "the real".getBytes(StandardCharsets.UTF_8));

        assertThat(move("--to", "s3")).as(output()).isZero();

        assertThat(output()).contains("1 moved");
        assertThat(S3.objects().get(sha)).isEqualTo(content);
        assertThat(databaseRows()).isZero();
    }

    @Test
    void aTargetThatIsDownFailsTheRunAndKeepsEverySource() {
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"files\"}").id();
        upload(ticketId, "a.txt", "kept".getBytes(StandardCharsets.UTF_8));
        S3.stop();

        assertThat(move("--to", "s3")).isEqualTo(AttachmentMove.FAILED);

        assertThat(output()).contains("FAILED").contains("Finished with errors").doesNotContain(FakeS3.SECRET_KEY);
        assertThat(databaseRows()).isEqualTo(1);
    }

    @Test
    void bytesThatAreNowhereAreListedAndFailTheRun() {
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"files\"}").id();
        upload(ticketId, "a.txt", "lost".getBytes(StandardCharsets.UTF_8));
        jdbc.sql("DELETE FROM attachment_contents").update();

        assertThat(move("--to", "directory")).isEqualTo(AttachmentMove.FAILED);

        assertThat(output()).contains("MISSING").contains("1 missing");
    }

    @Test
    void badArgumentsAreAUsageError() {
        var err = new ByteArrayOutputStream();
        assertThat(AttachmentMove.run(new String[] {"move"}, System.out, new PrintStream(err)))
                .isEqualTo(AttachmentMove.USAGE);
        assertThat(AttachmentMove.run(new String[] {"move", "--to", "tape"}, System.out, new PrintStream(err)))
                .isEqualTo(AttachmentMove.USAGE);
        assertThat(AttachmentMove.run(new String[] {"copy"}, System.out, new PrintStream(err)))
                .isEqualTo(AttachmentMove.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: attachments move --to");
    }

    private int move(String... args) {
        output.reset();
        List<String> all = new ArrayList<>(List.of("move"));
        all.addAll(List.of(args));
        // The server's own configuration, as an operator passes it (or sets the same environment variables).
        for (String property : List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "postdesk.data-dir",
                "postdesk.attachments.s3.endpoint",
                "postdesk.attachments.s3.bucket",
                "postdesk.attachments.s3.access-key",
                "postdesk.attachments.s3.secret-key",
                "postdesk.attachments.s3.timeout")) {
            all.add("--" + property + "=" + environment.getProperty(property, ""));
        }
        var out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return AttachmentMove.run(all.toArray(String[]::new), out, out);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private long upload(long ticketId, String name, byte[] content) {
        var reply = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies", Map.of("body", "file"), Map.of(name, content));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply.number("$.message.attachments[0].id");
    }

    private void assertDownloads(long id1, byte[] b1, long id2, byte[] b2, long id3, byte[] b3) {
        assertThat(admin().get("/api/v1/attachments/" + id1).bytes()).isEqualTo(b1);
        assertThat(admin().get("/api/v1/attachments/" + id2).bytes()).isEqualTo(b2);
        assertThat(admin().get("/api/v1/attachments/" + id3).bytes()).isEqualTo(b3);
    }

    private long databaseRows() {
        return jdbc.sql("SELECT COUNT(*) FROM attachment_contents")
                .query(Long.class)
                .single();
    }

    private List<Path> directoryFiles() {
        if (!Files.exists(properties.directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(properties.directory())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
