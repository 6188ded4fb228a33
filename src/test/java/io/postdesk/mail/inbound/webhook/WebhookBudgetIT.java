package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.mail.inbound.MemoryBudget;
import io.postdesk.mail.inbound.TestMails;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The webhook under the memory budget, and bodies read as streams: chunked, multipart, signed. */
class WebhookBudgetIT extends IntegrationTest {

    private static final String WEBHOOK = "/api/tickets/inbound-email";

    @Autowired
    MemoryBudget budget;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String contentType, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + WEBHOOK))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long storedMails() {
        return jdbc.sql("SELECT COUNT(*) FROM inbound_mails").query(Long.class).single();
    }

    @Test
    void answers503WithRetryAfterAtTheMemoryBudgetAndTakesTheMailOnceThereIsRoom() throws Exception {
        byte[] mail = TestMails.from("quinn@example.com").bytes();

        HttpResponse<String> busy;
        try (var everything = budget.reserve(Long.MAX_VALUE)) {
            busy = post("message/rfc822", HttpRequest.BodyPublishers.ofByteArray(mail));
        }
        var taken = post("message/rfc822", HttpRequest.BodyPublishers.ofByteArray(mail));

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(busy.body()).contains("\"status\":503").contains("memory budget");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(taken.body()).contains("\"outcome\":\"created\"");
        assertThat(storedMails()).isEqualTo(1);
        assertThat(budget.availableBytes()).isEqualTo(budget.totalBytes());
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsReadWholeAndStoredExactly() throws Exception {
        byte[] mail = TestMails.from("rosa@example.com")
                .body("caf\u00e9 ".repeat(50_000))
                .bytes();

        var taken =
                post("message/rfc822", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(mail)));

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT raw FROM inbound_mails").query(byte[].class).single())
                .isEqualTo(mail);
        assertThat(budget.availableBytes()).isEqualTo(budget.totalBytes());
    }

    @Test
    void aStreamedMultipartBodyIsSignedOverEveryByteIncludingItsEpilogue() throws Exception {
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"a-very-long-webhook-secret\"}");
        byte[] mail = TestMails.from("sam@example.com").bytes();
        byte[] form = ("--B\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\nsupport@acme.test\r\n--B\r\n"
                        + "Content-Disposition: form-data; name=\"email\"\r\n\r\n"
                        + new String(mail, StandardCharsets.ISO_8859_1) + "\r\n--B--\r\nan epilogue\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String signature = WebhookSignatures.signature("a-very-long-webhook-secret", form);
        byte[] tampered = form.clone();
        tampered[tampered.length - 3] = 'X'; // inside the epilogue, which no parser looks at

        var forged = post(
                "multipart/form-data; boundary=B",
                HttpRequest.BodyPublishers.ofByteArray(tampered),
                "X-Postdesk-Signature",
                signature);
        var signed = post(
                "multipart/form-data; boundary=B",
                HttpRequest.BodyPublishers.ofByteArray(form),
                "X-Postdesk-Signature",
                signature);

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT raw FROM inbound_mails").query(byte[].class).single())
                .isEqualTo(mail);
    }
}
