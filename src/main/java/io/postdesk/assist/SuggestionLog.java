package io.postdesk.assist;

import io.postdesk.shared.SqlTimes;
import io.postdesk.ticket.StaffReplied;
import io.postdesk.ticket.TicketQueries;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The {@code ai_suggestions} table: every suggestion given, and, when the agent then sends a reply on that ticket, how
 * similar the sent reply is to the draft (a word-level LCS ratio, 1.0 = sent unchanged).
 */
@Component
class SuggestionLog {

    private final JdbcClient jdbc;
    private final TicketQueries tickets;
    private final Clock clock;

    SuggestionLog(JdbcClient jdbc, TicketQueries tickets, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.clock = clock;
    }

    void record(long ticketId, long staffId, Suggestion suggestion, long latencyMillis) {
        String sources = suggestion.sources().stream()
                .map(s -> Long.toString(s.ticketId()))
                .collect(Collectors.joining(","));
        jdbc.sql("INSERT INTO ai_suggestions (ticket_id, staff_id, provider, model, source_ids, latency_ms, draft,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        ticketId,
                        staffId,
                        suggestion.provider(),
                        suggestion.model(),
                        sources.length() > 500 ? sources.substring(0, 500) : sources,
                        latencyMillis,
                        suggestion.draft(),
                        SqlTimes.utc(clock.instant()))
                .update();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StaffReplied event) {
        record Latest(long id, String draft) {}
        List<Latest> latest = jdbc.sql("SELECT id, draft FROM ai_suggestions WHERE ticket_id = ? AND staff_id = ?"
                        + " AND draft IS NOT NULL AND sent_similarity IS NULL ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .params(event.ticketId(), event.staffId())
                .query((rs, row) -> new Latest(rs.getLong("id"), rs.getString("draft")))
                .list();
        if (latest.isEmpty()) {
            return;
        }
        tickets.findVisibleMessage(event.messageId())
                .ifPresent(message -> jdbc.sql("UPDATE ai_suggestions SET sent_similarity = ? WHERE id = ?")
                        .params(
                                similarity(latest.getFirst().draft(), message.visibleText()),
                                latest.getFirst().id())
                        .update());
    }

    /** Suggestion counts and averages for Settings → AI. */
    Suggestions.Figures figures() {
        return jdbc.sql("SELECT COUNT(*) AS total, COUNT(draft) AS drafts, AVG(latency_ms) AS latency,"
                        + " COUNT(sent_similarity) AS sent, AVG(sent_similarity) AS similarity,"
                        + " SUM(CASE WHEN sent_similarity >= 0.8 THEN 1 ELSE 0 END) AS unchanged FROM ai_suggestions")
                .query((rs, row) -> new Suggestions.Figures(
                        rs.getLong("total"),
                        rs.getLong("drafts"),
                        nullable(rs.getObject("latency")),
                        rs.getLong("sent"),
                        nullable(rs.getObject("similarity")),
                        rs.getLong("unchanged")))
                .single();
    }

    private static @Nullable Double nullable(@Nullable Object number) {
        return number == null ? null : ((Number) number).doubleValue();
    }

    /** 2·LCS / (n + m) over words, on at most 500 words each so a long reply costs at most a quarter million steps. */
    static double similarity(String draft, String sent) {
        String[] a = words(draft);
        String[] b = words(sent);
        if (a.length + b.length == 0) {
            return 1.0;
        }
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (String word : a) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = word.equals(b[j - 1]) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 2.0 * previous[b.length] / (a.length + b.length);
    }

    private static String[] words(String text) {
        String[] all = text.toLowerCase(java.util.Locale.ROOT).strip().split("\\W+");
        String[] kept = java.util.Arrays.stream(all).filter(w -> !w.isEmpty()).toArray(String[]::new);
        return kept.length > 500 ? java.util.Arrays.copyOf(kept, 500) : kept;
    }
}
