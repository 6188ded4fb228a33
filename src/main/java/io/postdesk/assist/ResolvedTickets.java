package io.postdesk.assist;

import io.postdesk.shared.SqlTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code ai_resolved_tickets} table and the in-memory indexes built from it: BM25 over the words and a matrix of
 * sentence embeddings (ADR 0025). The table is the truth shared by all app nodes; each node's indexes catch up on rows
 * with a higher {@code entry_id} before every search, in one indexed query, so a ticket resolved on another node is
 * found here too. Embeddings are computed once, by the node that writes the row, and stored with it.
 */
@Repository
class ResolvedTickets {

    private static final Logger log = LoggerFactory.getLogger(ResolvedTickets.class);
    private static final int BATCH = 5_000;

    /** One resolution: what the customer wrote and the staff reply that resolved it. */
    record Resolution(
            long ticketId,
            String subject,
            String customerText,
            String replyText,
            @Nullable String contactName) {

        /** What the indexes read: the subject and the customer's words. */
        String indexedText() {
            return subject + "\n" + customerText;
        }
    }

    private final JdbcClient jdbc;
    private final Embedder embedder;
    private final Retrieval retrieval;
    private final Bm25Index words = new Bm25Index();
    private final VectorIndex meaning = new VectorIndex(Embedder.DIMENSIONS);
    private long seenEntryId;

    ResolvedTickets(JdbcClient jdbc, Embedder embedder, AssistProperties properties) {
        this.jdbc = jdbc;
        this.embedder = embedder;
        this.retrieval = properties.retrieval();
    }

    /**
     * Stores {@code resolution} as the ticket's newest entry, with its embedding when this node's retrieval uses them.
     * A failing model stores the row without one: the backfill job embeds it later, and BM25 finds it meanwhile.
     */
    void add(Resolution resolution, Instant resolvedAt) {
        insert(resolution, resolvedAt, retrieval.embeds() ? embedOrNull(resolution) : null);
    }

    private byte @Nullable [] embedOrNull(Resolution resolution) {
        try {
            return VectorIndex.quantize(embedder.embed(resolution.indexedText()));
        } catch (RuntimeException | LinkageError e) {
            log.warn("Could not embed resolved ticket {}; the backfill job retries it", resolution.ticketId(), e);
            return null;
        }
    }

    private void insert(Resolution resolution, Instant resolvedAt, byte @Nullable [] embedding) {
        jdbc.sql("DELETE FROM ai_resolved_tickets WHERE ticket_id = ?")
                .param(resolution.ticketId())
                .update();
        jdbc.sql("INSERT INTO ai_resolved_tickets (ticket_id, subject, customer_text, reply_text, contact_name,"
                        + " resolved_at, embedding, embedding_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        resolution.ticketId(),
                        resolution.subject(),
                        resolution.customerText(),
                        resolution.replyText(),
                        resolution.contactName(),
                        SqlTimes.utc(resolvedAt),
                        embedding,
                        embedding == null ? null : Embedder.MODEL)
                .update();
    }

    /**
     * The most similar resolved tickets to {@code query}, best first, as the configured retrieval ranks them; the
     * embedding of the query is computed here when the retrieval needs it.
     */
    List<Long> search(String query, int limit, long excludedTicketId) {
        catchUp();
        return rank(
                retrieval,
                words,
                meaning,
                retrieval.embeds() ? embedder.embed(query) : null,
                query,
                limit,
                excludedTicketId);
    }

    /** The ranking itself, shared with SuggestBench so the benchmark measures exactly what the product does. */
    static List<Long> rank(
            Retrieval retrieval,
            Bm25Index words,
            VectorIndex meaning,
            float @Nullable [] queryVector,
            String query,
            int limit,
            long excludedTicketId) {
        int candidates = Math.max(limit, Retrieval.CANDIDATES);
        List<Bm25Index.Hit> lexical =
                retrieval == Retrieval.EMBEDDINGS ? List.of() : words.search(query, candidates, excludedTicketId);
        List<VectorIndex.Hit> semantic = queryVector == null || retrieval == Retrieval.BM25
                ? List.of()
                : meaning.search(queryVector, candidates, excludedTicketId);
        return retrieval.rank(lexical, semantic, limit);
    }

