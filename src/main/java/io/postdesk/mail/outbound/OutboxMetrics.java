package io.postdesk.mail.outbound;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox's meters (docs/adr/0017-metrics.md): {@code postdesk.outbox.depth} (mails waiting or being sent), {@code
 * postdesk.outbox.oldest.pending.age} (seconds since the oldest waiting mail was queued, 0 when none waits) and the
 * counter {@code postdesk.outbox.deliveries} by result ({@code sent}, {@code retry}, {@code failed}, {@code bounced}).
 * The gauges read {@code outbox_due_idx (status, next_attempt_at)} and are cached for a few seconds, so a scrape every
 * second costs at most one pair of queries per node every five.
 */
@Component
class OutboxMetrics {

    static final Duration GAUGE_CACHE = Duration.ofSeconds(5);

    /** What one query reads: the depth and the oldest waiting mail's queue time. */
    private record Backlog(long depth, @Nullable OffsetDateTime oldestPending) {}

    private final MeterRegistry registry;
    private final Clock clock;
    private final LoadingCache<String, Backlog> backlog;

    OutboxMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.backlog = Caffeine.newBuilder()
                .expireAfterWrite(GAUGE_CACHE)
                .build(key -> jdbc.sql("SELECT COUNT(*) AS depth,"
                                + " MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest"
                                + " FROM outbox WHERE status IN ('pending', 'sending')")
                        .query((rs, row) ->
                                new Backlog(rs.getLong("depth"), rs.getObject("oldest", OffsetDateTime.class)))
                        .single());
        Gauge.builder("postdesk.outbox.depth", this, m -> m.backlog.get("all").depth())
                .description("Outgoing mails waiting to be sent or being sent")
                .register(registry);
        Gauge.builder("postdesk.outbox.oldest.pending.age", this, OutboxMetrics::oldestPendingSeconds)
                .description("Seconds since the oldest mail still waiting to be sent was queued (0 when none waits)")
                .baseUnit("seconds")
                .register(registry);
    }

    private double oldestPendingSeconds() {
        OffsetDateTime oldest = backlog.get("all").oldestPending();
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
    }

    /** One delivery attempt's end (or a bounce report naming a sent mail). */
    void delivered(String result) {
        Counter.builder("postdesk.outbox.deliveries")
                .description("Outgoing delivery attempts by result: sent, retry (will be tried again), failed, bounced")
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
