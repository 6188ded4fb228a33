package io.postdesk.mail.inbound;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbound side's meters (docs/adr/0017-metrics.md): {@code postdesk.inbound.mails} by door and outcome, {@code
 * postdesk.inbound.step} per pipeline step and verdict (from the runner's own trace, so nothing is timed twice), and
 * the gauge {@code postdesk.inbound.quarantined}. Tags are bounded sets: an unknown channel name counts as {@code
 * other}, so no sender can mint a new series.
 */
@Component
public class InboundMetrics {

    /**
     * The doors a mail comes in by: the webhook's dialects (a raw {@code message/rfc822} body is also what the mail pipe
     * and {@code postdesk-mailgate} post), SMTP and the mailbox protocols; anything else (the demo's) is {@code other}.
     */
    static final Set<String> DOORS =
            Set.of("rfc822", "json", "mailgun", "sendgrid", "postmark", "smtp", "imap", "pop3");

    /** Gauges come from indexed queries, run at most this often however often Prometheus scrapes. */
    static final Duration GAUGE_CACHE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final LoadingCache<String, Long> quarantined;

    InboundMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        // inbound_mails_outcome_idx (outcome, received_at, id) answers this from the index.
        this.quarantined = Caffeine.newBuilder()
                .expireAfterWrite(GAUGE_CACHE)
                .build(key -> jdbc.sql("SELECT COUNT(*) FROM inbound_mails WHERE outcome = 'quarantined'")
                        .query(Long.class)
                        .single());
        Gauge.builder("postdesk.inbound.quarantined", this, m -> m.quarantined.get("all"))
                .description("Inbound mails quarantined now (kept for an admin to re-process or delete)")
                .register(registry);
    }

    /** A mail a door handed in, and what became of it (an outcome, {@code deferred} or {@code error}). */
    void received(String channel, String outcome) {
        Counter.builder("postdesk.inbound.mails")
                .description("Inbound mails by the door they came in by and what became of them")
                .tag("door", door(channel))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The steps one run went through, as the runner timed them. */
    void steps(List<StepTrace> trace) {
        for (StepTrace step : trace) {
            Timer.builder("postdesk.inbound.step")
                    .description("Time each inbound pipeline step took, by its verdict")
                    .tag("step", step.step())
                    .tag("verdict", step.verdict())
                    .register(registry)
                    .record(step.micros(), TimeUnit.MICROSECONDS);
        }
    }

    static String door(String channel) {
        String name = channel.toLowerCase(Locale.ROOT);
        return DOORS.contains(name) ? name : "other";
    }
}
