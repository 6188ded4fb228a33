package io.postdesk.assist;

import io.postdesk.settings.AiSettings;
import io.postdesk.shared.Direction;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.ticket.ThreadEntry;
import io.postdesk.ticket.TicketDetails;
import io.postdesk.ticket.TicketMessage;
import io.postdesk.ticket.TicketQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Drafts a reply for a ticket. Nothing here sends anything to a customer: the draft goes to the agent's composer.
 * Offline (the default) builds it from the most similar resolved ticket; {@code openai} asks the configured model
 * with this ticket's thread and the similar resolutions as context. Every call is logged in {@code ai_suggestions}.
 */
@Service
public class Suggestions {

    /** What Settings → AI shows about past suggestions. */
    public record Figures(
            long suggestions,
            long drafts,
            @Nullable Double averageLatencyMillis,
            long sent,
            @Nullable Double averageSimilarity,
            long sentMostlyUnchanged) {}

    private final AiSettings settings;
    private final TicketQueries tickets;
    private final StaffDirectory staff;
    private final ResolvedTickets resolved;
    private final ModelServer modelServer;
    private final SuggestionLog log;
    private final AssistProperties properties;

    Suggestions(
            AiSettings settings,
            TicketQueries tickets,
            StaffDirectory staff,
            ResolvedTickets resolved,
            ModelServer modelServer,
            SuggestionLog log,
            AssistProperties properties) {
        this.settings = settings;
        this.tickets = tickets;
        this.staff = staff;
        this.resolved = resolved;
        this.modelServer = modelServer;
        this.log = log;
        this.properties = properties;
    }

    /**
     * A draft reply for {@code ticketId}, to be signed by {@code staffId}.
     *
     * @param includeNotes whether team notes may go into the model's prompt (offline never uses notes)
     * @param onChunk receives the draft piece by piece as it is produced; may be null
     * @throws ModelServerFailed when the {@code openai} server fails or times out
     */
    public Suggestion suggest(long ticketId, long staffId, boolean includeNotes, @Nullable Consumer<String> onChunk) {
        long started = System.nanoTime();
        AiSettings.Current current = settings.current();
        TicketDetails details = tickets.details(ticketId);
        if (!current.enabled()) {
            return Suggestion.none(current.provider(), null, "AI Suggest is switched off by an admin.");
        }
        List<TicketMessage> thread = tickets.thread(ticketId, includeNotes).stream()
                .map(ThreadEntry::message)
                .filter(m -> includeNotes || !m.internal())
                .toList();
        String agentName = staff.get(staffId).name();
        List<ResolvedTickets.Resolution> similar = similar(details, thread);
        List<Suggestion.Source> sources = similar.stream()
                .map(r -> new Suggestion.Source(r.ticketId(), r.subject()))
                .toList();
        Suggestion suggestion;
        if (current.isOpenAi() && current.baseUrl() != null && current.model() != null) {
            Prompt prompt = Prompt.build(details, thread, similar, agentName);
            String draft = modelServer.complete(current.baseUrl(), current.model(), current.apiKey(), prompt, onChunk);
            suggestion = draft.isBlank()
                    ? new Suggestion(null, "openai", current.model(), sources, "The model returned an empty reply.")
                    : new Suggestion(draft.strip(), "openai", current.model(), sources, null);
        } else if (similar.isEmpty()) {
            suggestion = Suggestion.none("offline", null, "No resolved ticket is similar enough to this one yet.");
        } else {
            var best = similar.getFirst();
            String contactName =
                    details.contact() == null ? null : details.contact().name();
            String draft = DraftAdapter.adapt(best.replyText(), best.contactName(), contactName, agentName);
            if (onChunk != null) {
                for (String piece : draft.split("(?<=\\s)")) {
                    onChunk.accept(piece);
                }
            }
            suggestion = new Suggestion(draft, "offline", null, List.of(sources.getFirst()), null);
        }
        log.record(ticketId, staffId, suggestion, (System.nanoTime() - started) / 1_000_000);
        return suggestion;
    }

    /**
     * A one-paragraph summary of the ticket's thread, from visible messages only (team notes never go in): the
     * {@code openai} model writes it when configured, else it is extractive (see {@link ExtractiveSummary}).
     *
     * @throws ModelServerFailed when the {@code openai} server fails or times out
     */
    public ThreadSummary summarize(long ticketId) {
        AiSettings.Current current = settings.current();
        TicketDetails details = tickets.details(ticketId);
        if (!current.enabled()) {
            return new ThreadSummary(null, current.provider(), null, "AI is switched off by an admin.");
        }
        List<TicketMessage> thread = tickets.thread(ticketId, false).stream()
                .map(ThreadEntry::message)
                .filter(m -> !m.internal())
                .toList();
        if (current.isOpenAi() && current.baseUrl() != null && current.model() != null) {
            String text = modelServer
                    .complete(
                            current.baseUrl(), current.model(), current.apiKey(), Prompt.summary(details, thread), null)
                    .strip();
            return text.isEmpty()
                    ? new ThreadSummary(null, "openai", current.model(), "The model returned an empty summary.")
                    : new ThreadSummary(text, "openai", current.model(), null);
        }
        return new ThreadSummary(ExtractiveSummary.of(details, thread), "offline", null, null);
    }

    /**
     * Tries the configured provider the way the Settings "Test" button shows it: offline reports how many resolved
     * tickets it can draw on; openai asks the model for a one-word answer.
     *
     * @throws ModelServerFailed when the model server fails or times out
     */
    public String check() {
        AiSettings.Current current = settings.current();
        if (!current.isOpenAi() || current.baseUrl() == null || current.model() == null) {
            return "Offline: " + indexedTickets() + " resolved ticket(s) to draw on"
                    + (properties.retrieval().embeds() ? ", " + resolved.embedded() + " with embeddings." : ".");
        }
        modelServer.complete(
                current.baseUrl(),
                current.model(),
                current.apiKey(),
                new Prompt("Answer with the single word OK.", "Are you there?"),
                null);
        return "Model " + current.model() + " at " + current.baseUrl() + " answered.";
    }

    public Figures figures() {
        return log.figures();
    }

    /** How many resolved tickets the offline provider can draw on. */
    public int indexedTickets() {
        return resolved.indexed();
    }

    private List<ResolvedTickets.Resolution> similar(TicketDetails details, List<TicketMessage> thread) {
        StringBuilder query = new StringBuilder(details.ticket().subject());
        if (details.ticket().description() != null) {
            query.append('\n').append(details.ticket().description());
        }
        for (TicketMessage message : thread) {
            if (message.direction() == Direction.INBOUND && !message.internal()) {
                query.append('\n').append(message.visibleText());
            }
        }
        List<Long> ids = resolved.search(
                query.toString(), properties.maxSources(), details.ticket().id());
        Map<Long, ResolvedTickets.Resolution> rows = resolved.find(ids);
        List<ResolvedTickets.Resolution> similar = new ArrayList<>();
        for (long id : ids) {
            if (rows.containsKey(id)) {
                similar.add(rows.get(id));
            }
        }
        return similar;
    }
}
