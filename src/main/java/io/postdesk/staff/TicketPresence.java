package io.postdesk.staff;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.SqlTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who else is on a ticket page (the collision notice "Alex is replying"). Kept in the database, not in memory, so
 * every app node behind a load balancer sees the same colleagues. Each ticket page polls {@link #report}: one update of
 * the caller's own row by its primary key in the common case. A row not refreshed within {@link #WINDOW} is ignored,
 * and deleted the next time anybody opens a ticket, so the table holds only the agents at work right now.
 */
@Service
public class TicketPresence {

    /** How long a poll counts: several missed polls (the page polls every few seconds) before a colleague goes. */
    public static final Duration WINDOW = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;

    TicketPresence(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that the staff member is on the ticket's page, doing {@code state}, and returns the others there. */
    @Transactional
    public List<Presence> report(long ticketId, long staffId, PresenceState state) {
        Instant now = clock.instant();
        int updated = jdbc.sql("UPDATE ticket_presence SET state = ?, seen_at = ? WHERE ticket_id = ? AND staff_id = ?")
                .params(state.wire(), utc(now), ticketId, staffId)
                .update();
        if (updated == 0) {
            // First poll on this page: the moment to drop everybody's stale rows (indexed by seen_at), then insert.
            // Two tabs of the same agent may race to insert; the key keeps one and the update below wins.
            jdbc.sql("DELETE FROM ticket_presence WHERE seen_at < ?")
                    .param(utc(now.minus(WINDOW)))
                    .update();
            try {
                jdbc.sql("INSERT INTO ticket_presence (ticket_id, staff_id, state, seen_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(ticketId, staffId, state.wire(), utc(now))
                        .update();
            } catch (DataIntegrityViolationException e) {
                // The foreign key: the ticket was deleted (or never was) while its page was open.
                throw new NotFoundException("ticket", ticketId);
            }
            jdbc.sql("UPDATE ticket_presence SET state = ?, seen_at = ? WHERE ticket_id = ? AND staff_id = ?")
                    .params(state.wire(), utc(now), ticketId, staffId)
                    .update();
        }
        return others(ticketId, staffId, now);
    }

    /** The staff members other than {@code staffId} seen on the ticket within the window, replying ones first. */
    public List<Presence> others(long ticketId, long staffId) {
        return others(ticketId, staffId, clock.instant());
    }

    private List<Presence> others(long ticketId, long staffId, Instant now) {
        // The primary key (ticket_id, staff_id) finds the ticket's few rows; deactivated staff are not shown.
        return jdbc.sql("SELECT p.staff_id, s.name, p.state, p.seen_at FROM ticket_presence p"
                        + " JOIN staff s ON s.id = p.staff_id"
                        + " WHERE p.ticket_id = ? AND p.staff_id <> ? AND p.seen_at >= ? AND s.deactivated_at IS NULL"
                        + " ORDER BY CASE WHEN p.state = 'replying' THEN 0 ELSE 1 END, s.name, p.staff_id")
                .params(ticketId, staffId, utc(now.minus(WINDOW)))
                .query((rs, row) -> new Presence(
                        rs.getLong("staff_id"),
                        rs.getString("name"),
                        PresenceState.fromWire(rs.getString("state")),
                        SqlTimes.requiredInstant(rs, "seen_at")))
                .list();
    }
}
