package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.inbound.ObservedStream;
import io.postdesk.settings.WebhookSettings;
import io.postdesk.shared.SqlTimes;
import java.io.InputStream;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides whether a webhook request is authentic, before anything is stored:
 *
 * <ul>
 *   <li>{@code X-Postdesk-Signature: sha256=<hex>} must be HMAC-SHA256(secret, exact body) when a secret is set;
 *   <li>a Mailgun payload may instead carry Mailgun's own signature (HMAC-SHA256(signing key, timestamp + token)),
 *       accepted when a Mailgun signing key is set and the timestamp is within {@link #MAILGUN_MAX_AGE}. That
 *       signature does not cover the body, so each token is remembered with the body it came with (in the database,
 *       so every app node sees it) for as long as the signature would be accepted: the same request again is a
 *       provider's retry and passes (it is answered {@code duplicate} later), a different body with a used token is
 *       refused;
 *   <li>with no secret and no key configured, requests are accepted unsigned.
 * </ul>
 *
 * All comparisons are constant-time.
 */
@Component
class WebhookSignatures {

    static final Duration MAILGUN_MAX_AGE = Duration.ofMinutes(15);

    /** A token is kept while a signature with it can still be accepted: its timestamp may lie that far ahead. */
    static final Duration TOKENS_KEPT_FOR = MAILGUN_MAX_AGE.multipliedBy(2);

    private static final int MAX_TOKEN_LENGTH = 200;

    private final WebhookSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookSignatures(WebhookSettings settings, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Starts checking one request. The body's HMAC is computed while the body is read through {@link
     * Check#track}, so a large body never has to be held whole just to be verified.
     */
    Check start() {
        return new Check(settings.secret(), settings.mailgunSigningKey());
    }

    /** The check of one request, with the secret and key as they were when the request came in. */
    final class Check {

        private final Optional<String> secret;
        private final Optional<String> mailgunKey;
        private final @Nullable Mac bodyMac;
        /** The body's SHA-256, remembered with a Mailgun token to tell a retry from a replay. */
        private final @Nullable MessageDigest bodyDigest;

        private Check(Optional<String> secret, Optional<String> mailgunKey) {
            this.secret = secret;
            this.mailgunKey = mailgunKey;
            this.bodyMac = secret.map(WebhookSignatures::mac).orElse(null);
            this.bodyDigest = mailgunKey.isPresent() ? sha256() : null;
        }

        /** The body stream, feeding every byte read into the HMAC and the digest. */
        InputStream track(InputStream body) {
            if (bodyMac == null && bodyDigest == null) {
                return body;
            }
            return new ObservedStream(body) {
                @Override
                protected void observe(byte[] buffer, int offset, int length) {
                    if (bodyMac != null) {
                        bodyMac.update(buffer, offset, length);
                    }
                    if (bodyDigest != null) {
                        bodyDigest.update(buffer, offset, length);
                    }
                }
            };
        }

        /** Why the request is refused, or empty when it is authentic; call once the whole body was read. */
        Optional<String> refusal(@Nullable String signatureHeader, WebhookPayload.@Nullable MailgunSignature mailgun) {
            if (signatureHeader != null && bodyMac != null) {
                return isValidHeader(bodyMac.doFinal(), signatureHeader)
                        ? Optional.empty()
                        : Optional.of("X-Postdesk-Signature does not match the body");
            }
            if (mailgun != null && mailgunKey.isPresent() && bodyDigest != null) {
                if (!isValidMailgun(mailgun, mailgunKey.get())) {
                    return Optional.of("Mailgun signature does not match the signing key or is too old");
                }
                return isFirstUseOrRetry(mailgun.token(), HexFormat.of().formatHex(bodyDigest.digest()))
                        ? Optional.empty()
                        : Optional.of("Mailgun signature was already used with a different body (replay)");
            }
            if (secret.isPresent()) {
                return Optional.of("X-Postdesk-Signature is required");
            }
            if (mailgunKey.isPresent() && mailgun == null) {
                return Optional.of("a signature is required");
            }
            return Optional.empty();
        }
    }

    private static boolean isValidHeader(byte[] bodyHmac, String header) {
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
        return MessageDigest.isEqual(bodyHmac, presented);
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
        return MessageDigest.isEqual(expected, presented)
                && age.compareTo(MAILGUN_MAX_AGE) <= 0
                && !mailgun.token().isEmpty()
                && mailgun.token().length() <= MAX_TOKEN_LENGTH;
    }

    /**
     * Remembers the token with this body. True the first time, and for the same body again (a provider retrying);
     * false when the token already came with another body. Safe when two nodes see the token at once.
     */
    private boolean isFirstUseOrRetry(String token, String bodySha) {
        var now = clock.instant();
        jdbc.sql("DELETE FROM webhook_replay_tokens WHERE seen_at < ?")
                .param(SqlTimes.utc(now.minus(TOKENS_KEPT_FOR)))
                .update();
        jdbc.sql("INSERT INTO webhook_replay_tokens (token, body_sha256, seen_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(token, bodySha, SqlTimes.utc(now))
                .update();
        return jdbc.sql("SELECT body_sha256 FROM webhook_replay_tokens WHERE token = ?")
                .param(token)
                .query(String.class)
                .optional()
                .map(bodySha::equals)
                .orElse(false);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code X-Postdesk-Signature} value for a body: {@code sha256=<hex HMAC-SHA256(secret, body)>}. */
    static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    static byte[] hmac(String key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private static Mac mac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
