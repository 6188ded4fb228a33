package io.postdesk.mail.inbound;

import io.postdesk.shared.ConflictException;
import io.postdesk.shared.PayloadTooLargeException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The door every channel uses: {@link #receive} hands a delivery to the {@link InboundPipeline}, which stores the exact
 * bytes first ({@code StoreRaw}, committed on their own), drops re-deliveries ({@code DropDuplicate}) and records
 * the outcome and trace. Each mail is processed exactly once ({@link MailClaims}):
 *
 * <ul>
 *   <li>whoever runs a mail holds a lease on it, and the transaction that applies it first locks the row and checks it
 *       is still unfinished;
 *   <li>a re-delivery of a mail still {@code received} claims it and answers its real outcome, or waits for the run in
 *       flight and answers {@code duplicate} with what that run made;
 *   <li>{@link #resumeInterrupted}, every few seconds, claims mail whose lease expired (a crash, a restart) or whose
 *       retry is due.
 * </ul>
 *
 * The runs go on a worker pool of platform threads, holding no connection while they parse, so a hostile mail's
 * seconds of parsing neither starve the request threads nor the connection pool. Also the processed-mail log,
 * explain, re-process and release.
 */
@Service
public class InboundMails {

    private static final Logger log = LoggerFactory.getLogger(InboundMails.class);

    private static final int WORKERS = 16;
    /** Set on the workers' threads, so work already on one runs there rather than wait for another. */
    private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);

    private final InboundPipeline pipeline;
    private final RawMails raw;
    private final MailClaims claims;
    private final InboundLog inboundLog;
    /**
     * Platform threads, not virtual ones: parsing is CPU work that never yields, and a dozen hostile mails on virtual
     * threads would hold every carrier thread, stalling every other request; the OS shares the cores fairly instead.
     */
    private final ExecutorService workers = Executors.newFixedThreadPool(
            WORKERS, Thread.ofPlatform().name("inbound-", 1).daemon(true).factory());

    private final InboundProperties properties;
    private final InboundMetrics metrics;

    InboundMails(
            InboundPipeline pipeline,
            RawMails raw,
            MailClaims claims,
            InboundLog inboundLog,
            InboundProperties properties,
            InboundMetrics metrics) {
        this.pipeline = pipeline;
        this.raw = raw;
        this.claims = claims;
        this.inboundLog = inboundLog;
        this.properties = properties;
        this.metrics = metrics;
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

        public ProcessingDeferred(long inboundId, String why) {
            this("#" + inboundId + ": " + why);
        }

        /** When a re-delivery is worth trying. */
        public Duration retryAfter() {
            return MailClaims.FIRST_RETRY;
        }
    }

    /** Stores the mail, then processes it. Safe to call twice with the same mail, from any instance. */
    public Verdict.Stop receive(InboundDelivery delivery) {
        String outcome = "error";
        try {
            checkSize(delivery);
            // Hashing and storing megabytes is CPU work too: on a worker, like the rest, never on a request thread.
            Verdict.Stop stop = onWorker(() -> pipeline.run(InboundMail.delivered(delivery)));
            outcome = stop.outcome().wire();
            return stop;
        } catch (ProcessingDeferred e) {
            outcome = "deferred";
            throw e;
        } catch (PayloadTooLargeException e) {
            outcome = "too_large";
            throw e;
        } finally {
            metrics.received(delivery.channel(), outcome);
        }
    }

    /** Dry run: everything decided, nothing stored or changed (the transaction is rolled back). */
    public Verdict.Stop explain(InboundDelivery delivery) {
        checkSize(delivery);
        return pipeline.run(InboundMail.dryRun(delivery));
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
        if (!claims.reopen(id)) {
            throw new ConflictException("id", "mail " + id + " is being processed right now");
        }
        InboundDelivery delivery = raw.stored(id);
        return onWorker(() -> pipeline.run(InboundMail.claimed(id, 1, release, delivery)));
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
        for (long id : claims.stranded()) {
            try {
                OptionalInt attempt = claims.claim(id, true);
                if (attempt.isPresent()) {
                    log.info("Resuming inbound mail {} (attempt {})", id, attempt.getAsInt());
                    InboundDelivery delivery = raw.stored(id);
                    onWorker(() -> pipeline.run(InboundMail.claimed(id, attempt.getAsInt(), false, delivery)));
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
        return inboundLog.log(outcome, limit);
    }

    public InboundRecord get(long id) {
        return inboundLog.get(id);
    }

    public byte[] raw(long id) {
        return raw.raw(id);
    }

    private void checkSize(InboundDelivery delivery) {
        if (delivery.raw().length > properties.maxSize().toBytes()) {
            throw new PayloadTooLargeException("the mail is larger than " + properties.maxSize());
        }
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
            return running.get(MailClaims.LEASE.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ProcessingDeferred("its run takes longer than "
                    + MailClaims.LEASE.multipliedBy(2).toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingDeferred("interrupted while waiting for its run");
        }
    }
}
