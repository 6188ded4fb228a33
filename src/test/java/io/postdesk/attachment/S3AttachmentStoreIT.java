package io.postdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.mail.inbound.InboundMails;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code postdesk.attachments.store=s3} end to end against a fake S3-compatible server on loopback: uploads through
 * the API and mail land in the bucket and download; a bucket that is down is a 503 problem detail on download (never a
 * 500), and a mail with an attachment received meanwhile is kept and finished once the bucket is back.
 */
// The test runs the resume job itself.
@TestPropertySource(properties = "postdesk.mail.inbound.resume-interval=1h")
class S3AttachmentStoreIT extends IntegrationTest {

    private static final FakeS3 S3 = new FakeS3("postdesk-it").start();
    private static final String WEBHOOK = "/api/tickets/inbound-email";

    @Autowired
    private InboundMails inbound;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("postdesk.attachments.store", () -> "s3");
        registry.add("postdesk.attachments.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("postdesk.attachments.s3.bucket", S3::bucket);
        registry.add("postdesk.attachments.s3.access-key", () -> FakeS3.ACCESS_KEY);
        registry.add("postdesk.attachments.s3.secret-key", () -> FakeS3.SECRET_KEY);
        registry.add("postdesk.attachments.s3.prefix", () -> "files/");
        registry.add("postdesk.attachments.s3.timeout", () -> "2s");
    }

    @BeforeEach
    void bucketUpAndEmpty() {
        S3.start();
        S3.objects().clear();
    }

    @Test
    void anUploadThroughTheApiLivesInTheBucketAndDownloads() {
        byte[] content = "id,amount\n1,9.99\n".getBytes(StandardCharsets.UTF_8);
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"with file\"}").id();
        var reply = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies",
                        Map.of("body", "file"),
                        Map.of("invoice.csv", content));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        long attachmentId = reply.number("$.message.attachments[0].id");

        assertThat(S3.objects()).containsOnlyKeys("files/" + sha(attachmentId));
        assertThat(S3.objects().get("files/" + sha(attachmentId))).isEqualTo(content);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attachment_contents")
                        .query(Long.class)
                        .single())
                .as("nothing in the database")
                .isZero();
        var download = admin().get("/api/v1/attachments/" + attachmentId);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(content);

        assertThat(admin().delete("/api/v1/tickets/" + ticketId).status()).isEqualTo(204);
        assertThat(S3.objects()).as("removed with the last attachment").isEmpty();
    }

    @Test
    void aMailedAttachmentLivesInTheBucketAndDownloads() {
        byte[] pdf = "%PDF-1.4 mailed".getBytes(StandardCharsets.US_ASCII);

        var answer = anonymous().postRaw(WEBHOOK, "message/rfc822", mailWith("mailed@example.com", pdf));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        long attachmentId =
                jdbc.sql("SELECT id FROM attachments").query(Long.class).single();
        assertThat(S3.objects().get("files/" + sha(attachmentId))).isEqualTo(pdf);
        assertThat(admin().get("/api/v1/attachments/" + attachmentId).bytes()).isEqualTo(pdf);
    }

    @Test
    void aDownloadWhileTheBucketIsDownIsA503ProblemNotA500() {
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"with file\"}").id();
        long attachmentId = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies",
                        Map.of("body", "file"),
                        Map.of("notes.txt", "notes".getBytes(StandardCharsets.UTF_8)))
                .number("$.message.attachments[0].id");
        S3.stop();

        var download = admin().get("/api/v1/attachments/" + attachmentId);

        assertThat(download.status()).as("%s", download).isEqualTo(503);
        assertThat(download.header("Content-Type")).startsWith("application/problem+json");
        assertThat(download.header("Retry-After")).isEqualTo("30");
        assertThat(download.string("$.title")).isEqualTo("Attachment storage unavailable");
        assertThat(download.body()).doesNotContain(FakeS3.SECRET_KEY).doesNotContain(FakeS3.ACCESS_KEY);
        assertThat(anonymous().get("/actuator/health").status())
                .as("health says so")
                .isEqualTo(503);

        S3.start();
        assertThat(admin().get("/api/v1/attachments/" + attachmentId).status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void anUploadWhileTheBucketIsDownIsA503AndCreatesNoMessage() {
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"with file\"}").id();
        long messages = messages();
        S3.stop();

        var reply = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies",
                        Map.of("body", "file"),
                        Map.of("notes.txt", "notes".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.status()).as("%s", reply).isEqualTo(503);
        assertThat(messages()).isEqualTo(messages);
    }

    @Test
    void aMailReceivedWhileTheBucketIsDownIsKeptAndFinishedWhenItIsBack() {
        byte[] pdf = "%PDF-1.4 while down".getBytes(StandardCharsets.US_ASCII);
        S3.stop();

        var answer = anonymous().postRaw(WEBHOOK, "message/rfc822", mailWith("down@example.com", pdf));

        // Stored first, then deferred: the sender may deliver again, and the resume job retries it meanwhile.
        assertThat(answer.status()).as("%s", answer).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotNull();
        assertThat(jdbc.sql("SELECT status FROM inbound_mails")
                        .query(String.class)
                        .single())
                .isEqualTo("received");
        assertThat(jdbc.sql("SELECT error FROM inbound_mails")
                        .query(String.class)
                        .single())
                .contains("attachment storage")
                .doesNotContain(FakeS3.SECRET_KEY);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isZero();

        S3.start();
        jdbc.sql("UPDATE inbound_mails SET next_attempt_at = NULL").update();
        inbound.resumeInterrupted();

        assertThat(jdbc.sql("SELECT outcome FROM inbound_mails")
                        .query(String.class)
                        .single())
                .isEqualTo("created");
        long attachmentId =
                jdbc.sql("SELECT id FROM attachments").query(Long.class).single();
        assertThat(admin().get("/api/v1/attachments/" + attachmentId).bytes()).isEqualTo(pdf);
    }

    private long messages() {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_messages")
                .query(Long.class)
                .single();
    }

    private String sha(long attachmentId) {
        return jdbc.sql("SELECT sha256 FROM attachments WHERE id = ?")
                .param(attachmentId)
                .query(String.class)
                .single()
                .strip();
    }

    static byte[] mailWith(String from, byte[] pdf) {
        return ("From: Customer <" + from + ">\r\n"
                        + "To: support@postdesk.test\r\n"
                        + "Subject: Invoice attached\r\n"
                        + "Message-ID: <" + from.replace('@', '.') + "@example.com>\r\n"
                        + "Date: Wed, 02 Dec 2026 10:00:00 +0000\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease see the invoice.\r\n"
                        + "--b1\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
                        + "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n"
                        + "--b1--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
