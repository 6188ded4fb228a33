package io.postdesk.staff;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.shared.ConflictException;
import io.postdesk.shared.PasswordPolicy;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time password reset links for staff members, issued by an admin (who hands the link over, or has it mailed):
 * 256 random bits, valid for {@link #LIFETIME}, usable once. Only the SHA-256 of a token is stored, so a copy of the
 * database resets nobody's password. Issuing a link voids the member's earlier unused ones; using one sets the new
 * password (the sign-up rules of {@link PasswordPolicy}) and publishes {@link PasswordReset}, on which every session
 * of that member ends.
 */
@Service
public class PasswordResets {

    /** Long enough to hand a link over across a working day, short enough that a forgotten one soon stops working. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** A new token, shown once: the caller mails it or hands it over and never stores it. */
    public record Issued(String token, String fingerprint, Instant expiresAt) {}

    /** A staff member's password was reset through a link: their sessions must end (on every node). */
    public record PasswordReset(long staffId, String principalName) {}

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PasswordResets(JdbcClient jdbc, StaffDirectory staff, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    /** A link for an active staff member (404 for an unknown id, 409 for a deactivated member). */
    @Transactional
    public Issued issue(long staffId) {
        StaffMember member = staff.get(staffId);
        if (!staff.isActive(staffId)) {
            throw new ConflictException("staff", member.name() + " is deactivated; reactivate them first");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256(token);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LIFETIME);
        // Only the newest link works: an earlier one (perhaps sent to the wrong place) stops working now.
        jdbc.sql("UPDATE staff_password_resets SET used_at = ? WHERE staff_id = ? AND used_at IS NULL")
                .params(utc(now), staffId)
                .update();
        jdbc.sql("INSERT INTO staff_password_resets (token_hash, staff_id, expires_at, created_at) VALUES (?, ?, ?, ?)")
                .params(hash, staffId, utc(expiresAt), utc(now))
                .update();
        return new Issued(token, hash, expiresAt);
    }

    /** The active staff member a token would reset, if it is known, unexpired and unused; does not spend it. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> check(@Nullable String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT staff_id FROM staff_password_resets WHERE token_hash = ? AND used_at IS NULL"
                        + " AND expires_at > ?")
                .params(sha256(token), utc(clock.instant()))
                .query(Long.class)
                .optional()
                .flatMap(staff::findActiveById);
    }

    /**
     * Sets the new password and spends the token; empty when the token is unknown, expired or used (or its member
     * was deactivated meanwhile). A password the policy refuses is an {@link io.postdesk.shared.InvalidInputException}
     * and leaves the token usable, so the member can try another one.
     */
    @Transactional
    public Optional<StaffMember> redeem(@Nullable String token, String password) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        PasswordPolicy.checked(password, "password");
        Optional<StaffMember> member = check(token);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // The conditional UPDATE spends the token exactly once, even when two requests race.
        int spent = jdbc.sql("UPDATE staff_password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                        + " AND expires_at > ?")
                .params(utc(now), sha256(token), utc(now))
                .update();
        if (spent == 0) {
            return Optional.empty();
        }
        StaffMember reset = member.get();
        staff.changePassword(reset.id(), password);
        events.publishEvent(new PasswordReset(reset.id(), reset.getName()));
        return Optional.of(reset);
    }

    private static boolean plausible(@Nullable String token) {
        return token != null && !token.isEmpty() && token.length() <= 100;
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
