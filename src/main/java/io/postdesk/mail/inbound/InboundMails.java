package io.postdesk.mail.inbound;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.mail.mime.StoredText;
import io.postdesk.shared.ConflictException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.PayloadTooLargeException;
import io.postdesk.shared.SqlTimes;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The door every channel uses. {@link #receive} stores the exact bytes first (committed on their own), then runs the
 * {@link InboundPipeline} and records the outcome and trace. Each mail is processed exactly once:
 *
 * <ul>
 *   <li>whoever runs a mail holds a lease on it ({@code claimed_until}, taken by a conditional UPDATE, so several
 *       nodes are safe), and the transaction that applies it first locks the row and checks it is still unfinished;
 *   <li>a re-delivery of a mail still {@code received} claims it and answers its real outcome, or waits for the run in
 *       flight and answers {@code duplicate} with what that run made;
 *   <li>{@link #resumeInterrupted}, every few seconds, claims mail whose lease expired (a crash, a restart).
 * </ul>
 *
 * A failing mail never blocks another: a transient failure (lock timeout, lost connection) is retried with backoff
 * ({@code next_attempt_at}); any other failure, or too many attempts, quarantines that one mail with its step and
 * error. The steps that only read the mail run on a worker pool of platform threads, holding no connection, so a
 * hostile mail's seconds of parsing neither starve the request threads nor the connection pool. Also the
 * processed-mail log, explain, re-process and release.
 */
@Service
public class InboundMails {

    private static final Logger log = LoggerFactory.getLogger(InboundMails.class);
    /** Short enough for the dedupe key ("mid:" + id, 1000 characters); no control characters, which PostgreSQL refuses. */
    private static final Pattern MESSAGE_ID = Pattern.compile("^\\s*(<[^<>\\s\\x00-\\x1f\\x7f]{1,994}>)");

    private static final String COLUMNS = "id, channel, internet_message_id, from_address, subject, size, status,"
            + " outcome, reason, ticket_id, order_id, message_id, error, attempts, received_at, processed_at, steps,"
            + " sender_verdict";
    /** How long a claim holds: longer than a mail may take (its budget plus the apply transaction's timeout). */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** No step of a mail starts after this; parsing has a budget of its own inside it. */
    static final Duration MAIL_BUDGET = Duration.ofSeconds(15);
    /** The transaction that applies a mail (and holds its row locks) is cut off after this. */
    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);
    /** Attempts before a mail is quarantined: transient failures retried, or runs a crash never let finish. */
    static final int MAX_ATTEMPTS = 5;
    /** The first retry's delay; each further one waits twice as long. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private static final int WORKERS = 16;
    /** Set on the workers' threads, so work already on one runs there rather than wait for another. */
    private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);

    private final JdbcClient jdbc;
    private final InboundPipeline pipeline;
    private final TransactionTemplate applying;
    private final TransactionTemplate dryRun;
    /** The raw INSERT is one statement: outside any transaction (auto-commit) it is committed the moment it returns. */
    private final TransactionTemplate committedAlone;
    /**
     * Platform threads, not virtual ones: parsing is CPU work that never yields, and a dozen hostile mails on virtual
     * threads would hold every carrier thread, stalling every other request; the OS shares the cores fairly instead.
     */
    private final ExecutorService workers = Executors.newFixedThreadPool(
            WORKERS, Thread.ofPlatform().name("inbound-", 1).daemon(true).factory());

    private final JsonMapper json;
    private final InboundProperties properties;
    private final Clock clock;
    private final boolean isPostgres;

    InboundMails(
            JdbcClient jdbc,
            InboundPipeline pipeline,
            PlatformTransactionManager transactions,
            JsonMapper json,
            InboundProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.applying = new TransactionTemplate(transactions);
        this.applying.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.applying.setTimeout((int) APPLY_TIMEOUT.toSeconds());
        this.dryRun = new TransactionTemplate(transactions);
        this.dryRun.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.dryRun.setTimeout((int) APPLY_TIMEOUT.toSeconds());
        this.committedAlone = new TransactionTemplate(transactions);
        this.committedAlone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.isPostgres = Boolean.TRUE.equals(jdbc.sql("SELECT 1").query(rs -> {
            return rs.getStatement()
                    .getConnection()
                    .getMetaData()
                    .getDatabaseProductName()
                    .contains("PostgreSQL");
        }));
    }

    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    /**
     * The mail is not finished now: a transient failure (it is stored and retried with backoff), a run still in flight
     * elsewhere, or a server too busy to take it within its bound. The sender should deliver it again later; the
     * re-delivery answers the real outcome.
     */
    public static final class ProcessingDeferred extends RuntimeException {
        ProcessingDeferred(String why) {
            super("the mail will be processed later: " + why);
        }

        ProcessingDeferred(long inboundId, String why) {
            this("#" + inboundId + ": " + why);
        }

        /** When a re-delivery is worth trying. */
        public Duration retryAfter() {
            return FIRST_RETRY;
        }
    }

    /** Another run finished the mail while this one was on its way: this run's work is rolled back. */
    private static final class AlreadyFinished extends RuntimeException {
        AlreadyFinished(long id) {
            super("inbound mail " + id + " was finished by another run");
        }
    }

    /** Stores the mail, then processes it. Safe to call twice with the same mail, from any instance. */
    public Verdict.Stop receive(InboundDelivery delivery) {
        if (delivery.raw().length > properties.maxSize().toBytes()) {
            throw new PayloadTooLargeException("the mail is larger than " + properties.maxSize());
        }
        // Hashing and storing megabytes is CPU work too: on a worker, like the rest, never on a request thread.
        return onWorker(() -> storeAndRun(delivery));
    }

    private Verdict.Stop storeAndRun(InboundDelivery delivery) {
        String sha = sha256(delivery.raw());
        String messageId = headerMessageId(delivery.raw());
        String dedupeKey = messageId != null ? "mid:" + messageId : "sha256:" + sha;
        Long id = committedAlone.execute(tx -> store(delivery, sha, messageId, dedupeKey));
        if (id == null) {
            return redelivered(dedupeKey);
        }
        return run(id, delivery, false, 1);
    }

    /**
     * A mail stored before (or by another instance right now). Finished: what became of the first delivery. Still
     * {@code received}: claim it and process it now, or, while another run holds it, wait for that run.
     */
    private Verdict.Stop redelivered(String dedupeKey) {
        long giveUp = System.nanoTime() + LEASE.toNanos();
        while (true) {
            var first = jdbc.sql("SELECT id, status, ticket_id, order_id, message_id FROM inbound_mails"
                            + " WHERE dedupe_key = ?")
                    .param(dedupeKey)
                    .query((rs, row) -> new Redelivery(
                            rs.getString("status"),
                            Verdict.Stop.answered(
                                    rs.getLong("id"),
                                    Outcome.DUPLICATE,
                                    "duplicate",
                                    new Verdict.Applied(
                                            nullable(rs, "ticket_id"),
                                            nullable(rs, "order_id"),
                                            nullable(rs, "message_id")))))
                    .single();
            long id = first.duplicate().inboundId();
            if (!"received".equals(first.status())) {
                return first.duplicate();
            }
            // The sender's retry is a good moment for a retry of ours, so a backoff does not hold the claim back.
            OptionalInt attempts = claim(id, false);
            if (attempts.isPresent()) {
                return run(id, stored(id), false, attempts.getAsInt());
            }
            if (System.nanoTime() > giveUp) {
                throw new ProcessingDeferred(id, "another run still holds it");
            }
            pause(Duration.ofMillis(50));
        }
    }

    private record Redelivery(String status, Verdict.Stop duplicate) {}

    /**
     * Takes the lease on a mail that is still {@code received} and not held by anyone; returns the attempt number, or
     * empty when someone else holds it or it is finished. With {@code afterBackoff}, only once its retry is due.
     */
    private OptionalInt claim(long id, boolean afterBackoff) {
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

    private InboundDelivery stored(long id) {
        byte[] raw = jdbc.sql("SELECT raw FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
        var delivery = jdbc.sql(
                        "SELECT channel, envelope_from, envelope_to, channel_verdict FROM inbound_mails WHERE id = ?")
                .param(id)
                .query((rs, row) -> new InboundDelivery(
                        raw,
                        rs.getString("channel"),
                        rs.getString("envelope_from"),
                        rs.getString("envelope_to") == null
                                        || rs.getString("envelope_to").isEmpty()
                                ? List.of()
                                : List.of(rs.getString("envelope_to").split(",")),
                        rs.getString("channel_verdict")))
                .single();
        return delivery;
    }

    /** Runs a claimed mail on a worker and waits for it; the worker's time is bounded by the mail's budget. */
    private Verdict.Stop run(long id, InboundDelivery delivery, boolean release, int attempt) {
        List<StepTrace> before = List.of(
                new StepTrace("store_raw", "continue", "stored " + delivery.raw().length + " bytes as #" + id, 0));
        if (attempt > MAX_ATTEMPTS) {
            String error = "gave up after " + MAX_ATTEMPTS + " attempts that did not finish";
            log.warn("Inbound mail {} quarantined: {}", id, error);
            List<StepTrace> trace = new ArrayList<>(before);
            trace.add(new StepTrace("claim", "failed", error, 0));
            quarantine(id, error, trace);
            return Verdict.Stop.answered(id, Outcome.QUARANTINED, "too_many_attempts", Verdict.Applied.NOTHING);
        }
        return onWorker(() -> attempt(id, delivery, release, attempt, before));
    }

    /**
     * Runs the work on a worker and waits for it (directly, when already on one). The wait is bounded: a run waiting
     * for another's lease takes at most one lease, its own processing at most another.
     */
    private Verdict.Stop onWorker(Callable<Verdict.Stop> work) {
        if (ON_WORKER.get()) {
            try {
                return work.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e);
            }
        }
        Future<Verdict.Stop> running = workers.submit(() -> {
            ON_WORKER.set(true);
            try {
                return work.call();
            } finally {
                ON_WORKER.remove();
            }
        });
        try {
            return running.get(LEASE.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ProcessingDeferred(
                    "its run takes longer than " + LEASE.multipliedBy(2).toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingDeferred("interrupted while waiting for its run");
        }
    }

    /** One attempt at a claimed mail, on a worker thread: its result, or its failure recorded. */
    private Verdict.Stop attempt(
            long id, InboundDelivery delivery, boolean release, int attempt, List<StepTrace> before) {
        try {
            return pipeline.run(
                    InboundMail.received(id, false, release, delivery),
                    before,
                    MAIL_BUDGET,
                    steps -> applyAndRecord(id, steps));
        } catch (AlreadyFinished e) {
            return finished(id);
        } catch (InboundPipeline.StepFailure e) {
            return failed(id, attempt, e.step(), e.getCause(), e.trace());
        } catch (RuntimeException | StackOverflowError e) {
            // Outside any step: the apply transaction's commit or timeout, or no connection to be had.
            List<StepTrace> trace = new ArrayList<>(before);
            trace.add(new StepTrace("record", "failed", describe(e), 0));
            return failed(id, attempt, "record", e, trace);
        } catch (VirtualMachineError e) {
            // Out of memory is the JVM's state, not necessarily this mail's doing: release the mail for a later,
            // counted attempt (so a mail that always exhausts memory ends quarantined) and let the error go on.
            releaseQuietly(id, attempt, e);
            throw e;
        }
    }

    /**
     * The transaction of the steps that change tickets: it first locks the mail's row and checks no other run
     * finished it meanwhile (a lease can expire), then runs the steps and records the result, all or nothing.
     */
    private Verdict.Stop applyAndRecord(long id, java.util.function.Supplier<Verdict.Stop> steps) {
        return applying.execute(tx -> {
            relaxCommitDurability();
            int stillOpen = jdbc.sql("UPDATE inbound_mails SET claimed_until = ? WHERE id = ? AND status = 'received'")
                    .params(utc(clock.instant().plus(LEASE)), id)
                    .update();
            if (stillOpen == 0) {
                throw new AlreadyFinished(id);
            }
            Verdict.Stop result = steps.get();
            record(id, result);
            return result;
        });
    }

    /** A transient failure is retried later (until the attempts run out); any other quarantines the mail now. */
    private Verdict.Stop failed(long id, int attempt, String step, Throwable cause, List<StepTrace> trace) {
        String error = describe(cause);
        if (TransientFailures.isTransient(cause) && attempt < MAX_ATTEMPTS) {
            Duration wait = backoff(attempt);
            log.info(
                    "Inbound mail {} failed transiently at {} (attempt {}), retrying in {}: {}",
                    id,
                    step,
                    attempt,
                    wait,
                    error);
            jdbc.sql("UPDATE inbound_mails SET claimed_until = NULL, next_attempt_at = ?, error = ? WHERE id = ?"
                            + " AND status = 'received'")
                    .params(utc(clock.instant().plus(wait)), truncate(error, 2000), id)
                    .update();
            throw new ProcessingDeferred(id, error);
        }
        log.warn("Inbound mail {} quarantined at {} after {} attempt(s): {}", id, step, attempt, error);
        quarantine(id, step + " failed: " + error, trace);
        return Verdict.Stop.answered(id, Outcome.QUARANTINED, "failed_at_" + step, Verdict.Applied.NOTHING);
    }

    private void releaseQuietly(long id, int attempt, Throwable error) {
        try {
            jdbc.sql("UPDATE inbound_mails SET claimed_until = NULL, next_attempt_at = ?, error = ? WHERE id = ?"
                            + " AND status = 'received'")
                    .params(utc(clock.instant().plus(backoff(attempt))), truncate(describe(error), 2000), id)
                    .update();
        } catch (RuntimeException | Error alsoFailed) {
            error.addSuppressed(alsoFailed); // the lease expires on its own; the mail is taken up again then
        }
    }

    static Duration backoff(int attempt) {
        return FIRST_RETRY.multipliedBy(1L << Math.clamp(attempt - 1, 0, 8));
    }

    /** What became of a mail another run finished: answered like a re-delivery. */
    private Verdict.Stop finished(long id) {
        return jdbc.sql("SELECT id, ticket_id, order_id, message_id FROM inbound_mails WHERE id = ?")
                .param(id)
                .query((rs, row) -> Verdict.Stop.answered(
                        rs.getLong("id"),
                        Outcome.DUPLICATE,
                        "duplicate",
                        new Verdict.Applied(
                                nullable(rs, "ticket_id"), nullable(rs, "order_id"), nullable(rs, "message_id"))))
                .single();
    }

    /**
     * The raw mail is already committed durably; if the processing commit were lost in a crash, the mail would still
     * be 'received' and {@link #resumeInterrupted} would process it again. So on PostgreSQL this transaction need not
     * wait for its WAL flush, which halves the fsyncs per mail.
     */
    private void relaxCommitDurability() {
        if (isPostgres) {
            jdbc.sql("SET LOCAL synchronous_commit = off").update();
        }
    }

    /** Dry run: everything decided, nothing stored or changed (the transaction is rolled back). */
    public Verdict.Stop explain(InboundDelivery delivery) {
        if (delivery.raw().length > properties.maxSize().toBytes()) {
            throw new PayloadTooLargeException("the mail is larger than " + properties.maxSize());
        }
        InboundMail mail = InboundMail.received(0, true, false, delivery);
        try {
            return pipeline.run(
                    mail,
                    List.of(new StepTrace("store_raw", "continue", "dry run: not stored", 0)),
                    MAIL_BUDGET,
                    steps -> dryRun.execute(tx -> {
                        tx.setRollbackOnly();
                        return steps.get();
                    }));
        } catch (InboundPipeline.StepFailure e) {
            return new Verdict.Stop(
                    0,
                    Outcome.QUARANTINED,
                    "failed_at_" + e.step(),
                    e.getMessage(),
                    Verdict.Applied.NOTHING,
                    mail,
                    e.trace());
        }
    }

    /**
     * Finishes mail nobody is running: interrupted by a crash or restart (its lease expired), stored but never
     * claimed, or due for a retry. Each mail on its own: whatever one does, the next is taken up.
     */
    // Tests that drive the job themselves set the property to keep it from running alongside.
    @Scheduled(
            fixedDelayString = "${postdesk.mail.inbound.resume-interval:PT5S}",
            initialDelayString = "${postdesk.mail.inbound.resume-interval:PT5S}")
    public void resumeInterrupted() {
        var now = utc(clock.instant());
        List<Long> stranded = jdbc.sql(
                        "SELECT id FROM inbound_mails WHERE status = 'received'"
                                + " AND (claimed_until IS NULL OR claimed_until < ?)"
                                + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id FETCH FIRST 100 ROWS ONLY")
                .params(now, now)
                .query(Long.class)
                .list();
        for (long id : stranded) {
            try {
                OptionalInt attempt = claim(id, true);
                if (attempt.isPresent()) {
                    log.info("Resuming inbound mail {} (attempt {})", id, attempt.getAsInt());
                    run(id, stored(id), false, attempt.getAsInt());
                }
            } catch (ProcessingDeferred e) {
                log.info("Inbound mail {} deferred again: {}", id, e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                // Recording the failure failed too (the database is away?): the lease expires and a later run retries.
                log.warn("Resuming inbound mail {} failed; it is retried once its lease expires", id, e);
            }
        }
    }

    public List<InboundRecord> log(@Nullable String outcome, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails" + (outcome == null ? "" : " WHERE outcome = :o")
                        + " ORDER BY received_at DESC, id DESC FETCH FIRST " + Math.clamp(limit, 1, 500) + " ROWS ONLY")
                .paramSource(outcome == null ? Map.of() : Map.of("o", outcome))
                .query(this::map)
                .list();
    }

    public InboundRecord get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
    }

    public byte[] raw(long id) {
        return jdbc.sql("SELECT raw FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
    }

    /**
     * Runs an ignored, rejected or quarantined mail through the pipeline again; with {@code release}, past the
     * spam-list and auto-generated checks (e.g. a customer's mail mistaken for an auto-reply).
     */
    public Verdict.Stop reprocess(long id, boolean release) {
        InboundRecord record = get(id);
        if (Outcome.CREATED.wire().equals(record.outcome())
                || Outcome.APPENDED.wire().equals(record.outcome())) {
            throw new ConflictException("id", "mail " + id + " was already " + record.outcome());
        }
        // Claimed in the same statement that re-opens it, with a fresh count of attempts.
        int claimed = jdbc.sql(
                        "UPDATE inbound_mails SET status = 'received', claimed_until = ?, next_attempt_at = NULL,"
                                + " attempts = 1 WHERE id = ? AND (status <> 'received' OR claimed_until IS NULL"
                                + " OR claimed_until < ?)")
                .params(utc(clock.instant().plus(LEASE)), id, utc(clock.instant()))
                .update();
        if (claimed == 0) {
            throw new ConflictException("id", "mail " + id + " is being processed right now");
        }
        return run(id, stored(id), release, 1);
    }

    private @Nullable Long store(InboundDelivery delivery, String sha, @Nullable String messageId, String dedupeKey) {
        var keys = new GeneratedKeyHolder();
        // The mail is claimed by this run from the start, so the resume job never takes it up alongside.
        int inserted = jdbc.sql(
                        "INSERT INTO inbound_mails (dedupe_key, raw, raw_sha256, size, channel, envelope_from,"
                                + " envelope_to, internet_message_id, status, received_at, claimed_until, attempts,"
                                + " channel_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, 1, ?) ON CONFLICT DO NOTHING")
                .params(
                        dedupeKey,
                        delivery.raw(),
                        sha,
                        delivery.raw().length,
                        truncate(StoredText.clean(delivery.channel()), 30),
                        truncate(StoredText.cleanOrNull(delivery.envelopeFrom()), 320),
                        StoredText.clean(String.join(",", delivery.envelopeTo())),
                        truncate(messageId, 998),
                        utc(clock.instant()),
                        utc(clock.instant().plus(LEASE)),
                        StoredText.cleanOrNull(delivery.channelVerdict()))
                .update(keys, "id");
        return inserted == 0 ? null : keys.getKeyAs(Long.class);
    }

    private void record(long id, Verdict.Stop result) {
        var applied = result.applied();
        var mail = java.util.Objects.requireNonNull(result.mail(), "a run's verdict carries its mail");
        jdbc.sql("UPDATE inbound_mails SET status = 'processed', outcome = ?, reason = ?, ticket_id = ?, order_id = ?,"
                        + " message_id = ?, steps = ?, error = NULL, processed_at = ?, from_address = ?, subject = ?,"
                        + " sender_verdict = ?, claimed_until = NULL, next_attempt_at = NULL WHERE id = ?")
                .params(
                        result.outcome().wire(),
                        truncate(result.reason(), 100),
                        applied.ticketId(),
                        applied.orderId(),
                        applied.messageId(),
                        json.writeValueAsString(result.trace()),
                        utc(clock.instant()),
                        mail.hasSender() ? truncate(mail.sender().email().value(), 320) : null,
                        mail.parsed() == null
                                ? null
                                : truncate(StoredText.clean(mail.parsed().subject()), 1000),
                        mail.senderVerdict() == SenderVerdict.NOT_CHECKED
                                ? null
                                : mail.senderVerdict().wire(),
                        id)
                .update();
    }

    /** Quarantines a mail nobody finished (never overwriting what another run recorded). */
    private void quarantine(long id, String error, List<StepTrace> trace) {
        jdbc.sql("UPDATE inbound_mails SET status = 'quarantined', outcome = 'quarantined', reason = ?, error = ?,"
                        + " steps = ?, processed_at = ?, claimed_until = NULL, next_attempt_at = NULL"
                        + " WHERE id = ? AND status = 'received'")
                .params(
                        trace.isEmpty()
                                ? null
                                : truncate("failed_at_" + trace.getLast().step(), 100),
                        truncate(StoredText.clean(error), 2000),
                        json.writeValueAsString(trace),
                        utc(clock.instant()),
                        id)
                .update();
    }

    private static String describe(Throwable failure) {
        return StoredText.clean(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private static void pause(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private InboundRecord map(ResultSet rs, int row) throws SQLException {
        String steps = rs.getString("steps");
        return new InboundRecord(
                rs.getLong("id"),
                rs.getString("channel"),
                rs.getString("internet_message_id"),
                rs.getString("from_address"),
                rs.getString("subject"),
                rs.getLong("size"),
                rs.getString("status"),
                rs.getString("outcome"),
                rs.getString("reason"),
                nullable(rs, "ticket_id"),
                nullable(rs, "order_id"),
                nullable(rs, "message_id"),
                rs.getString("error"),
                rs.getInt("attempts"),
                SqlTimes.requiredInstant(rs, "received_at"),
                SqlTimes.instant(rs, "processed_at"),
                steps == null ? List.of() : json.readValue(steps, new TypeReference<List<StepTrace>>() {}),
                rs.getString("sender_verdict"));
    }

    /** The Message-ID from the raw header block, without a full parse: it is the dedupe key. */
    static @Nullable String headerMessageId(byte[] raw) {
        int limit = Math.min(raw.length, 64 * 1024);
        for (int start = 0; start < limit; ) {
            int end = lineEnd(raw, start, limit);
            if (end == start || end == start + 1 && raw[start] == '\r') {
                return null; // the blank line: the headers are over
            }
            if (end - start > 11
                    && new String(raw, start, 11, StandardCharsets.ISO_8859_1).equalsIgnoreCase("message-id:")) {
                StringBuilder value =
                        new StringBuilder(new String(raw, start + 11, end - start - 11, StandardCharsets.ISO_8859_1));
                // A folded header goes on in lines that start with white space.
                for (int next = end + 1; next < limit && (raw[next] == ' ' || raw[next] == '\t'); ) {
                    int nextEnd = lineEnd(raw, next, limit);
                    value.append(' ').append(new String(raw, next, nextEnd - next, StandardCharsets.ISO_8859_1));
                    next = nextEnd + 1;
                }
                Matcher m = MESSAGE_ID.matcher(value);
                return m.find() ? m.group(1) : null;
            }
            start = end + 1;
        }
        return null;
    }

    /** Where the line starting at {@code start} ends: the index of its '\n', or the limit. */
    private static int lineEnd(byte[] raw, int start, int limit) {
        int i = start;
        while (i < limit && raw[i] != '\n') {
            i++;
        }
        return i;
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Long nullable(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
