package io.postdesk.ticket;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.SqlTimes;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agent's saved filters of the ticket list: a name and the list URL (view, status, priority, search, sort) it
 * opens. Personal: every read and delete is scoped to the agent. Saving under an existing name replaces its URL.
 */
@Service
public class SavedFilters {

    /** Enough for a working set; keeps the list under the views short. */
    public static final int MAX_PER_AGENT = 30;

    /** A list URL: the root path and a plain query, so a saved filter can only ever lead to the list itself. */
    private static final Pattern LIST_URL = Pattern.compile("/(\\?[A-Za-z0-9_.~%&=+\\-]{0,990})?");

    /** One saved filter. */
    public record SavedFilter(long id, String name, String url) {}

    private final JdbcClient jdbc;

    SavedFilters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The agent's saved filters, by name (one index range on the unique key). */
    @Transactional(readOnly = true)
    public List<SavedFilter> of(long staffId) {
        return jdbc.sql("SELECT id, name, url FROM saved_filters WHERE staff_id = ? ORDER BY name")
                .param(staffId)
                .query((rs, row) -> new SavedFilter(rs.getLong("id"), rs.getString("name"), rs.getString("url")))
                .list();
    }

    @Transactional
    public SavedFilter save(long staffId, String name, String url) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 80) {
            throw new InvalidInputException("name", "must be 1 to 80 characters");
        }
        if (!LIST_URL.matcher(url).matches()) {
            throw new InvalidInputException("url", "must be a ticket list address");
        }
        int replaced = jdbc.sql("UPDATE saved_filters SET url = ? WHERE staff_id = ? AND name = ?")
                .params(url, staffId, trimmed)
                .update();
        if (replaced == 0) {
            long existing = jdbc.sql("SELECT COUNT(*) FROM saved_filters WHERE staff_id = ?")
                    .param(staffId)
                    .query(Long.class)
                    .single();
            if (existing >= MAX_PER_AGENT) {
                throw new InvalidInputException(
                        "name", "at most " + MAX_PER_AGENT + " saved filters; delete one first");
            }
            jdbc.sql("INSERT INTO saved_filters (staff_id, name, url, created_at) VALUES (?, ?, ?, ?)")
                    .params(staffId, trimmed, url, SqlTimes.utc(Instant.now()))
                    .update();
        }
        return of(staffId).stream()
                .filter(f -> f.name().equals(trimmed))
                .findFirst()
                .orElseThrow();
    }

    /** Deletes one of the agent's own saved filters; another agent's id deletes nothing. */
    @Transactional
    public boolean delete(long staffId, long id) {
        return jdbc.sql("DELETE FROM saved_filters WHERE id = ? AND staff_id = ?")
                        .params(id, staffId)
                        .update()
                > 0;
    }
}
