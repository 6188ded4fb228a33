package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postdesk.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real provider payloads (../shared/corpus: SendGrid, Mailgun, Postmark; MANIFEST.md section 5) through the webhook.
 * Each must become exactly the ticket its payload describes (sender, subject, the first message's visible text, the
 * number of attached files), so a dialect that reads a field wrongly, or drops the payload as "ignored", fails here.
 * The two converted dicts (yunojuno) are posted as the urlencoded form their provider sends. Skips when the corpus is
 * absent (a user's clone has none).
 */
class WebhookCorpusIT extends IntegrationTest {

    private static final String WEBHOOK = "/api/tickets/inbound-email";
    static final Path CORPUS = Path.of("..", "shared", "corpus");
    private static final Path SENDGRID = CORPUS.resolve("sendgrid-python-inbound/sendgrid/helpers/inbound/sample_data");
    private static final Path RECORDED = CORPUS.resolve("honeybadger-incoming/recorded-webhooks");
    private static final Path CONVERTED = CORPUS.resolve("yunojuno-django-inbound-email/payloads");
    private static final String SENDGRID_FORM = "multipart/form-data; boundary=xYzZY";
    /** A form field dict (converted from Python) that the test posts urlencoded, as the provider would. */
    private static final String AS_FORM = "form fields";

    /**
     * @param text the first message's visible text
     * @param attachments how many files the ticket's first message carries (payloads that only count attachments
     *     they do not include carry none)
     */
    record Payload(Path file, String contentType, String from, String subject, String text, int attachments) {
        @Override
        public String toString() {
            return CORPUS.relativize(file).toString();
        }
    }

    static Stream<Payload> payloads() {
        return Stream.of(
                // Parsed mode: the form's subject field is what SendGrid says; the headers field says another one.
                new Payload(
                        SENDGRID.resolve("default_data.txt"),
                        SENDGRID_FORM,
                        "test@example.com",
                        "Testing non-raw",
                        "Hello Twilio SendGrid!",
                        0),
                // Raw mode: the MIME message wins over the form's subject field ("Testing with Request.bin").
                new Payload(
                        SENDGRID.resolve("raw_data.txt"),
                        SENDGRID_FORM,
                        "test@example.com",
                        "Inbound Parse Test Raw Data",
                        "Hello Twilio SendGrid!",
                        0),
                new Payload(
                        SENDGRID.resolve("raw_data_with_attachments.txt"),
                        SENDGRID_FORM,
                        "test@example.com",
                        "Inbound Parse Test Raw Data with Attachment",
                        "Hello Twilio SendGrid!",
                        1),
                new Payload(
                        CONVERTED.resolve("sendgrid_post.json"),
                        AS_FORM,
                        "from@example.com",
                        "test",
                        // No signature rule knows Unibox's line: it stays part of the reply.
                        "This is a message.\n\n\nSent with Unibox",
                        0),
                new Payload(
                        RECORDED.resolve("mailgun.body.multipart"),
                        "multipart/form-data; boundary=bcba9a63-f2ab-4d7b-9c09-232af882a419",
                        "josh@honeybadger.io",
                        "Test subject",
                        "Test body.",
                        2),
                new Payload(
                        RECORDED.resolve("mailgun-raw-mime.body.urlencoded"),
                        "application/x-www-form-urlencoded",
                        "josh@hintmedia.com",
                        "Test subject",
                        "Test body.",
                        0),
                new Payload(
                        RECORDED.resolve("postmark.body.json"),
                        "application/json",
                        "josh@honeybadger.io",
                        "Test subject",
                        "Test body.",
                        2),
                new Payload(
                        CORPUS.resolve("postmark-inbound-python/tests/fixtures/valid_http_post.json"),
                        "application/json",
                        "bob@bob.com",
                        "Hi There",
                        "This is awesome!",
                        2),
                new Payload(
                        CORPUS.resolve("postmark-inbound-php/fixtures/inbound.json"),
                        "application/json",
                        "myuser@theirdomain.com",
                        "This is an inbound message",
                        "[ASCII]",
                        // Placeholder content "[BASE64-ENCODED CONTENT]": decoded leniently, the files are kept.
                        2),
                new Payload(
                        CORPUS.resolve("mvdnbrk-postmark-inbound/tests/fixtures/inbound.json"),
                        "application/json",
                        "john@example.com",
                        "Postmark inbound message test",
                        "[ASCII]",
                        2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void turnsProviderPayloadIntoTheTicketItDescribes(Payload payload) throws Exception {
        assumeTrue(Files.exists(payload.file()), "corpus not present: " + payload.file());

        var response = payload.contentType().equals(AS_FORM)
                ? anonymous().postRaw(WEBHOOK, "application/x-www-form-urlencoded", urlencoded(payload.file()))
                : anonymous().postRaw(WEBHOOK, payload.contentType(), Files.readAllBytes(payload.file()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat((String) response.json("$.outcome")).as(response.body()).isEqualTo("created");
        long ticket = ((Number) response.json("$.ticketId")).longValue();
        var created = admin().get("/api/v1/tickets/" + ticket);
        assertThat((String) created.json("$.contact.email")).isEqualTo(payload.from());
        assertThat((String) created.json("$.subject")).isEqualTo(payload.subject());
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((List<?>) messages.json("$")).hasSize(1);
        assertThat((String) messages.json("$[0].visibleText")).isEqualTo(payload.text());
        List<?> files = messages.json("$[0].attachments");
        assertThat(files).as(messages.body()).hasSize(payload.attachments());
    }

    /**
     * The converted Mailgun route-tester dict carries {@code message-headers} whose inner quotes lost their escapes
     * (not JSON): the payload is refused with a reason rather than half read; its other fields are what the ticket
     * would be made of.
     */
    @Test
    void refusesTheMailgunPayloadWhoseMessageHeadersAreNotJson() throws Exception {
        Path file = CONVERTED.resolve("mailgun_post.json");
        assumeTrue(Files.exists(file), "corpus not present: " + file);

        var response = anonymous().postRaw(WEBHOOK, "application/x-www-form-urlencoded", urlencoded(file));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat((String) response.json("$.detail"))
                .isEqualTo("message-headers is not a JSON list of [name, value] pairs");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isZero();
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

    /** A JSON object of form fields, urlencoded. */
    private static byte[] urlencoded(Path file) throws Exception {
        Map<String, String> fields = JsonMapper.builder().build().readValue(file.toFile(), new TypeReference<>() {});
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private io.postdesk.ApiClient.Response post(String form) {
        return anonymous()
                .postRaw(WEBHOOK, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String sign(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
