package io.postdesk.assist;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param connectTimeout how long to wait for the model server to accept a connection
 * @param requestTimeout how long a whole completion may take before the agent gets a 502
 * @param maxSources how many similar resolved tickets a suggestion draws on (and gives the model as context)
 */
@Validated
@ConfigurationProperties("postdesk.assist")
public record AssistProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("3") @Min(1) @Max(10) int maxSources) {}