    int indexed() {
        catchUp();
        return words.size();
    }

    /** How many of the indexed tickets have an embedding on this node. */
    int embedded() {
        catchUp();
        return meaning.size();
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

    /**
     * Backfill: up to {@code limit} resolved or closed tickets with an id above {@code afterTicketId} that have no
     * entry here (resolved before V28 existed, or before the node ran this version), lowest id first.
     */
    List<Long> unindexedResolvedTickets(long afterTicketId, int limit) {
        return jdbc.sql("SELECT t.id FROM tickets t WHERE t.status IN ('resolved', 'closed') AND t.spam = FALSE"
                        + " AND t.id > ? AND NOT EXISTS (SELECT 1 FROM ai_resolved_tickets a WHERE a.ticket_id = t.id)"
                        + " ORDER BY t.id FETCH FIRST " + limit + " ROWS ONLY")
                .param(afterTicketId)
                .query(Long.class)
                .list();
    }

    /**
     * Backfill: embeds up to {@code limit} entries that have no embedding from the current model (written before V48,
     * or when the model failed), in one transaction. Each is written again as a new entry, so every node's catch-up
     * (which reads only newer entries) picks the vector up. Returns how many were embedded.
     */
    @Transactional
    int embedMissing(int limit) {
        record Row(Resolution resolution, Instant resolvedAt) {}
        List<Row> rows = jdbc.sql("SELECT ticket_id, subject, customer_text, reply_text, contact_name, resolved_at"
                        + " FROM ai_resolved_tickets WHERE embedding IS NULL OR embedding_model <> ?"
                        + " ORDER BY entry_id FETCH FIRST " + limit + " ROWS ONLY")
                .param(Embedder.MODEL)
                .query((rs, row) -> new Row(
                        new Resolution(
                                rs.getLong("ticket_id"),
                                rs.getString("subject"),
                                rs.getString("customer_text"),
                                rs.getString("reply_text"),
                                rs.getString("contact_name")),
                        SqlTimes.requiredInstant(rs, "resolved_at")))
                .list();
        for (Row row : rows) {
            // Outside the try of add(): a model that fails here should stop the batch, not loop over it.
            insert(
                    row.resolution(),
                    row.resolvedAt(),
                    VectorIndex.quantize(embedder.embed(row.resolution().indexedText())));
        }
        return rows.size();
    }

    private synchronized void catchUp() {
        while (true) {
            record Row(long entryId, long ticketId, String text, byte @Nullable [] embedding) {}
            List<Row> rows = new ArrayList<>(jdbc.sql("SELECT entry_id, ticket_id, subject, customer_text, embedding,"
                            + " embedding_model FROM ai_resolved_tickets WHERE entry_id > ? ORDER BY entry_id"
                            + " FETCH FIRST " + BATCH + " ROWS ONLY")
                    .param(seenEntryId)
                    .query((rs, row) -> new Row(
                            rs.getLong("entry_id"),
                            rs.getLong("ticket_id"),
                            rs.getString("subject") + "\n" + rs.getString("customer_text"),
                            Embedder.MODEL.equals(rs.getString("embedding_model")) ? rs.getBytes("embedding") : null))
                    .list());
            for (Row row : rows) {
                words.add(row.ticketId(), row.text());
                if (row.embedding() != null && row.embedding().length == 4 + Embedder.DIMENSIONS) {
                    meaning.add(row.ticketId(), row.embedding());
                } else {
                    meaning.remove(row.ticketId());
                }
                seenEntryId = row.entryId();
            }
            if (rows.size() < BATCH) {
                return;
            }
        }
    }
}
