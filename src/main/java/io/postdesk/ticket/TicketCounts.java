package io.postdesk.ticket;

import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The running counts behind the status buttons (table {@code ticket_counts}, one row per spam flag, status and
 * priority). Every command that creates, deletes or moves a ticket between those buckets adjusts them in its own
 * transaction, so reading the counts touches at most 40 rows whatever the number of tickets.
 */
@Component
class TicketCounts {

    private final JdbcClient jdbc;

    TicketCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void added(Ticket t) {
        adjust(t, +1);
    }

    void removed(Ticket t) {
        adjust(t, -1);
    }

    void moved(Ticket before, Ticket after) {
        if (before.spam() != after.spam()
                || before.status() != after.status()
                || before.priority() != after.priority()) {
            adjust(before, -1);
            adjust(after, +1);
        }
    }

    Map<TicketStatus, Long> byStatus(boolean spam, @Nullable TicketPriority priority) {
        Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
        jdbc.sql("SELECT status, SUM(n) AS n FROM ticket_counts WHERE spam = ?"
                        + (priority == null ? "" : " AND priority = ?") + " GROUP BY status")
                .params(priority == null ? new Object[] {spam} : new Object[] {spam, priority.wire()})
                .query(rs -> {
                    counts.put(TicketStatus.fromWire(rs.getString("status"), "status"), rs.getLong("n"));
                });
        return counts;
    }

    /** Recomputes every count from the tickets; for bulk imports that bypass the commands. */
    void rebuild() {
        jdbc.sql("UPDATE ticket_counts SET n = 0").update();
        jdbc.sql("SELECT spam, status, priority, COUNT(*) AS n FROM tickets GROUP BY spam, status, priority")
                .query((rs, row) -> new Object[] {
                    rs.getLong("n"), rs.getBoolean("spam"), rs.getString("status"), rs.getString("priority")
                })
                .list()
                .forEach(group -> jdbc.sql(
                                "UPDATE ticket_counts SET n = ? WHERE spam = ? AND status = ? AND priority = ?")
                        .params(group)
                        .update());
    }

    private void adjust(Ticket t, int delta) {
        jdbc.sql("UPDATE ticket_counts SET n = n + ? WHERE spam = ? AND status = ? AND priority = ?")
                .params(delta, t.spam(), t.status().wire(), t.priority().wire())
                .update();
    }
}
