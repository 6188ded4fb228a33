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
 * @param retrieval how similar resolved tickets are found (ADR 0025); {@code bm25} never loads the embedding model
 * @param backfillBatch how many resolved tickets the backfill job indexes or embeds per transaction
 * @param backfillDelay how long after start-up the backfill job first looks for tickets to index
 */
@Validated
@ConfigurationProperties("postdesk.assist")
public record AssistProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("3") @Min(1) @Max(10) int maxSources,
        @DefaultValue("embeddings") Retrieval retrieval,
        @DefaultValue("200") @Min(1) @Max(5000) int backfillBatch,
        @DefaultValue("30s") Duration backfillDelay) {}
