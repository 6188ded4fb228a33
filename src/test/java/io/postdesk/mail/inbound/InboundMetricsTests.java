package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inbound meters keep their tags to closed sets and time each traced step once. */
class InboundMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InboundMetrics metrics = new InboundMetrics(registry, mock(JdbcClient.class));

    @Test
    void countsMailsByDoorAndOutcomeWithUnknownDoorsAsOther() {
        metrics.received("rfc822", "created");
        metrics.received("rfc822", "created");
        metrics.received("SMTP", "duplicate");
        metrics.received("x-sender-chosen-" + System.nanoTime(), "rejected");

        assertThat(registry.get("postdesk.inbound.mails")
                        .tags("door", "rfc822", "outcome", "created")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("postdesk.inbound.mails")
                        .tags("door", "smtp", "outcome", "duplicate")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("postdesk.inbound.mails")
                        .tags("door", "other")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("postdesk.inbound.mails").counters()).hasSize(3);
    }

    @Test
    void timesEachTracedStepByItsVerdict() {
        metrics.steps(List.of(
                new StepTrace("store_raw", "continue", "", 1_500),
                new StepTrace("parse", "continue", "", 2_000),
                new StepTrace("reject_spam_listed", "rejected", "listed", 300)));
        metrics.steps(List.of(new StepTrace("store_raw", "continue", "", 500)));

        var storeRaw = registry.get("postdesk.inbound.step")
                .tags("step", "store_raw", "verdict", "continue")
                .timer();
        assertThat(storeRaw.count()).isEqualTo(2);
        assertThat(storeRaw.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(2_000);
        assertThat(registry.get("postdesk.inbound.step")
                        .tags("step", "reject_spam_listed", "verdict", "rejected")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
