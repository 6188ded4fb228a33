package io.postdesk.attachment;

import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.SqlTimes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Stores, lists and serves the attachments of ticket and order messages. */
@Service
public class Attachments {

    /** The thread a message belongs to; decides which column links the attachment. */
    public enum Owner {
        TICKET_MESSAGE("ticket_message_id"),
        ORDER_MESSAGE("order_message_id");

        private final String column;

        Owner(String column) {
            this.column = column;
        }
    }

    private static final String COLUMNS = "id, ticket_message_id, order_message_id, filename, content_type, size,"
            + " sha256, content_id, inline, created_at";

    private final JdbcClient jdbc;
    private final ContentStore store;
    private final AttachmentProperties properties;
    private final Clock clock;

    Attachments(JdbcClient jdbc, ContentStore store, AttachmentProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores the bytes and links them to a message; runs inside the caller's transaction. */
    @Transactional
    public List<Attachment> attach(Owner owner, long messageId, List<NewAttachment> files) {
        List<Attachment> attached = new ArrayList<>(files.size());
        Instant now = clock.instant();
        for (NewAttachment file : files) {
            ContentStore.Stored stored;
            try (InputStream in = file.content().open()) {
                // Typed uploads were checked by the policy; mailed files are bounded by the inbound size limit.
                stored = store.put(in, Long.MAX_VALUE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read upload " + file.filename(), e);
            }
            var keys = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO attachments (" + owner.column
                            + ", filename, content_type, size, sha256, content_id, inline, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            messageId,
                            file.filename(),
                            file.contentType(),
                            stored.size(),
                            stored.sha256(),
                            file.contentId(),
                            file.inline(),
                            SqlTimes.utc(now))
                    .update(keys, "id");
            attached.add(new Attachment(
                    keys.getKeyAs(Long.class),
                    owner == Owner.TICKET_MESSAGE ? messageId : null,
                    owner == Owner.ORDER_MESSAGE ? messageId : null,
                    file.filename(),
                    file.contentType(),
                    stored.size(),
                    stored.sha256(),
                    file.contentId(),
                    file.inline(),
                    now));
        }
        return attached;
    }

    /** Attachments of many messages in one query, keyed by message id (no N+1 when rendering a thread). */
    public Map<Long, List<Attachment>> forMessages(Owner owner, Collection<Long> messageIds) {
        Map<Long, List<Attachment>> byMessage = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM attachments WHERE " + owner.column + " IN (:ids) ORDER BY id")
                .param("ids", messageIds)
                .query(Attachments::map)
                .list()
                .forEach(a -> byMessage
                        .computeIfAbsent(
                                owner == Owner.TICKET_MESSAGE ? a.ticketMessageId() : a.orderMessageId(),
                                id -> new ArrayList<>())
                        .add(a));
        return byMessage;
    }

    public Attachment get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM attachments WHERE id = ?")
                .param(id)
                .query(Attachments::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("attachment", id));
    }

    public InputStream open(Attachment attachment) {
        try {
            return store.open(attachment.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException("attachment bytes missing for " + attachment.id(), e);
        }
    }

    /**
     * The content hashes under the given messages, read before the messages are deleted, so the bytes can be removed
     * with {@link #deleteUnreferencedAfterCommit(Set)} once the rows are gone.
     */
    public Set<String> contentOf(Owner owner, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT DISTINCT sha256 FROM attachments WHERE " + owner.column + " IN (:ids)")
                .param("ids", messageIds)
                .query(String.class)
                .list());
    }

    /** After the current transaction commits, removes the bytes no remaining attachment refers to. */
    public void deleteUnreferencedAfterCommit(Set<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                for (String sha : hashes) {
                    boolean referenced = jdbc.sql("SELECT COUNT(*) FROM attachments WHERE sha256 = ?")
                                    .param(sha)
                                    .query(Long.class)
                                    .single()
                            > 0;
                    if (!referenced) {
                        store.delete(sha);
                    }
                }
            }
        });
    }

    private static Attachment map(ResultSet rs, int row) throws SQLException {
        return new Attachment(
                rs.getLong("id"),
                (Long) rs.getObject("ticket_message_id", Long.class),
                (Long) rs.getObject("order_message_id", Long.class),
                rs.getString("filename"),
                rs.getString("content_type"),
                rs.getLong("size"),
                rs.getString("sha256"),
                rs.getString("content_id"),
                rs.getBoolean("inline"),
                SqlTimes.requiredInstant(rs, "created_at"));
    }
}
