package io.postdesk.staff;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.shared.ConflictException;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class StaffRepository {

    private static final String COLUMNS =
            "id, name, email, role, notify_new_tickets, notify_customer_replies, created_at";

    private final JdbcClient jdbc;

    StaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, EmailAddress email, StaffRole role, @Nullable String passwordHash, Instant now) {
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO staff (name, email, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(name, email.value(), role.wire(), passwordHash, utc(now))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            // Two requests for the same new email (a double-clicked form) both passed the lookup; the index decides.
            throw new ConflictException("email", StaffDirectory.DUPLICATE_EMAIL);
        }
        return keys.getKeyAs(Long.class);
    }

    Optional<StaffMember> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE id = ?")
                .param(id)
                .query(StaffRepository::map)
                .optional();
    }

    Optional<StaffMember> findByEmail(EmailAddress email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE email = ?")
                .param(email.value())
                .query(StaffRepository::map)
                .optional();
    }

    Optional<String> passwordHash(EmailAddress email) {
        return jdbc.sql("SELECT password_hash FROM staff WHERE email = ? AND password_hash IS NOT NULL"
                        + " AND deactivated_at IS NULL")
                .param(email.value())
                .query(String.class)
                .optional();
    }

    List<StaffMember> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff ORDER BY name, id")
                .query(StaffRepository::map)
                .list();
    }

    List<StaffMember> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE id IN (:ids)")
                .param("ids", ids)
                .query(StaffRepository::map)
                .list();
    }

    Optional<StaffMember> firstAdmin() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE role = 'admin' AND deactivated_at IS NULL"
                        + " ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .query(StaffRepository::map)
                .optional();
    }

    List<StaffMember> findAllActive() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE deactivated_at IS NULL ORDER BY name, id")
                .query(StaffRepository::map)
                .list();
    }

    Optional<StaffMember> findActiveById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff WHERE id = ? AND deactivated_at IS NULL")
                .param(id)
                .query(StaffRepository::map)
                .optional();
    }

    java.util.Set<Long> deactivatedIds() {
        return java.util.Set.copyOf(jdbc.sql("SELECT id FROM staff WHERE deactivated_at IS NOT NULL")
                .query(Long.class)
                .list());
    }

    long countActiveAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND deactivated_at IS NULL")
                .query(Long.class)
                .single();
    }

    void updateNameAndRole(long id, String name, StaffRole role) {
        jdbc.sql("UPDATE staff SET name = ?, role = ? WHERE id = ?")
                .params(name, role.wire(), id)
                .update();
    }

    void updateDeactivatedAt(long id, @Nullable Instant at) {
        jdbc.sql("UPDATE staff SET deactivated_at = ? WHERE id = ?")
                .params(io.postdesk.shared.SqlTimes.utc(at), id)
                .update();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM staff").query(Long.class).single();
    }

    void updatePasswordHash(long id, String passwordHash) {
        jdbc.sql("UPDATE staff SET password_hash = ? WHERE id = ?")
                .params(passwordHash, id)
                .update();
    }

    void updateNotifications(long id, boolean newTickets, boolean customerReplies) {
        jdbc.sql("UPDATE staff SET notify_new_tickets = ?, notify_customer_replies = ? WHERE id = ?")
                .params(newTickets, customerReplies, id)
                .update();
    }

    private static StaffMember map(ResultSet rs, int row) throws SQLException {
        return new StaffMember(
                rs.getLong("id"),
                rs.getString("name"),
                new EmailAddress(rs.getString("email")),
                StaffRole.valueOf(rs.getString("role").toUpperCase(java.util.Locale.ROOT)),
                rs.getBoolean("notify_new_tickets"),
                rs.getBoolean("notify_customer_replies"),
                SqlTimes.requiredInstant(rs, "created_at"));
    }
}
