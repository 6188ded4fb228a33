package io.postdesk.mail.inbound.webhook;

import io.postdesk.settings.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Decides whether a webhook request is authentic, before anything is stored:
 *
 * <ul>
 *   <li>{@code X-Postdesk-Signature: sha256=<hex>} must be HMAC-SHA256(secret, exact body) when a secret is set;
 *   <li>a Mailgun payload may instead carry Mailgun's own signature (HMAC-SHA256(signing key, timestamp + token)),
 *       accepted when a Mailgun signing key is set and the timestamp is within {@link #MAILGUN_MAX_AGE};
 *   <li>with no secret and no key configured, requests are accepted unsigned.
 * </ul>
 *
 * All comparisons are constant-time.
 */
@Component
class WebhookSignatures {

    static final Duration MAILGUN_MAX_AGE = Duration.ofMinutes(15);

    private final WebhookSettings settings;
    private final Clock clock;

    WebhookSignatures(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Why the request is refused, or empty when it is authentic. */
    Optional<String> refusal(
            byte[] body, @Nullable String signatureHeader, WebhookPayload.@Nullable MailgunSignature mailgun) {
        Optional<String> secret = settings.secret();
        Optional<String> mailgunKey = settings.mailgunSigningKey();
        if (signatureHeader != null && secret.isPresent()) {
            return isValidHeader(body, signatureHeader, secret.get())
                    ? Optional.empty()
                    : Optional.of("X-Postdesk-Signature does not match the body");
        }
        if (mailgun != null && mailgunKey.isPresent()) {
            return isValidMailgun(mailgun, mailgunKey.get())
                    ? Optional.empty()
                    : Optional.of("Mailgun signature does not match the signing key or is too old");
        }
        if (secret.isPresent()) {
            return Optional.of("X-Postdesk-Signature is required");
        }
        if (mailgunKey.isPresent() && mailgun == null) {
            return Optional.of("a signature is required");
        }
        return Optional.empty();
    }

    private static boolean isValidHeader(byte[] body, String header, String secret) {
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            return false;
        }
        byte[] presented;
        try {
            presented =
                    HexFormat.of().parseHex(value.substring("sha256=".length()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), presented);
    }

    private boolean isValidMailgun(WebhookPayload.MailgunSignature mailgun, String key) {
        long seconds;
        try {
            seconds = Long.parseLong(mailgun.timestamp().strip());
        } catch (NumberFormatException e) {
            return false;
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant())
                .abs();
        byte[] expected = HexFormat.of()
                .formatHex(hmac(key, (mailgun.timestamp() + mailgun.token()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] presented = mailgun.signature().strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented) && age.compareTo(MAILGUN_MAX_AGE) <= 0;
    }

    /** The {@code X-Postdesk-Signature} value for a body: {@code sha256=<hex HMAC-SHA256(secret, body)>}. */
    static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
