package io.postdesk.assist;

import io.postdesk.shared.SqlTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code ai_resolved_tickets} table and the BM25 index built from it. The table is the truth shared by all app
 * nodes; each node's index catches up on rows with a higher {@code entry_id} before every search, in one indexed
 * query, so a ticket resolved on another node is found here too.
 */
@Repository
class ResolvedTickets {

    private static final int BATCH = 5_000;

    /** One resolution: what the customer wrote and the staff reply that resolved it. */
    record Resolution(
            long ticketId,
            String subject,
            String customerText,
            String replyText,
            @Nullable String contactName) {}

    private final JdbcClient jdbc;
    private final Bm25Index index = new Bm25Index();
    private long seenEntryId;

    ResolvedTickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Resolution resolution, Instant resolvedAt) {
        jdbc.sql("DELETE FROM ai_resolved_tickets WHERE ticket_id = ?")
                .param(resolution.ticketId())
                .update();
        jdbc.sql("INSERT INTO ai_resolved_tickets (ticket_id, subject, customer_text, reply_text, contact_name,"
                        + " resolved_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        resolution.ticketId(),
                        resolution.subject(),
                        resolution.customerText(),
                        resolution.replyText(),
                        resolution.contactName(),
                        SqlTimes.utc(resolvedAt))
                .update();
    }

    /** The most similar resolved tickets to {@code query}, best first, with their scores. */
    List<Bm25Index.Hit> search(String query, int limit, long excludedTicketId) {
        catchUp();
        return index.search(query, limit, excludedTicketId);
    }

    int indexed() {
        catchUp();
        return index.size();
    }

    Map<Long, Resolution> find(Collection<Long> ticketIds) {
        Map<Long, Resolution> found = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT ticket_id, subject, customer_text, reply_text, contact_name FROM ai_resolved_tickets"
                        + " WHERE ticket_id IN (:ids) ORDER BY entry_id")
                .param("ids", ticketIds)
                .query((rs, row) -> new Resolution(
                        rs.getLong("ticket_id"),
                        rs.getString("subject"),
                        rs.getString("customer_text"),
                        rs.getString("reply_text"),
                        rs.getString("contact_name")))
                .list()
                .forEach(r -> found.put(r.ticketId(), r));
        return found;
    }

    private synchronized void catchUp() {
        while (true) {
            record Row(long entryId, long ticketId, String text) {}
            List<Row> rows = new ArrayList<>(jdbc.sql("SELECT entry_id, ticket_id, subject, customer_text"
                            + " FROM ai_resolved_tickets WHERE entry_id > ? ORDER BY entry_id FETCH FIRST "
                            + BATCH + " ROWS ONLY")
                    .param(seenEntryId)
                    .query((rs, row) -> new Row(
                            rs.getLong("entry_id"),
                            rs.getLong("ticket_id"),
                            rs.getString("subject") + "\n" + rs.getString("customer_text")))
                    .list());
            for (Row row : rows) {
                index.add(row.ticketId(), row.text());
                seenEntryId = row.entryId();
            }
            if (rows.size() < BATCH) {
                return;
            }
        }
    }
}
