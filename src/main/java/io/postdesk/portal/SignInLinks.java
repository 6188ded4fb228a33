package io.postdesk.portal;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time sign-in links: 256 random bits, stored only as a hash, valid for {@link #LIFETIME}, usable once. A contact
 * created from email (no password) claims the portal account this way.
 */
@Component
class SignInLinks {

    static final Duration LIFETIME = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final ContactDirectory contacts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignInLinks(JdbcClient jdbc, ContactDirectory contacts, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** A new token for the contact; the caller mails it and never stores it. */
    @Transactional
    String issue(Contact contact) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql(
                        "INSERT INTO portal_sign_in_links (token_hash, contact_id, expires_at, created_at) VALUES (?, ?, ?, ?)")
                .params(sha256(token), contact.id(), utc(now.plus(LIFETIME)), utc(now))
                .update();
        return token;
    }

    /** The contact the token signs in, if it is known, unexpired and unused; using it spends it. */
    @Transactional
    Optional<Contact> redeem(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // The conditional UPDATE spends the token exactly once, even when two requests race.
        int spent = jdbc.sql("UPDATE portal_sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                        + " AND expires_at > ?")
                .params(utc(now), sha256(token), utc(now))
                .update();
        if (spent == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT contact_id FROM portal_sign_in_links WHERE token_hash = ?")
                .param(sha256(token))
                .query(Long.class)
                .optional()
                .flatMap(contacts::findById);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
