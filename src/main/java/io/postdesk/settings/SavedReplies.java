package io.postdesk.settings;

import io.postdesk.shared.ConflictException;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.SqlTimes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The saved replies admins manage in settings and agents insert from the composer. */
@Service
public class SavedReplies {

    static final int MAX_NAME = 200;
    static final int MAX_BODY = 20_000;
    /** The picker lists them all; a helpdesk keeps dozens, and the bound keeps the page small if it keeps more. */
    static final int LIMIT = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    SavedReplies(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** All saved replies by name (at most {@value #LIMIT}). */
    public List<SavedReply> all() {
        return jdbc.sql("SELECT id, name, body FROM saved_replies ORDER BY name LIMIT " + LIMIT)
                .query((rs, n) -> new SavedReply(rs.getLong("id"), rs.getString("name"), rs.getString("body")))
                .list();
    }

    public SavedReply get(long id) {
        return jdbc.sql("SELECT id, name, body FROM saved_replies WHERE id = ?")
                .param(id)
                .query((rs, n) -> new SavedReply(rs.getLong("id"), rs.getString("name"), rs.getString("body")))
                .optional()
                .orElseThrow(() -> new NotFoundException("saved reply", id));
    }

    /** Adds a saved reply; a name already in use is a conflict. */
    @Transactional
    public SavedReply create(String name, String body) {
        String n = name(name);
        String b = body(body);
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO saved_replies (name, body, created_at, updated_at) VALUES (?, ?, ?, ?)")
                    .params(n, b, SqlTimes.utc(now), SqlTimes.utc(now))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new ConflictException("name", "is already used by another saved reply");
        }
        return new SavedReply(keys.getKeyAs(Long.class), n, b);
    }

    @Transactional
    public SavedReply update(long id, String name, String body) {
        String n = name(name);
        String b = body(body);
        int changed;
        try {
            changed = jdbc.sql("UPDATE saved_replies SET name = ?, body = ?, updated_at = ? WHERE id = ?")
                    .params(n, b, SqlTimes.utc(clock.instant()), id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("name", "is already used by another saved reply");
        }
        if (changed == 0) {
            throw new NotFoundException("saved reply", id);
        }
        return new SavedReply(id, n, b);
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("DELETE FROM saved_replies WHERE id = ?").param(id).update() == 0) {
            throw new NotFoundException("saved reply", id);
        }
    }

    private static String name(String name) {
        String n = name.strip();
        if (n.isEmpty()) {
            throw new InvalidInputException("name", "must not be empty");
        }
        if (n.length() > MAX_NAME) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME + " characters");
        }
        return n;
    }

    private static String body(String body) {
        if (body.isBlank()) {
            throw new InvalidInputException("body", "must not be empty");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "must be at most " + MAX_BODY + " characters");
        }
        return body.replace("\r\n", "\n");
    }
}
