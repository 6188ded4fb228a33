package io.postdesk.ticket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Search on PostgreSQL with its own full text (docs/adr/0020): one {@code tsvector} per ticket in {@code ticket_search}
 * (V39, GIN index), written in the same transaction as every change to the ticket's text, so every node sees the same
 * index at once. Each part of the {@link SearchDocument} is indexed twice, stemmed ({@code english}) and as written
 * ({@code simple}), under its weight: A subject, B people/tags/file names, C messages, D team notes. A customer's
 * query asks for weights A–C only, so a team note never finds a ticket for them.
 */
class PostgresTicketSearch implements TicketSearch, SmartInitializingSingleton {

    private static final String PART =
            "setweight(to_tsvector('english', v.%1$s) || to_tsvector('simple', v.%1$s), '%2$s')";
    private static final String VECTOR = String.format(PART, "a", "A") + " || " + String.format(PART, "b", "B") + " || "
            + String.format(PART, "c", "C") + " || " + String.format(PART, "d", "D");

    /** The most tickets the text part of a search yields, as on the embedded default (LuceneTicketSearch). */
    static final int MAX_HITS = StatusCounts.CAP + 1;

    private final JdbcClient jdbc;
    private final SearchDocuments documents;

    PostgresTicketSearch(JdbcClient jdbc, SearchDocuments documents) {
        this.jdbc = jdbc;
        this.documents = documents;
    }

    /** Indexes the tickets that came before the index (an upgrade) or around the application (an import). */
    @Override
    public void afterSingletonsInstantiated() {
        catchUp();
    }

    @Override
    public void reindex(long ticketId) {
        SearchDocument doc = documents.load(List.of(ticketId)).get(ticketId);
        if (doc == null) {
            jdbc.sql("DELETE FROM ticket_search WHERE ticket_id = ?")
                    .param(ticketId)
                    .update();
        } else {
            write(doc);
        }
    }

    private void write(SearchDocument doc) {
        jdbc.sql("INSERT INTO ticket_search (ticket_id, doc) SELECT ?, " + VECTOR
                        + " FROM (SELECT CAST(? AS text) AS a, CAST(? AS text) AS b, CAST(? AS text) AS c,"
                        + " CAST(? AS text) AS d) v ON CONFLICT (ticket_id) DO UPDATE SET doc = EXCLUDED.doc")
                .params(doc.ticketId(), doc.subject(), doc.people(), doc.messages(), doc.notes())
                .update();
    }

    @Override
    public long catchUp() {
        long last = jdbc.sql("SELECT COALESCE(MAX(ticket_id), 0) FROM ticket_search")
                .query(Long.class)
                .single();
        long indexed = 0;
        for (List<Long> ids = documents.idsAfter(last, SearchDocuments.BATCH);
                !ids.isEmpty();
                ids = documents.idsAfter(last, SearchDocuments.BATCH)) {
            for (SearchDocument doc : documents.load(ids).values()) {
                write(doc);
                indexed++;
            }
            last = ids.getLast();
        }
        return indexed;
    }

    @Override
    public Match match(SearchQuery query, boolean staff, boolean ranked) {
        String weights = staff ? "" : "ABC";
        List<Object> params = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (String word : query.words()) {
            terms.add(term(word + ":*" + weights, params));
        }
        for (String phrase : query.phrases()) {
            String[] words = SearchDocument.words(phrase).split(" ");
            if (words.length > 0 && !words[0].isEmpty()) {
                terms.add(term(
                        String.join(
                                " <-> ",
                                Arrays.stream(words)
                                        .map(w -> weights.isEmpty() ? w : w + ":" + weights)
                                        .toList()),
                        params));
            }
        }
        List<Object> excludedParams = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String word : query.excluded()) {
            excluded.add(term(word + ":*" + weights, excludedParams));
        }
        if (terms.isEmpty()) {
            if (excluded.isEmpty()) {
                return new Match("1 = 1", List.of(), null, List.of());
            }
            return new Match(
                    "t.id NOT IN (SELECT s.ticket_id FROM ticket_search s WHERE s.doc @@ ("
                            + String.join(" || ", excluded) + "))",
                    excludedParams,
                    null,
                    List.of());
        }
        String tsquery = String.join(" && ", terms)
                + excluded.stream().map(e -> " && !!" + e).reduce("", String::concat);
        params.addAll(excludedParams);
        @Nullable
        String rank = ranked
                ? "(SELECT ts_rank_cd(s.doc, (" + tsquery + ")) FROM ticket_search s WHERE s.ticket_id = t.id)"
                : null;
        preferIndexes();
        // Bounded like the embedded default's (MAX_HITS, the newest matches). OFFSET 0 keeps the match a query of its
        // own, so the ORDER BY cannot lead the planner to walk ticket_search by id testing every vector.
        return new Match(
                "t.id IN (SELECT m.ticket_id FROM (SELECT s.ticket_id FROM ticket_search s WHERE s.doc @@ (" + tsquery
                        + ") OFFSET 0) m ORDER BY m.ticket_id DESC FETCH FIRST " + MAX_HITS + " ROWS ONLY)",
                params,
                rank,
                ranked ? params : List.of());
    }

    /**
     * Steers the rest of the caller's read transaction away from sequential scans: the planner does not count the cost
     * of reading each ticket's (TOASTed) vector, so it scanned and tested every vector (0.3 s for a word of one ticket
     * at 50,000 tickets) where the GIN index answers in milliseconds. {@code SET LOCAL} ends with the transaction (the
     * lists run in TicketQueries' read-only transaction); outside one it does nothing.
     */
    private void preferIndexes() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
        }
    }

    /**
     * A word or phrase of letters and digits ({@link SearchQuery} splits on everything else, so nothing here is
     * tsquery syntax), matched stemmed or as written. As a literal, not a parameter, so PostgreSQL plans each search
     * for its own words: with a parameter the prepared statement's generic plan could not know the query's
     * selectivity and matched every ticket's vector (0.3 s for a word of one ticket at 50,000). {@link #INERT} holds
     * back anything a literal could not take; that rare text goes as a parameter.
     */
    private static String term(String tsquery, List<Object> params) {
        if (INERT.matcher(tsquery).matches()) {
            return "(to_tsquery('english', '" + tsquery + "') || to_tsquery('simple', '" + tsquery + "'))";
        }
        params.add(tsquery);
        params.add(tsquery);
        return "(to_tsquery('english', ?) || to_tsquery('simple', ?))";
    }

    /** Letters, digits, and the tsquery syntax this class writes itself: no quote, backslash or control character. */
    private static final java.util.regex.Pattern INERT = java.util.regex.Pattern.compile("[\\p{L}\\p{N}:*<> -]+");
}
