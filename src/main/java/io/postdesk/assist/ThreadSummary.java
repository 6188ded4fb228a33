package io.postdesk.assist;

import org.jspecify.annotations.Nullable;

/**
 * A one-paragraph summary of a ticket's thread for the agent, built from visible messages only (never team notes).
 *
 * @param text the paragraph, or null with a {@code reason} when there is nothing to summarise or AI is off
 * @param provider {@code offline} (extractive: sentences taken from the thread) or {@code openai}
 * @param model the model that wrote it, for {@code openai}
 */
public record ThreadSummary(
        @Nullable String text,
        String provider,
        @Nullable String model,
        @Nullable String reason) {}
