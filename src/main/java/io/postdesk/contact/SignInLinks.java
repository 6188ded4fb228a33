package io.postdesk.contact;

import static io.postdesk.shared.SqlTimes.utc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time portal sign-in links: 256 random bits, valid for {@link #LIFETIME}, usable once. Only the SHA-256 of a
 * token is stored and looked up, so a copy of the database signs nobody in. A contact created from email (no
 * password) claims the portal account this way; staff may also hand a link over (when no SMTP is configured).
 */
@Service
public class SignInLinks {

    public static final Duration LIFETIME = Duration.ofMinutes(15);

    /**
     * A new token, shown once: the caller mails it or hands it over and never stores it.
     *
     * @param fingerprint the stored hash, to name this link where a key is needed (e.g. the outbox dedupe key)
     */
    public record Issued(String token, String fingerprint, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final ContactDirectory contacts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignInLinks(JdbcClient jdbc, ContactDirectory contacts, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Transactional
    public Issued issue(long contactId) {
        contacts.get(contactId);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256(token);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LIFETIME);
        jdbc.sql(
                        "INSERT INTO portal_sign_in_links (token_hash, contact_id, expires_at, created_at) VALUES (?, ?, ?, ?)")
                .params(hash, contactId, utc(expiresAt), utc(now))
                .update();
        return new Issued(token, hash, expiresAt);
    }

    /** The contact the token signs in, if it is known, unexpired and unused; using it spends it. */
    @Transactional
    public Optional<Contact> redeem(@Nullable String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = sha256(token);
        // The conditional UPDATE spends the token exactly once, even when two requests race.
        int spent = jdbc.sql("UPDATE portal_sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                        + " AND expires_at > ?")
                .params(utc(now), hash, utc(now))
                .update();
        if (spent == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT contact_id FROM portal_sign_in_links WHERE token_hash = ?")
                .param(hash)
                .query(Long.class)
                .optional()
                .flatMap(contacts::findById);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
