package io.postdesk.system;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Wiring-level settings.
 *
 * @param h2HousekeepingInterval how often {@link H2Housekeeping} compacts the embedded H2 file (only on an embedded H2
 *     file database; ignored on PostgreSQL)
 * @param h2HousekeepingMaxRun how long one compaction run may take; it works in short steps (1 MB of live data each)
 *     that each hold H2's store lock, pausing commits, and starts no new step after this
 * @param metricsToken a bearer token that may read {@code /actuator/prometheus} and nothing else, for a Prometheus
 *     server ({@code POSTDESK_METRICS_TOKEN}); unset, only an admin's session or API token may (docs/adr/0017-metrics.md)
 */
@Validated
@ConfigurationProperties("postdesk.system")
public record SystemProperties(
        @DefaultValue("30s") Duration h2HousekeepingInterval,
        @DefaultValue("5s") Duration h2HousekeepingMaxRun,
        @Nullable String metricsToken) {}
