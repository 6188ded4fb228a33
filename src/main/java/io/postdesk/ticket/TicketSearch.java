package io.postdesk.ticket;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The search port: one implementation per database ({@link PostgresTicketSearch} on PostgreSQL, {@link
 * LuceneTicketSearch} on the embedded H2), chosen by the datasource, with the same semantics. It turns the text part of
 * a {@link SearchQuery} (words by stem and by prefix, phrases, exclusions) into a condition on the list query's
 * {@code t.id}; the field filters and who may see what stay in SQL ({@link TicketRepository}).
 */
interface TicketSearch extends TicketIndex {

    /**
     * The condition for the query's words, phrases and exclusions.
     *
     * @param staff whether team notes count (staff); customers never match on them
     * @param ranked whether the caller orders by relevance and needs {@link Match#rank()}
     */
    Match match(SearchQuery query, boolean staff, boolean ranked);

    /**
     * A condition on {@code t.id} with its parameters, and the relevance of a row as an SQL expression to sort by
     * descending (null when not asked for).
     */
    record Match(
            String condition, List<Object> params, @Nullable String rank, List<Object> rankParams) {
        public Match {
            params = List.copyOf(params);
            rankParams = List.copyOf(rankParams);
        }
    }
}
