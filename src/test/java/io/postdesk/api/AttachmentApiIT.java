package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

/** {@code GET /api/v1/attachments/{id}}: the bytes as uploaded, served as a safe download. */
class AttachmentApiIT extends IntegrationTest {

    @Test
    void downloadsTheBytesAsAnAttachmentThatIsNeverSniffed() {
        byte[] content = "id,amount\n1,9.99\n".getBytes(StandardCharsets.UTF_8);
        long attachmentId = upload("invoice 2024.csv", content);

        var download = admin().get("/api/v1/attachments/" + attachmentId);

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(content);
        var disposition = ContentDisposition.parse(download.header("Content-Disposition"));
        assertThat(disposition.isAttachment()).isTrue();
        assertThat(disposition.getFilename()).isEqualTo("invoice 2024.csv");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        // CSV is not on the list of inert types a browser may render: a plain download.
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Security-Policy")).contains("sandbox");
        assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(content.length));
    }

    @Test
    void keepsBinaryContentIntact() {
        byte[] content = new byte[256 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        long attachmentId = upload("dump.pdf", content);

        var download = admin().get("/api/v1/attachments/" + attachmentId);

        assertThat(download.bytes()).isEqualTo(content);
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
    }

    @Test
    void servesNonAsciiFilenames() {
        long attachmentId = upload("Übersicht März.txt", "hallo".getBytes(StandardCharsets.UTF_8));

        var download = admin().get("/api/v1/attachments/" + attachmentId);

        assertThat(ContentDisposition.parse(download.header("Content-Disposition"))
                        .getFilename())
                .isEqualTo("Übersicht März.txt");
    }

    @Test
    void showsImagesInlineOnlyWhenAsked() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        long image = upload("photo.png", png);
        long text = upload("notes.txt", "text".getBytes(StandardCharsets.UTF_8));

        var inlineImage = admin().get("/api/v1/attachments/" + image + "?inline=true");
        var inlineText = admin().get("/api/v1/attachments/" + text + "?inline=true");
        var defaultImage = admin().get("/api/v1/attachments/" + image);

        assertThat(ContentDisposition.parse(inlineImage.header("Content-Disposition"))
                        .isInline())
                .isTrue();
        assertThat(inlineImage.header("Content-Type")).isEqualTo("image/png");
        assertThat(inlineImage.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(ContentDisposition.parse(inlineText.header("Content-Disposition"))
                        .isAttachment())
                .isTrue();
        assertThat(ContentDisposition.parse(defaultImage.header("Content-Disposition"))
                        .isAttachment())
                .isTrue();
    }

    @Test
    void answersNotFoundForUnknownAttachment() {
        assertProblem(admin().get("/api/v1/attachments/999999"), 404);
        assertBadField(admin().get("/api/v1/attachments/abc"), "id");
    }

    @Test
    void requiresAToken() {
        long attachmentId = upload("a.txt", "a".getBytes(StandardCharsets.UTF_8));

        assertProblem(anonymous().get("/api/v1/attachments/" + attachmentId), 401);
    }

    @Test
    void deletingTheTicketRemovesItsAttachmentsAndTheirBytes() {
        byte[] content = "only here".getBytes(StandardCharsets.UTF_8);
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"with file\"}").id();
        long attachmentId = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies", Map.of("body", "file"), Map.of("only.txt", content))
                .number("$.message.attachments[0].id");
        String sha = jdbc.sql("SELECT sha256 FROM attachments WHERE id = ?")
                .param(attachmentId)
                .query(String.class)
                .single()
                .strip();
        // The default store keeps the bytes in the database (postdesk.attachments.store=database).
        assertThat(storedContents(sha)).isOne();

        assertThat(admin().delete("/api/v1/tickets/" + ticketId).status()).isEqualTo(204);

        assertProblem(admin().get("/api/v1/attachments/" + attachmentId), 404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_messages")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attachments")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(storedContents(sha)).isZero();
    }

    private long storedContents(String sha) {
        return jdbc.sql("SELECT COUNT(*) FROM attachment_contents WHERE sha256 = ?")
                .param(sha)
                .query(Long.class)
                .single();
    }

    @Test
    void keepsBytesStillUsedByAnotherTicket() {
        byte[] content = "shared bytes".getBytes(StandardCharsets.UTF_8);
        long gone = admin().post("/api/v1/tickets", "{\"subject\": \"one\"}").id();
        long kept = admin().post("/api/v1/tickets", "{\"subject\": \"two\"}").id();
        admin().multipart("/api/v1/tickets/" + gone + "/replies", Map.of("body", "a"), Map.of("same.txt", content));
        long keptAttachment = admin().multipart(
                        "/api/v1/tickets/" + kept + "/replies", Map.of("body", "b"), Map.of("copy.txt", content))
                .number("$.message.attachments[0].id");

        admin().delete("/api/v1/tickets/" + gone);

        var download = admin().get("/api/v1/attachments/" + keptAttachment);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(content);
    }

    private long upload(String filename, byte[] content) {
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"files\"}").id();
        var reply = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies",
                        Map.of("body", "attached"),
                        Map.of(filename, content));
        assertThat(reply.status()).as("upload %s", reply).isEqualTo(201);
        return reply.number("$.message.attachments[0].id");
    }
}
