package io.postdesk.limits;

import io.postdesk.shared.LoginAttempts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counters in the {@code rate_counters} table (V33), shared by every node on the database. Keys are hashed (SHA-256),
 * so the table holds no addresses and a hostile key of any length costs one fixed-size row. Every change is a single
 * statement: an {@code UPDATE … WHERE} that either resets a run-out row or adds one, and only when the row is missing
 * an {@code INSERT … ON CONFLICT DO NOTHING} of the first hit (then the update again, should another node have
 * inserted it in between). Run-out rows are swept every few minutes; the {@code DELETE} is harmless on every node.
 */
@Component
public class SharedCounters {

    private final JdbcClient jdbc;
    private final Clock clock;

    SharedCounters(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Lockouts for one sign-in ({@code staff-login}, {@code portal-login}) over these shared counters. */
    public LoginAttempts loginAttempts(String scope) {
        return new LoginAttempts(new LoginAttempts.Counters() {
            @Override
            public int count(String key) {
                return SharedCounters.this.count(scope, key);
            }

            @Override
            public void increment(String key, Duration window) {
                SharedCounters.this.increment(scope, key, window);
            }

            @Override
            public void clear(String key) {
                SharedCounters.this.clear(scope, key);
            }
        });
    }

    /** The count under the key, 0 when there is none or it has run out. */
    public int count(String scope, String key) {
        return jdbc.sql("SELECT hits FROM rate_counters WHERE counter_key = ? AND expires_at > ?")
                .params(hash(scope, key), utc(clock.instant()))
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** One more under the key (a run-out count starts again at one); the count now ends {@code window} from now. */
    public void increment(String scope, String key, Duration window) {
        String hashed = hash(scope, key);
        Instant now = clock.instant();
        if (bump(hashed, now, window) == 0 && insertFirst(hashed, scope, now, window) == 0) {
            bump(hashed, now, window);
        }
    }

    private int bump(String hashed, Instant now, Duration window) {
        return jdbc.sql("UPDATE rate_counters SET hits = CASE WHEN expires_at <= ? THEN 1 ELSE hits + 1 END,"
                        + " expires_at = ? WHERE counter_key = ?")
                .params(utc(now), utc(now.plus(window)), hashed)
                .update();
    }

    public void clear(String scope, String key) {
        jdbc.sql("DELETE FROM rate_counters WHERE counter_key = ?")
                .param(hash(scope, key))
                .update();
    }

    /** Forgets every counter of one scope (an operator unblocking an office behind one address, or tests). */
    public void clearScope(String scope) {
        jdbc.sql("DELETE FROM rate_counters WHERE scope = ?").param(scope).update();
    }

    /**
     * Spends one unit of a fixed-window allowance: true when fewer than {@code max} hits were counted under the key in
     * the window that started with its first hit ({@code window} long), false (and nothing counted) otherwise.
     */
    public boolean tryAcquire(String scope, String key, int max, Duration window) {
        String hashed = hash(scope, key);
        Instant now = clock.instant();
        return spend(hashed, max, now, window) == 1
                || insertFirst(hashed, scope, now, window) == 1
                || spend(hashed, max, now, window) == 1;
    }

    private int spend(String hashed, int max, Instant now, Duration window) {
        return jdbc.sql("UPDATE rate_counters SET"
                        + " hits = CASE WHEN expires_at <= ? THEN 1 ELSE hits + 1 END,"
                        + " expires_at = CASE WHEN expires_at <= ? THEN ? ELSE expires_at END"
                        + " WHERE counter_key = ? AND (expires_at <= ? OR hits < ?)")
                .params(utc(now), utc(now), utc(now.plus(window)), hashed, utc(now), max)
                .update();
    }

    private int insertFirst(String hashed, String scope, Instant now, Duration window) {
        // H2's PostgreSQL mode accepts ON CONFLICT DO NOTHING only without a conflict target (docs/adr/0015).
        return jdbc.sql("INSERT INTO rate_counters (counter_key, scope, hits, expires_at) VALUES (?, ?, 1, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(hashed, scope, utc(now.plus(window)))
                .update();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
    void sweep() {
        jdbc.sql("DELETE FROM rate_counters WHERE expires_at <= ?")
                .param(utc(clock.instant()))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String hash(String scope, String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((scope + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
