package io.postdesk.mail.inbound.mailbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The mailbox fetch's gauges (docs/adr/0017-metrics.md): {@code postdesk.mailbox.last.fetch.age}, seconds since this
 * node last fetched the IMAP/POP3 mailbox (NaN before its first fetch, so an alert on "absent or too old" works), and
 * {@code postdesk.mailbox.last.fetch.failed}, 1 when that fetch ended in an error. Per node: where one node fetches
 * for the cluster, the other nodes report NaN.
 */
@Component
class MailboxMetrics {

    MailboxMetrics(MeterRegistry registry, MailboxPoller poller, Clock clock) {
        Gauge.builder(
                        "postdesk.mailbox.last.fetch.age",
                        poller,
                        p -> p.lastPoll()
                                .map(poll -> Duration.between(poll.at(), clock.instant())
                                                .toMillis()
                                        / 1000.0)
                                .orElse(Double.NaN))
                .description("Seconds since this node last fetched the IMAP/POP3 mailbox")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "postdesk.mailbox.last.fetch.failed",
                        poller,
                        p -> p.lastPoll()
                                .map(poll -> poll.error() == null ? 0.0 : 1.0)
                                .orElse(Double.NaN))
                .description("1 when this node's last mailbox fetch ended in an error")
                .register(registry);
    }
}
