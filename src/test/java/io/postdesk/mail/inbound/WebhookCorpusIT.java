package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postdesk.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real provider payloads (../shared/corpus: SendGrid, Mailgun, Postmark) through the webhook. Skips when the corpus is
 * absent (a user's clone has none).
 */
class WebhookCorpusIT extends IntegrationTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus");
    private static final Path SENDGRID = CORPUS.resolve("sendgrid-python-inbound/sendgrid/helpers/inbound/sample_data");
    private static final Path RECORDED = CORPUS.resolve("honeybadger-incoming/recorded-webhooks");

    static Stream<Arguments> payloads() {
        String sendgridForm = "multipart/form-data; boundary=xYzZY";
        return Stream.of(
                Arguments.of(
                        SENDGRID.resolve("default_data.txt"), sendgridForm, "test@example.com", "Testing non-raw", 0),
                Arguments.of(
                        SENDGRID.resolve("raw_data.txt"),
                        sendgridForm,
                        "test@example.com",
                        "Inbound Parse Test Raw Data",
                        0),
                Arguments.of(
                        SENDGRID.resolve("raw_data_with_attachments.txt"), sendgridForm, "test@example.com", null, 1),
                Arguments.of(
                        RECORDED.resolve("mailgun.body.multipart"),
                        "multipart/form-data; boundary=bcba9a63-f2ab-4d7b-9c09-232af882a419",
                        "josh@honeybadger.io",
                        "Test subject",
                        2),
                Arguments.of(
                        RECORDED.resolve("mailgun-raw-mime.body.urlencoded"),
                        "application/x-www-form-urlencoded",
                        "josh@hintmedia.com",
                        "Test subject",
                        0),
                Arguments.of(
                        RECORDED.resolve("postmark.body.json"),
                        "application/json",
                        "josh@honeybadger.io",
                        "Test subject",
                        0),
                Arguments.of(
                        CORPUS.resolve("postmark-inbound-python/tests/fixtures/valid_http_post.json"),
                        "application/json",
                        "bob@bob.com",
                        "Hi There",
                        2),
                Arguments.of(
                        CORPUS.resolve("postmark-inbound-php/fixtures/inbound.json"),
                        "application/json",
                        null,
                        null,
                        0),
                Arguments.of(
                        CORPUS.resolve("mvdnbrk-postmark-inbound/tests/fixtures/inbound.json"),
                        "application/json",
                        null,
                        null,
                        0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void turnsProviderPayloadIntoTicket(Path file, String contentType, String from, String subject, int attachments)
            throws Exception {
        assumeTrue(Files.exists(file), "corpus not present: " + file);

        var response = anonymous().postRaw("/api/tickets/inbound-email", contentType, Files.readAllBytes(file));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat((String) response.json("$.outcome")).as(response.body()).isIn("created", "ignored");
        if (!"created".equals(response.json("$.outcome"))) {
            return;
        }
        long ticket = ((Number) response.json("$.ticketId")).longValue();
        var created = admin().get("/api/v1/tickets/" + ticket);
        if (from != null) {
            assertThat((String) created.json("$.contact.email")).isEqualTo(from);
        }
        if (subject != null) {
            assertThat((String) created.json("$.subject")).isEqualTo(subject);
        }
        List<?> files = admin().get("/api/v1/tickets/" + ticket + "/messages").json("$[0].attachments");
        assertThat(files).hasSizeGreaterThanOrEqualTo(attachments);
    }

    @Test
    void checksMailgunsOwnSignatureWithTheConfiguredKey() throws Exception {
        Path file = RECORDED.resolve("mailgun-raw-mime.body.urlencoded");
        assumeTrue(Files.exists(file), "corpus not present: " + file);
        admin().put("/api/v1/settings/webhook", "{\"mailgunSigningKey\": \"test-signing-key\"}");
        String recorded = Files.readString(file, StandardCharsets.ISO_8859_1);

        var signedByMailgun = post(recorded);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String token = "a".repeat(50);
        String resigned = recorded.replaceAll("timestamp=\\d+", "timestamp=" + timestamp)
                .replaceAll("token=[^&]+", "token=" + token)
                .replaceAll("signature=[0-9a-f]+", "signature=" + sign("test-signing-key", timestamp + token));
        var signedByUs = post(resigned);

        assertThat(signedByMailgun.status()).isEqualTo(401);
        assertThat(signedByUs.status()).as(signedByUs.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private io.postdesk.ApiClient.Response post(String form) {
        return anonymous()
                .postRaw(
                        "/api/tickets/inbound-email",
                        "application/x-www-form-urlencoded",
                        form.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String sign(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
