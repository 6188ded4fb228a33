package io.postdesk.assist;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A draft reply for the composer, or the reason there is none.
 *
 * @param draft the text to put in the reply box; {@code null} when nothing fits or AI Suggest is off
 * @param provider {@code offline} or {@code openai}
 * @param model the model asked, for {@code openai}
 * @param sources the resolved tickets the draft was built from (offline) or given to the model as context (openai)
 * @param reason why {@code draft} is null, in plain words
 */
public record Suggestion(
        @Nullable String draft,
        String provider,
        @Nullable String model,
        List<Source> sources,
        @Nullable String reason) {

    /** A resolved ticket a suggestion drew on. */
    public record Source(long ticketId, String subject) {}

    static Suggestion none(String provider, @Nullable String model, String reason) {
        return new Suggestion(null, provider, model, List.of(), reason);
    }
}
