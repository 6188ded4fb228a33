package io.postdesk.ticket;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the searchable text of tickets ({@link SearchDocument}) from the database, a batch of tickets in a fixed number
 * of queries: the tickets, their tags, collaborators, messages, the people and the messages' file names.
 */
@Repository
class SearchDocuments {

    /** The most tickets read at once. */
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final ContactDirectory contacts;
    private final Attachments attachments;

    SearchDocuments(JdbcClient jdbc, ContactDirectory contacts, Attachments attachments) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.attachments = attachments;
    }

    /** The documents of those tickets that exist (a deleted ticket has none), by ticket id. */
    Map<Long, SearchDocument> load(Collection<Long> ticketIds) {
        Map<Long, SearchDocument> docs = new LinkedHashMap<>();
        if (ticketIds.isEmpty()) {
            return docs;
        }
        record Row(
                long id,
                String subject,
                @org.jspecify.annotations.Nullable Long contactId) {}
        List<Row> rows = jdbc.sql("SELECT id, subject, contact_id FROM tickets WHERE id IN (:ids)")
                .param("ids", ticketIds)
                .query((rs, n) -> {
                    long contact = rs.getLong("contact_id");
                    return new Row(rs.getLong("id"), rs.getString("subject"), rs.wasNull() ? null : contact);
                })
                .list();
        if (rows.isEmpty()) {
            return docs;
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<String>> tags = new HashMap<>();
        jdbc.sql("SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    tags.computeIfAbsent(rs.getLong("ticket_id"), id -> new ArrayList<>())
                            .add(rs.getString("tag"));
                });
        Map<Long, List<Long>> collaborators = new HashMap<>();
        jdbc.sql("SELECT ticket_id, contact_id FROM ticket_collaborators WHERE ticket_id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    collaborators
                            .computeIfAbsent(rs.getLong("ticket_id"), id -> new ArrayList<>())
                            .add(rs.getLong("contact_id"));
                });
        Set<Long> contactIds = new HashSet<>();
        rows.stream().map(Row::contactId).filter(java.util.Objects::nonNull).forEach(contactIds::add);
        collaborators.values().forEach(contactIds::addAll);
        Map<Long, Contact> people = new HashMap<>();
        contacts.allById(contactIds).forEach(c -> people.put(c.id(), c));

        record Message(
                long id,
                long ticketId,
                boolean internal,
                @org.jspecify.annotations.Nullable String text) {}
        List<Message> messages = jdbc.sql("SELECT id, ticket_id, internal, visible_text FROM ticket_messages"
                        + " WHERE ticket_id IN (:ids) ORDER BY ticket_id, id")
                .param("ids", ids)
                .query((rs, n) -> new Message(
                        rs.getLong("id"),
                        rs.getLong("ticket_id"),
                        rs.getBoolean("internal"),
                        rs.getString("visible_text")))
                .list();
        Map<Long, List<Attachment>> files = attachments.forMessages(
                Attachments.Owner.TICKET_MESSAGE,
                messages.stream().map(Message::id).toList());

        Map<Long, StringBuilder> visible = new HashMap<>();
        Map<Long, StringBuilder> notes = new HashMap<>();
        Map<Long, StringBuilder> names = new HashMap<>();
        for (Message m : messages) {
            StringBuilder text =
                    (m.internal() ? notes : visible).computeIfAbsent(m.ticketId(), id -> new StringBuilder());
            StringBuilder fileNames =
                    m.internal() ? text : names.computeIfAbsent(m.ticketId(), id -> new StringBuilder());
            if (m.text() != null && text.length() < SearchDocument.MAX_PART) {
                text.append(m.text()).append('\n');
            }
            for (Attachment file : files.getOrDefault(m.id(), List.of())) {
                fileNames.append(file.filename()).append('\n');
            }
        }
        for (Row row : rows) {
            var who = new StringBuilder();
            List<Long> participants = new ArrayList<>();
            if (row.contactId() != null) {
                participants.add(row.contactId());
            }
            participants.addAll(collaborators.getOrDefault(row.id(), List.of()));
            for (Long id : participants) {
                Contact c = people.get(id);
                if (c != null) {
                    who.append(c.name() == null ? "" : c.name())
                            .append(' ')
                            .append(c.email().value())
                            .append('\n');
                }
            }
            tags.getOrDefault(row.id(), List.of())
                    .forEach(tag -> who.append(tag).append('\n'));
            who.append(names.getOrDefault(row.id(), new StringBuilder()));
            docs.put(
                    row.id(),
                    new SearchDocument(
                            row.id(),
                            SearchDocument.words(row.subject()),
                            SearchDocument.words(who),
                            SearchDocument.words(visible.getOrDefault(row.id(), new StringBuilder())),
                            SearchDocument.words(notes.getOrDefault(row.id(), new StringBuilder()))));
        }
        return docs;
    }

    /** Up to {@code limit} ids of tickets after {@code afterId}, in id order: for indexing tickets in batches. */
    List<Long> idsAfter(long afterId, int limit) {
        return jdbc.sql("SELECT id FROM tickets WHERE id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")
                .param(afterId)
                .query(Long.class)
                .list();
    }
}
