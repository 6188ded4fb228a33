package io.postdesk.ticket;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.shared.Direction;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for tickets, their tags, collaborators and messages. Every list query is served by an index (V4, V6, V7). */
@Repository
class TicketRepository {

    private static final String COLUMNS = "id, subject, description, status, priority, source, assignee_id, contact_id,"
            + " spam, routing_token, thread_message_id, created_at, updated_at, resolved_at, closed_at";
    private static final String MESSAGE_COLUMNS = "id, ticket_id, direction, internal, author_staff_id,"
            + " author_contact_id, author_email, body, visible_text, body_html, email_message_id, created_at";

    private final JdbcClient jdbc;
    private final TicketSearch search;

    TicketRepository(JdbcClient jdbc, TicketSearch search) {
        this.jdbc = jdbc;
        this.search = search;
    }

    long insert(Ticket t) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO tickets (subject, description, status, priority, source, assignee_id, contact_id, spam,"
                        + " routing_token, thread_message_id, created_at, updated_at, resolved_at, closed_at, priority_rank)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        t.subject(),
                        t.description(),
                        t.status().wire(),
                        t.priority().wire(),
                        t.source().wire(),
                        t.assigneeId(),
                        t.contactId(),
                        t.spam(),
                        t.routingToken(),
                        t.threadMessageId(),
                        utc(t.createdAt()),
                        utc(t.updatedAt()),
                        utc(t.resolvedAt()),
                        utc(t.closedAt()),
                        t.priority().ordinal())
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** Saves every mutable field of the ticket. */
    void update(Ticket t) {
        jdbc.sql("UPDATE tickets SET status = ?, priority = ?, assignee_id = ?, spam = ?, thread_message_id = ?,"
                        + " updated_at = ?, resolved_at = ?, closed_at = ?, priority_rank = ? WHERE id = ?")
                .params(
                        t.status().wire(),
                        t.priority().wire(),
                        t.assigneeId(),
                        t.spam(),
                        t.threadMessageId(),
                        utc(t.updatedAt()),
                        utc(t.resolvedAt()),
                        utc(t.closedAt()),
                        t.priority().ordinal(),
                        t.id())
                .update();
    }

