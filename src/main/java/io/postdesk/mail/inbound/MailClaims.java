package io.postdesk.mail.inbound;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.mail.mime.StoredText;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who runs a stored mail: a lease ({@code claimed_until}) taken by a conditional UPDATE, so several nodes are safe; a
 * count of attempts; and the backoff of a retry ({@code next_attempt_at}). Each mail is processed exactly once: the
 * transaction that applies it first re-takes its lease, and finds nothing to do when another run finished it.
 */
@Component
public class MailClaims {

    /** How long a claim holds: longer than a mail may take (its budget plus the apply transaction's timeout). */
    public static final Duration LEASE = Duration.ofSeconds(30);
    /** Attempts before a mail is quarantined: transient failures retried, or runs a crash never let finish. */
    public static final int MAX_ATTEMPTS = 5;
    /** The first retry's delay; each further one waits twice as long. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean isPostgres;

    MailClaims(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.isPostgres = Boolean.TRUE.equals(jdbc.sql("SELECT 1").query(rs -> {
            return rs.getStatement()
                    .getConnection()
                    .getMetaData()
                    .getDatabaseProductName()
                    .contains("PostgreSQL");
        }));
    }

    /**
     * Takes the lease on a mail that is still {@code received} and not held by anyone; returns the attempt number, or
     * empty when someone else holds it or it is finished. With {@code afterBackoff}, only once its retry is due.
     */
    public OptionalInt claim(long id, boolean afterBackoff) {
        var now = utc(clock.instant());
        int claimed = jdbc.sql("UPDATE inbound_mails SET claimed_until = ?, attempts = attempts + 1 WHERE id = ?"
                        + " AND status = 'received' AND (claimed_until IS NULL OR claimed_until < ?)"
                        + (afterBackoff ? " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)" : ""))
                .params(
                        afterBackoff
                                ? List.of(utc(clock.instant().plus(LEASE)), id, now, now)
                                : List.of(utc(clock.instant().plus(LEASE)), id, now))
                .update();
        if (claimed == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(jdbc.sql("SELECT attempts FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .single());
    }

    /** Re-opens a finished mail for another run and claims it, with a fresh count; false while a run holds it. */
    boolean reopen(long id) {
        return jdbc.sql("UPDATE inbound_mails SET status = 'received', claimed_until = ?, next_attempt_at = NULL,"
                                + " attempts = 1 WHERE id = ? AND (status <> 'received' OR claimed_until IS NULL"
                                + " OR claimed_until < ?)")
                        .params(utc(clock.instant().plus(LEASE)), id, utc(clock.instant()))
                        .update()
                > 0;
    }

    /**
     * In the transaction that applies a mail: locks its row and renews the lease; false when another run finished it
     * meanwhile (a lease can expire). The raw mail is already committed durably; if this commit were lost in a crash,
     * the mail would still be 'received' and be run again, so on PostgreSQL the transaction need not wait for its WAL
     * flush, which halves the fsyncs per mail.
     */
    boolean holdForApply(long id) {
        if (isPostgres) {
            jdbc.sql("SET LOCAL synchronous_commit = off").update();
        }
        return jdbc.sql("UPDATE inbound_mails SET claimed_until = ? WHERE id = ? AND status = 'received'")
                        .params(utc(clock.instant().plus(LEASE)), id)
                        .update()
                > 0;
    }

    /** Gives the mail up for now: a later run retries it once the backoff of this attempt has passed. */
    Duration retryLater(long id, int attempt, String error) {
        Duration wait = backoff(attempt);
        jdbc.sql("UPDATE inbound_mails SET claimed_until = NULL, next_attempt_at = ?, error = ? WHERE id = ?"
                        + " AND status = 'received'")
                .params(utc(clock.instant().plus(wait)), RawMails.truncate(error, 2000), id)
                .update();
        return wait;
    }

    /** Like {@link #retryLater}, when the JVM itself is in trouble: a failure to do so is only noted. */
    void releaseQuietly(long id, int attempt, Throwable error) {
        try {
            retryLater(id, attempt, StoredText.clean(error.getClass().getSimpleName() + ": " + error.getMessage()));
        } catch (RuntimeException | Error alsoFailed) {
            error.addSuppressed(alsoFailed); // the lease expires on its own; the mail is taken up again then
        }
    }

    /** Mail nobody runs: its lease expired (a crash, a restart), never claimed, or due for a retry. */
    List<Long> stranded() {
        var now = utc(clock.instant());
        return jdbc.sql(
                        "SELECT id FROM inbound_mails WHERE status = 'received'"
                                + " AND (claimed_until IS NULL OR claimed_until < ?)"
                                + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id FETCH FIRST 100 ROWS ONLY")
                .params(now, now)
                .query(Long.class)
                .list();
    }

    static Duration backoff(int attempt) {
        return FIRST_RETRY.multipliedBy(1L << Math.clamp(attempt - 1, 0, 8));
    }
}
