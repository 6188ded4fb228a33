package io.postdesk.mail.inbound.mailbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cluster-wide lease on the mailbox (docs/adr/0016): only the node that holds it fetches on the schedule and keeps
 * the IMAP IDLE connection, so N nodes do not open N connections and fetch the same mail N times. The lease is a
 * ShedLock row ({@code shedlock}, V32) taken for {@code postdesk.mail.inbound.mailbox-lease} and renewed every third
 * of that while the node lives. A node that dies stops renewing; its lease runs out and the next node that asks takes
 * it, so the mailbox moves within about one lease period. Times come from the database clock, so clock skew between
 * nodes does not matter.
 *
 * <p>ShedLock's {@code @SchedulerLock} releases a lock when the method returns; this lease is instead held for as long
 * as the node lives, because IMAP IDLE is one connection that lasts minutes, and the poll and the IDLE must stay on the
 * same node. Losing the lease (the database was away longer than the lease) is safe: fetching twice stores a mail
 * once (the poller answers {@code duplicate}).
 */
@Component
class MailboxLease implements DisposableBean {

    static final String NAME = "postdesk-mailbox";
    private static final Logger log = LoggerFactory.getLogger(MailboxLease.class);

    private final LockProvider locks;
    private final Duration leaseFor;
    private final String node;
    private final ScheduledExecutorService renewal;
    private @Nullable SimpleLock held;
    /** When the held lease runs out unless renewed (System.nanoTime()); past it the lease counts as lost. */
    private long heldUntilNanos;

    @Autowired
    MailboxLease(DataSource dataSource, @Value("${postdesk.mail.inbound.mailbox-lease:15s}") Duration leaseFor) {
        this(dataSource, leaseFor, defaultNodeName(), true);
    }

    /** {@code renew=false} for tests that play a node which stopped renewing. */
    MailboxLease(DataSource dataSource, Duration leaseFor, String node, boolean renew) {
        if (leaseFor.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("postdesk.mail.inbound.mailbox-lease must be at least 1s");
        }
        this.leaseFor = leaseFor;
        this.node = node;
        // The locked_by value must be unique per node: ShedLock extends and releases only rows with its own value.
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .withLockedByValue(node)
                .build());
        this.renewal = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mailbox-lease").daemon().factory());
        if (renew) {
            long every = Math.max(leaseFor.toMillis() / 3, 200);
            renewal.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        // Two processes on one host (or two contexts in one JVM) must not share a name.
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** True when this node holds the lease, taking it first if nobody else holds it. */
    synchronized boolean hold() {
        if (held != null && System.nanoTime() - heldUntilNanos < 0) {
            return true;
        }
        held = null;
        Optional<SimpleLock> lock;
        try {
            lock = locks.lock(new LockConfiguration(Instant.now(), NAME, leaseFor, Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("Could not take the mailbox lease: {}", e.toString());
            return false;
        }
        if (lock.isPresent()) {
            held = lock.get();
            heldUntilNanos = System.nanoTime() + leaseFor.toNanos();
            log.info("This node ({}) now fetches from the mailbox", node);
        }
        return held != null;
    }

    /** How long a node that does not hold the lease waits before asking again. */
    Duration standby() {
        return leaseFor.dividedBy(3).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : leaseFor.dividedBy(3);
    }

    String node() {
        return node;
    }

    /** Extends the held lease by another period; a lease that cannot be extended is dropped. */
    synchronized void renew() {
        SimpleLock lock = held;
        if (lock == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            Optional<SimpleLock> extended = lock.extend(leaseFor, Duration.ZERO);
            if (extended.isPresent()) {
                held = extended.get();
                heldUntilNanos = started + leaseFor.toNanos();
            } else {
                held = null;
                log.warn("This node ({}) lost the mailbox lease; another node fetches now", node);
            }
        } catch (RuntimeException e) {
            // The database is away: keep the lease until it runs out locally; hold() treats it as lost after that.
            log.warn("Renewing the mailbox lease failed: {}", e.toString());
        }
    }

    /** Gives the lease up, so another node takes the mailbox at once (shutdown). */
    synchronized void release() {
        SimpleLock lock = held;
        held = null;
        if (lock != null) {
            try {
                lock.unlock();
            } catch (RuntimeException e) {
                log.warn("Releasing the mailbox lease failed; it runs out by itself: {}", e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        renewal.shutdownNow();
        release();
    }
}
