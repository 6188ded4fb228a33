package io.postdesk.order;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.shared.Direction;
import io.postdesk.shared.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private static final String COLUMNS =
            "id, title, status, locked, contact_id, routing_token, thread_message_id, created_at, updated_at";
    private static final String MESSAGE_COLUMNS = "id, order_id, direction, internal, author_staff_id,"
            + " author_contact_id, author_email, body, visible_text, body_html, email_message_id, created_at";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Order o) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO orders (title, status, locked, contact_id, routing_token, thread_message_id, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        o.title(),
                        o.status().wire(),
                        o.locked(),
                        o.contactId(),
                        o.routingToken(),
                        o.threadMessageId(),
                        utc(o.createdAt()),
                        utc(o.updatedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void update(Order o) {
        jdbc.sql("UPDATE orders SET status = ?, locked = ?, thread_message_id = ?, updated_at = ? WHERE id = ?")
                .params(o.status().wire(), o.locked(), o.threadMessageId(), utc(o.updatedAt()), o.id())
                .update();
    }

    Optional<Order> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ?")
                .param(id)
                .query(OrderRepository::map)
                .optional();
    }

    Optional<Order> findByIdForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ? FOR UPDATE")
                .param(id)
                .query(OrderRepository::map)
                .optional();
    }

    List<Order> list(@Nullable Long contactId, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders" + (contactId == null ? "" : " WHERE contact_id = :c")
                        + " ORDER BY created_at DESC, id DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit
                        + " ROWS ONLY")
                .paramSource(contactId == null ? java.util.Map.of() : java.util.Map.of("c", contactId))
                .query(OrderRepository::map)
                .list();
    }

    long insertMessage(OrderMessage m) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO order_messages (order_id, direction, internal, author_staff_id, author_contact_id,"
                        + " author_email, body, visible_text, body_html, email_message_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        m.orderId(),
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

    void recordEmailMessageId(long orderId, long messageId, String internetMessageId) {
        jdbc.sql("UPDATE order_messages SET email_message_id = ? WHERE id = ? AND order_id = ?")
                .params(internetMessageId, messageId, orderId)
                .update();
        recordThreadRoot(orderId, internetMessageId);
    }

    void recordThreadRoot(long orderId, String internetMessageId) {
        jdbc.sql("UPDATE orders SET thread_message_id = ? WHERE id = ? AND thread_message_id IS NULL")
                .params(internetMessageId, orderId)
                .update();
    }

    /** The order a Message-ID belongs to, as its thread root or as one of its messages. */
    Optional<Long> findByEmailMessageId(String internetMessageId) {
        return jdbc
                .sql("SELECT id FROM orders WHERE thread_message_id = ? UNION"
                        + " SELECT order_id FROM order_messages WHERE email_message_id = ?")
                .params(internetMessageId, internetMessageId)
                .query(Long.class)
                .list()
                .stream()
                .findFirst();
    }

    Optional<OrderMessage> findMessage(long id) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM order_messages WHERE id = ?")
                .param(id)
                .query(OrderRepository::mapMessage)
                .optional();
    }

    List<OrderMessage> messages(long orderId, boolean includeInternal) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM order_messages WHERE order_id = ?"
                        + (includeInternal ? "" : " AND internal = FALSE") + " ORDER BY id")
                .param(orderId)
                .query(OrderRepository::mapMessage)
                .list();
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        return new Order(
                rs.getLong("id"),
                rs.getString("title"),
                OrderStatus.fromWire(rs.getString("status"), "status"),
                rs.getBoolean("locked"),
                rs.getLong("contact_id"),
                rs.getString("routing_token"),
                rs.getString("thread_message_id"),
                SqlTimes.requiredInstant(rs, "created_at"),
                SqlTimes.requiredInstant(rs, "updated_at"));
    }

    private static OrderMessage mapMessage(ResultSet rs, int row) throws SQLException {
        long staff = rs.getLong("author_staff_id");
        Long staffId = rs.wasNull() ? null : staff;
        long contact = rs.getLong("author_contact_id");
        Long contactId = rs.wasNull() ? null : contact;
        return new OrderMessage(
                rs.getLong("id"),
                rs.getLong("order_id"),
                Direction.valueOf(rs.getString("direction").toUpperCase(Locale.ROOT)),
                rs.getBoolean("internal"),
                staffId,
                contactId,
                rs.getString("author_email"),
                rs.getString("body"),
                rs.getString("visible_text"),
                rs.getString("body_html"),
                rs.getString("email_message_id"),
                SqlTimes.requiredInstant(rs, "created_at"));
    }
}
