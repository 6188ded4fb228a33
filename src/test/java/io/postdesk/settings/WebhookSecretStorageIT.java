package io.postdesk.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.shared.Snapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The webhook secrets are HMAC keys: stored sealed (AES-GCM), never in clear, and still usable for signatures. */
class WebhookSecretStorageIT extends IntegrationTest {

    private static final String SECRET = "a-very-long-webhook-secret";
    private static final byte[] MAIL = """
            From: max@example.com\r
            To: help@acme.test\r
            Subject: Signed\r
            Message-ID: <signed-1@example.com>\r
            \r
            Hello\r
            """.getBytes(StandardCharsets.US_ASCII);

    @Autowired
    WebhookSettings webhook;

    @Test
    void storesTheSecretSealedAndStillChecksSignaturesWithIt() throws Exception {
        assertThat(admin().put("/api/v1/settings/webhook", "{\"secret\": \"" + SECRET + "\"}")
                        .status())
                .isEqualTo(200);

        assertThat(stored("webhook.secret")).startsWith("v1:").doesNotContain(SECRET);
        assertThat(post(null)).isEqualTo(401);
        assertThat(post("sha256=" + HexFormat.of().formatHex(hmac(SECRET)))).isEqualTo(200);
    }

    @Test
    void sealsTheMailgunSigningKeyToo() {
        webhook.setMailgunSigningKey("key-mailgun-signing-0123456789");

        assertThat(stored("webhook.mailgun-signing-key")).startsWith("v1:").doesNotContain("key-mailgun");
        assertThat(webhook.mailgunSigningKey()).contains("key-mailgun-signing-0123456789");
    }

    @Test
    void aSecretAnEarlierVersionStoredInClearWorksAndIsSealedAtTheNextStart() throws Exception {
        jdbc.sql("INSERT INTO settings (name, setting_value, updated_at) VALUES ('webhook.secret', ?, ?)")
                .params(SECRET, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        Snapshot.forgetAll();
        assertThat(webhook.secret()).contains(SECRET);

        webhook.afterSingletonsInstantiated();

        assertThat(stored("webhook.secret")).startsWith("v1:").doesNotContain(SECRET);
        assertThat(webhook.secret()).contains(SECRET);
        assertThat(post("sha256=" + HexFormat.of().formatHex(hmac(SECRET)))).isEqualTo(200);
    }

    @Test
    void clearingTheSecretLeavesNothingStored() {
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"" + SECRET + "\"}");

        admin().put("/api/v1/settings/webhook", "{\"secret\": null}");

        assertThat(jdbc.sql("SELECT setting_value FROM settings WHERE name = 'webhook.secret'")
                        .query(String.class)
                        .optional()
                        .orElse(null))
                .isNull();
        assertThat(webhook.hasSecret()).isFalse();
    }

    private String stored(String name) {
        return jdbc.sql("SELECT setting_value FROM settings WHERE name = ?")
                .param(name)
                .query(String.class)
                .single();
    }

    private int post(String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets/inbound-email"))
                .header("Content-Type", "message/rfc822");
        if (signature != null) {
            request.header("X-Postdesk-Signature", signature);
        }
        return HttpClient.newHttpClient()
                .send(
                        request.POST(HttpRequest.BodyPublishers.ofByteArray(MAIL))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static byte[] hmac(String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(MAIL);
    }
}