    Optional<Ticket> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE id = ?")
                .param(id)
                .query(TicketRepository::map)
                .optional();
    }

    /** Reads the ticket and locks its row until the transaction ends, so concurrent replies apply rules in turn. */
    Optional<Ticket> findByIdForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE id = ? FOR UPDATE")
                .param(id)
                .query(TicketRepository::map)
                .optional();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM tickets WHERE id = ?").param(id).update();
    }

    List<Ticket> list(TicketFilter filter, int offset, int limit) {
        boolean byRelevance = filter.sort().column() == TicketSort.Column.RELEVANCE;
        var where = Where.of(filter, search, byRelevance);
        List<Object> params = new ArrayList<>(where.params());
        String orderBy = filter.sort().orderBy();
        if (byRelevance && where.rank() != null) {
            orderBy = " ORDER BY " + where.rank() + " DESC, t.created_at DESC, t.id DESC";
            params.addAll(where.rankParams());
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets t" + where.sql()
                        + orderBy
                        + " OFFSET " + offset + " ROWS FETCH NEXT " + limit
                        + " ROWS ONLY")
                .params(params)
                .query(TicketRepository::map)
                .list();
    }

    /**
     * A contact's tickets: their own and those they collaborate on, newest first, spam left out, narrowed by a search
     * when {@code q} is given. The search is asked for a customer's match ({@code staff} false), which never reads
     * team notes, so a customer's search never finds a ticket by one; who a ticket is assigned to is not theirs to
     * search by.
     */
    List<Ticket> forContact(long contactId, @Nullable String q, int offset, int limit) {
        var sql = new StringBuilder(" WHERE t.spam = FALSE AND (t.contact_id = ? OR t.id IN"
                + " (SELECT c.ticket_id FROM ticket_collaborators c WHERE c.contact_id = ?))");
        var params = new ArrayList<Object>(List.of(contactId, contactId));
        if (q != null && !q.isBlank()) {
            if (SearchQuery.parse(q).assignee() != SearchQuery.Assignee.ANY) {
                throw new InvalidInputException("q", "assignee: and is:unassigned are for staff");
            }
            Where.query(q.strip().toLowerCase(Locale.ROOT), null, search, false, false, sql, params);
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets t" + sql
                        + " ORDER BY t.created_at DESC, t.id DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit
                        + " ROWS ONLY")
                .params(params)
                .query(TicketRepository::map)
                .list();
    }

    /**
     * Counts the matching rows per status; only for filters the counts table cannot answer. A search counts at most
     * {@code limit} rows (a derived table with a row limit, on both databases), so a common word reads a bounded
     * number of rows; {@code limit} 0 counts them all.
     */
    Map<TicketStatus, Long> countByStatus(TicketFilter filter, int limit) {
        var where = Where.of(filter.withoutStatus(), search, false);
        Map<TicketStatus, Long> counts = new LinkedHashMap<>();
        String sql = limit > 0
                ? "SELECT s.status, COUNT(*) AS n FROM (SELECT t.status FROM tickets t" + where.sql() + " FETCH FIRST "
                        + limit + " ROWS ONLY) s GROUP BY s.status"
                : "SELECT t.status, COUNT(*) AS n FROM tickets t" + where.sql() + " GROUP BY t.status";
        jdbc.sql(sql).params(where.params()).query(rs -> {
            counts.put(TicketStatus.fromWire(rs.getString("status"), "status"), rs.getLong("n"));
        });
        return counts;
    }

    /**
     * Counts the matching rows, stopping at {@code bound}: a view's total for its pager and its button, read from one
     * index range whatever the number of tickets (pages beyond {@link TicketQueries#MAX_OFFSET} are not served).
     */
    long countUpTo(TicketFilter filter, int bound) {
        var where = Where.of(filter, search, false);
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 AS x FROM tickets t" + where.sql() + " FETCH FIRST " + bound
                        + " ROWS ONLY) AS bounded")
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /** Sets the priority rank the sort reads; for bulk imports that write tickets directly. */
    void rerank() {
        jdbc.sql("UPDATE tickets SET priority_rank = CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1"
                        + " WHEN 'high' THEN 2 ELSE 3 END WHERE priority_rank <> CASE priority WHEN 'low' THEN 0"
                        + " WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END")
                .update();
    }

    /**
     * The WHERE clause of the list: spam flag always, then each filter that is set; with the relevance of a row when a
     * search asked for it (staff's lists: team notes count).
     */
    private record Where(
            String sql, List<Object> params, @Nullable String rank, List<Object> rankParams) {
        static Where of(TicketFilter filter, TicketSearch search, boolean ranked) {
            var sql = new StringBuilder(" WHERE t.spam = ?");
            var params = new ArrayList<Object>();
            params.add(filter.spam());
            if (filter.status() != null) {
                sql.append(" AND t.status = ?");
                params.add(filter.status().wire());
            }
            if (filter.priority() != null) {
                sql.append(" AND t.priority = ?");
                params.add(filter.priority().wire());
            }
            if (filter.assigneeId() != null) {
                sql.append(" AND t.assignee_id = ?");
                params.add(filter.assigneeId());
            }
            if (filter.unassigned()) {
                sql.append(" AND t.assignee_id IS NULL");
            }
            if (filter.unsolved() && filter.status() == null) {
                sql.append(" AND t.status IN ('open', 'in_progress', 'pending')");
            }
            TicketSearch.Match match = null;
            if (filter.hasQuery()) {
                match = query(
                        filter.query().strip().toLowerCase(Locale.ROOT),
                        filter.viewerId(),
                        search,
                        true,
                        ranked,
                        sql,
                        params);
            }
            return match == null || match.rank() == null
                    ? new Where(sql.toString(), params, null, List.of())
                    : new Where(sql.toString(), params, match.rank(), match.rankParams());
        }

        /**
         * The search, parsed by {@link SearchQuery}: the field filters in SQL, the words, phrases and exclusions by the
         * {@link TicketSearch} (stems and prefixes, phrases in order; team notes only for staff). A lone number also
         * finds the ticket with that id ("#42" or "42"). A query without letters, digits or fields ("%") is looked
         * for as plain text in subjects and contact emails.
         *
         * @return the search's match, null when the query had no text to match
         */
        private static TicketSearch.@Nullable Match query(
                String q,
                @Nullable Long viewerId,
                TicketSearch search,
                boolean staff,
                boolean ranked,
                StringBuilder sql,
                List<Object> params) {
            SearchQuery parsed = SearchQuery.parse(q);
            appendFields(parsed, viewerId, sql, params);
            boolean byNumber = parsed.ticketNumber() != null && parsed.isTicketNumberOnly();
            if (!parsed.hasText() && parsed.excluded().isEmpty()) {
                if (byNumber) {
                    sql.append(" AND t.id = ?");
                    params.add(parsed.ticketNumber());
                } else if (parsed.equals(SearchQuery.parse(""))) {
                    String like = "%" + escapeLike(q) + "%";
                    sql.append(" AND (LOWER(t.subject) LIKE ? ESCAPE '\\'"
                            + " OR t.contact_id IN (SELECT c.id FROM contacts c WHERE c.email LIKE ? ESCAPE '\\'))");
                    params.add(like);
                    params.add(like);
                }
                return null;
            }
            TicketSearch.Match match = search.match(parsed, staff, ranked);
            sql.append(" AND (").append(match.condition());
            params.addAll(match.params());
            if (byNumber) {
                sql.append(" OR t.id = ?");
                params.add(parsed.ticketNumber());
            }
            sql.append(')');
            return match;
        }

        /** The field filters of a search: each narrows through an index of its own table. */
        private static void appendFields(
                SearchQuery search, @Nullable Long viewerId, StringBuilder sql, List<Object> params) {
            for (String from : search.from()) {
                sql.append(" AND t.contact_id IN (SELECT c.id FROM contacts c WHERE ");
                person(from, "c", sql, params);
                sql.append(')');
            }
            for (String to : search.to()) {
                sql.append(" AND t.id IN (SELECT tc.ticket_id FROM ticket_collaborators tc"
                        + " JOIN contacts c ON c.id = tc.contact_id WHERE ");
                person(to, "c", sql, params);
                sql.append(')');
            }
            for (String tag : search.tags()) {
                sql.append(" AND t.id IN (SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.tag = ?)");
                params.add(tag);
            }
            if (search.status() != null) {
                sql.append(" AND t.status = ?");
                params.add(search.status().wire());
            }
            if (search.priority() != null) {
                sql.append(" AND t.priority = ?");
                params.add(search.priority().wire());
            }
            switch (search.assignee()) {
                case ANY -> {}
                case NONE -> sql.append(" AND t.assignee_id IS NULL");
                case ME -> {
                    if (viewerId == null) {
                        throw new InvalidInputException("q", "assignee:me needs a signed-in staff member");
                    }
                    sql.append(" AND t.assignee_id = ?");
                    params.add(viewerId);
                }
                case EMAIL -> {
                    sql.append(" AND t.assignee_id IN (SELECT s.id FROM staff s WHERE s.email = ?)");
                    params.add(search.assigneeEmail());
                }
            }
            if (search.before() != null) {
                sql.append(" AND t.created_at < ?");
                params.add(utc(search.before().atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
            if (search.after() != null) {
                sql.append(" AND t.created_at >= ?");
                params.add(utc(
                        search.after().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
        }

        /** A person by full address (through the unique index) or by a part of their address or name. */
        private static void person(String text, String alias, StringBuilder sql, List<Object> params) {
            if (text.contains("@") && text.indexOf('@') > 0) {
                sql.append(alias).append(".email = ?");
                params.add(text);
                return;
            }
            String like = "%" + escapeLike(text) + "%";
            sql.append('(')
                    .append(alias)
                    .append(".email LIKE ? ESCAPE '\\' OR LOWER(")
                    .append(alias)
                    .append(".name) LIKE ? ESCAPE '\\')");
            params.add(like);
            params.add(like);
        }

        private static String escapeLike(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }

    /**
     * The visible text of the tickets' messages, oldest first, with team notes when {@code includeInternal}, for the
     * snippets of a page of results.
     */
    Map<Long, List<String>> visibleTexts(Collection<Long> ticketIds, boolean includeInternal) {
        Map<Long, List<String>> texts = new LinkedHashMap<>();
        if (ticketIds.isEmpty()) {
            return texts;
        }
        jdbc.sql("SELECT ticket_id, visible_text FROM ticket_messages WHERE ticket_id IN (:ids)"
                        + (includeInternal ? "" : " AND internal = FALSE") + " ORDER BY ticket_id, id")
                .param("ids", ticketIds)
                .query(rs -> {
                    String text = rs.getString("visible_text");
                    if (text != null) {
                        texts.computeIfAbsent(rs.getLong("ticket_id"), id -> new ArrayList<>())
                                .add(text);
                    }
                });
        return texts;
    }

    // --- tags and collaborators ---

    void replaceTags(long ticketId, Collection<String> tags) {
        jdbc.sql("DELETE FROM ticket_tags WHERE ticket_id = ?").param(ticketId).update();
        for (String tag : tags) {
            jdbc.sql("INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?)")
                    .params(ticketId, tag)
                    .update();
        }
    }

    Map<Long, List<String>> tagsOf(Collection<Long> ticketIds) {
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        if (ticketIds.isEmpty()) {
            return tags;
        }
        jdbc.sql("SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN (:ids) ORDER BY tag")
                .param("ids", ticketIds)
                .query(rs -> {
                    tags.computeIfAbsent(rs.getLong("ticket_id"), id -> new ArrayList<>())
                            .add(rs.getString("tag"));
                });
        return tags;
    }

    boolean addCollaborator(long ticketId, long contactId, Instant now) {
        return jdbc.sql("INSERT INTO ticket_collaborators (ticket_id, contact_id, added_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(ticketId, contactId, utc(now))
                        .update()
                > 0;
    }

    /** Whether the contact is the ticket's contact or one of its collaborators. */
    boolean isParticipant(Ticket ticket, long contactId) {
        return Long.valueOf(contactId).equals(ticket.contactId())
                || jdbc.sql("SELECT COUNT(*) FROM ticket_collaborators WHERE ticket_id = ? AND contact_id = ?")
                                .params(ticket.id(), contactId)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    void removeCollaborator(long ticketId, long contactId) {
        jdbc.sql("DELETE FROM ticket_collaborators WHERE ticket_id = ? AND contact_id = ?")
                .params(ticketId, contactId)
                .update();
    }

    Map<Long, List<Long>> collaboratorsOf(Collection<Long> ticketIds) {
        Map<Long, List<Long>> collaborators = new LinkedHashMap<>();
        if (ticketIds.isEmpty()) {
            return collaborators;
        }
        jdbc.sql("SELECT ticket_id, contact_id FROM ticket_collaborators WHERE ticket_id IN (:ids)"
                        + " ORDER BY added_at, contact_id")
                .param("ids", ticketIds)
                .query(rs -> {
                    collaborators
                            .computeIfAbsent(rs.getLong("ticket_id"), id -> new ArrayList<>())
                            .add(rs.getLong("contact_id"));
                });
        return collaborators;
    }

    // --- messages ---

    long insertMessage(TicketMessage m) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO ticket_messages (ticket_id, direction, internal, author_staff_id, author_contact_id,"
                        + " author_email, body, visible_text, body_html, email_message_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        m.ticketId(),
                        m.direction().wire(),
                        m.internal(),
                        m.authorStaffId(),
                        m.authorContactId(),
                        m.authorEmail(),
                        m.body(),
                        m.visibleText(),
                        m.bodyHtml(),
                        m.emailMessageId(),
                        utc(m.createdAt()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    List<TicketMessage> messages(long ticketId, boolean includeInternal) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM ticket_messages WHERE ticket_id = ?"
                        + (includeInternal ? "" : " AND internal = FALSE") + " ORDER BY created_at, id")
                .param(ticketId)
                .query(TicketRepository::mapMessage)
                .list();
    }

    void recordEmailMessageId(long ticketId, long messageId, String internetMessageId) {
        jdbc.sql("UPDATE ticket_messages SET email_message_id = ? WHERE id = ? AND ticket_id = ?")
                .params(internetMessageId, messageId, ticketId)
                .update();
        jdbc.sql("UPDATE tickets SET thread_message_id = ? WHERE id = ? AND thread_message_id IS NULL")
                .params(internetMessageId, ticketId)
                .update();
    }

    Optional<Long> ticketByThreadMessageId(String internetMessageId) {
        return jdbc.sql("SELECT id FROM tickets WHERE thread_message_id = ? ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .param(internetMessageId)
                .query(Long.class)
                .optional();
    }

    Optional<Long> ticketByMessageEmailId(String internetMessageId) {
        return jdbc.sql("SELECT ticket_id FROM ticket_messages WHERE email_message_id = ? ORDER BY id"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param(internetMessageId)
                .query(Long.class)
                .optional();
    }

    List<Long> messageIds(long ticketId) {
        return jdbc.sql("SELECT id FROM ticket_messages WHERE ticket_id = ?")
                .param(ticketId)
                .query(Long.class)
                .list();
    }

    Optional<TicketMessage> findMessage(long messageId) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM ticket_messages WHERE id = ?")
                .param(messageId)
                .query(TicketRepository::mapMessage)
                .optional();
    }

    // --- merge and split (ADR 0021) ---

    /** The ticket this one was merged into (always the final one, see {@link #markMerged}). */
    Optional<Long> mergedInto(long ticketId) {
        return jdbc.sql("SELECT merged_into_id FROM tickets WHERE id = ? AND merged_into_id IS NOT NULL")
                .param(ticketId)
                .query(Long.class)
                .optional();
    }

    /**
     * Records the merge, and repoints every ticket merged into the source earlier, so each merged ticket names its
     * final target and mail is handed on with one lookup (index V43).
     */
    void markMerged(long sourceId, long targetId) {
        jdbc.sql("UPDATE tickets SET merged_into_id = ? WHERE id = ? OR merged_into_id = ?")
                .params(targetId, sourceId, sourceId)
                .update();
    }

    /** Moves every message (and so its attachments, which hang off the message) of one ticket to another. */
    int moveMessages(long fromTicketId, long toTicketId) {
        return jdbc.sql("UPDATE ticket_messages SET ticket_id = ? WHERE ticket_id = ?")
                .params(toTicketId, fromTicketId)
                .update();
    }

    void moveMessage(long messageId, long toTicketId) {
        jdbc.sql("UPDATE ticket_messages SET ticket_id = ? WHERE id = ?")
                .params(toTicketId, messageId)
                .update();
    }

    long messageCount(long ticketId) {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ?")
                .param(ticketId)
                .query(Long.class)
                .single();
    }

    /** The Message-ID of the ticket's oldest message that has one: the new root of a thread whose root moved. */
    Optional<String> firstEmailMessageId(long ticketId) {
        return jdbc.sql("SELECT email_message_id FROM ticket_messages WHERE ticket_id = ? AND email_message_id IS NOT"
                        + " NULL ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY")
                .param(ticketId)
                .query(String.class)
                .optional();
    }

    void insertLink(long ticketId, TicketLink.Kind kind, long otherTicketId, @Nullable Long staffId, Instant now) {
        jdbc.sql("INSERT INTO ticket_links (ticket_id, kind, other_ticket_id, staff_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(ticketId, kind.wire(), otherTicketId, staffId, utc(now))
                .update();
    }

    List<TicketLink> links(long ticketId) {
        return jdbc.sql("SELECT id, ticket_id, kind, other_ticket_id, staff_id, created_at FROM ticket_links"
                        + " WHERE ticket_id = ? ORDER BY created_at, id")
                .param(ticketId)
                .query((rs, row) -> new TicketLink(
                        rs.getLong("id"),
                        rs.getLong("ticket_id"),
                        TicketLink.Kind.fromWire(rs.getString("kind")),
                        nullableLong(rs, "other_ticket_id"),
                        nullableLong(rs, "staff_id"),
                        SqlTimes.requiredInstant(rs, "created_at")))
                .list();
    }

    private static Ticket map(ResultSet rs, int row) throws SQLException {
        return new Ticket(
                rs.getLong("id"),
                rs.getString("subject"),
                rs.getString("description"),
                TicketStatus.fromWire(rs.getString("status"), "status"),
                TicketPriority.fromWire(rs.getString("priority"), "priority"),
                TicketSource.fromDatabase(rs.getString("source")),
                nullableLong(rs, "assignee_id"),
                nullableLong(rs, "contact_id"),
                rs.getBoolean("spam"),
                rs.getString("routing_token"),
                rs.getString("thread_message_id"),
                SqlTimes.requiredInstant(rs, "created_at"),
                SqlTimes.requiredInstant(rs, "updated_at"),
                SqlTimes.instant(rs, "resolved_at"),
                SqlTimes.instant(rs, "closed_at"));
    }

    private static TicketMessage mapMessage(ResultSet rs, int row) throws SQLException {
        return new TicketMessage(
                rs.getLong("id"),
                rs.getLong("ticket_id"),
                Direction.valueOf(rs.getString("direction").toUpperCase(Locale.ROOT)),
                rs.getBoolean("internal"),
                nullableLong(rs, "author_staff_id"),
                nullableLong(rs, "author_contact_id"),
                rs.getString("author_email"),
                rs.getString("body"),
                rs.getString("visible_text"),
                rs.getString("body_html"),
                rs.getString("email_message_id"),
                SqlTimes.requiredInstant(rs, "created_at"));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
