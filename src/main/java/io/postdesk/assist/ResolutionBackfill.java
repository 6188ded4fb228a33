package io.postdesk.assist;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Indexes, once, what the resolution listener never saw: tickets resolved before V28 (or before this node ran a version
 * with AI Suggest), and entries without an embedding from the current model (written before V48, or while the model
 * failed). It runs on one node at a time under a ShedLock lease ({@code postdesk-ai-backfill}, docs/adr/0016) in
 * batches of {@code postdesk.assist.backfill-batch}, each batch its own transaction. It is resumable by construction:
 * every batch asks the database what is still missing, so a node that dies mid-way leaves committed batches done and
 * the next run (on any node) goes on from there. After a full pass it looks again every hour, which finds nothing
 * unless a model change or a failed embedding left work.
 */
@Component
class ResolutionBackfill implements DisposableBean {

    static final String LOCK = "postdesk-ai-backfill";
    private static final Logger log = LoggerFactory.getLogger(ResolutionBackfill.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final ResolvedTickets resolved;
    private final ResolutionIndexer indexer;
    private final TransactionTemplate transactions;
    private final AssistProperties properties;
    private final LockProvider locks;
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ai-backfill").daemon().factory());

    ResolutionBackfill(
            ResolvedTickets resolved,
            ResolutionIndexer indexer,
            TransactionTemplate transactions,
            AssistProperties properties,
            DataSource dataSource) {
        this.resolved = resolved;
        this.indexer = indexer;
        this.transactions = transactions;
        this.properties = properties;
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .withLockedByValue("ai-backfill-" + UUID.randomUUID())
                .build());
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        runner.scheduleWithFixedDelay(
                this::runQuietly,
                properties.backfillDelay().toMillis(),
                Duration.ofHours(1).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("AI Suggest backfill stopped; it resumes at the next run", e);
        }
    }

    /** What one run did; {@code ran} is false when another node held the lease. */
    record Outcome(boolean ran, int indexed, int embedded) {}

    /** One full pass, if this node gets the lease: index the unindexed tickets, then embed the unembedded entries. */
    Outcome run() {
        Optional<SimpleLock> taken =
                locks.lock(new LockConfiguration(java.time.Instant.now(), LOCK, LEASE, Duration.ZERO));
        if (taken.isEmpty()) {
            return new Outcome(false, 0, 0);
        }
        SimpleLock lock = taken.get();
        int indexed = 0;
        int embedded = 0;
        try {
            long after = 0;
            int batch = properties.backfillBatch();
            while (true) {
                List<Long> ids = resolved.unindexedResolvedTickets(after, batch);
                if (ids.isEmpty()) {
                    break;
                }
                long batchStart = System.nanoTime();
                Integer done = transactions.execute(status -> {
                    int n = 0;
                    for (long id : ids) {
                        n += indexer.index(id) ? 1 : 0;
                    }
                    return n;
                });
                indexed += done == null ? 0 : done;
                after = ids.getLast();
                lock = extend(lock);
                breathe(batchStart);
            }
            if (properties.retrieval().embeds()) {
                int n;
                long batchStart = System.nanoTime();
                while ((n = resolved.embedMissing(batch)) > 0) {
                    embedded += n;
                    lock = extend(lock);
                    breathe(batchStart);
                    batchStart = System.nanoTime();
                }
            }
        } finally {
            lock.unlock();
        }
        if (indexed > 0 || embedded > 0) {
            log.info("AI Suggest backfill: indexed {} resolved ticket(s), embedded {}", indexed, embedded);
        }
        return new Outcome(true, indexed, embedded);
    }

    /**
     * Pauses as long as the batch took: after an upgrade of a large install the backfill embeds every resolved ticket
     * (hundreds of thousands, milliseconds each), and left running flat out it took a core from the dashboard for half
     * an hour (seen in ListBench at 1M tickets). At most half of one core, however long the backlog.
     */
    private static void breathe(long batchStartNanos) {
        long took = System.nanoTime() - batchStartNanos;
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(took, TimeUnit.SECONDS.toNanos(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backfill interrupted", e);
        }
    }

    private static SimpleLock extend(SimpleLock lock) {
        // Batches can add up to longer than one lease; a lease we could not extend means the database was away too
        // long and another node may have started: stop, the committed batches stay done.
        return lock.extend(LEASE, Duration.ZERO)
                .orElseThrow(() -> new IllegalStateException("lost the " + LOCK + " lease"));
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
