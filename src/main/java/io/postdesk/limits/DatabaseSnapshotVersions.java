package io.postdesk.limits;

import io.postdesk.shared.SnapshotVersions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Snapshot versions in the {@code snapshot_versions} table (V47, docs/adr/0024). A writer bumps its table's row in its
 * own transaction; every node reads all rows (three, by primary key, no lock) every {@link #POLL_MILLIS} ms, so a
 * snapshot on any node reloads within about a quarter of a second of the commit. Not under a cluster lock: every node
 * must poll for itself.
 */
@Component
class DatabaseSnapshotVersions implements SnapshotVersions {

    static final long POLL_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(DatabaseSnapshotVersions.class);

    private final JdbcClient jdbc;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private volatile boolean failing;

    DatabaseSnapshotVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long current(String table) {
        return seen.getOrDefault(table, 0L);
    }

    @Override
    public void bump(String table) {
        if (jdbc.sql("UPDATE snapshot_versions SET version = version + 1 WHERE name = ?")
                        .param(table)
                        .update()
                == 0) {
            // A table added after V47: its first bump creates the row (another node may create it meanwhile).
            jdbc.sql("INSERT INTO snapshot_versions (name, version) VALUES (?, 1) ON CONFLICT DO NOTHING")
                    .param(table)
                    .update();
        }
    }

    /** Reads every version; a snapshot whose version moved reloads on its next use. */
    @Scheduled(fixedDelay = POLL_MILLIS)
    void poll() {
        try {
            jdbc.sql("SELECT name, version FROM snapshot_versions")
                    .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .list()
                    .forEach(version -> seen.put(version.getKey(), version.getValue()));
            failing = false;
        } catch (DataAccessException e) {
            // The database is away: snapshots still reload once older than Snapshot.FRESH_FOR. Say so once per outage.
            if (!failing) {
                log.warn(
                        "Could not read snapshot versions; other nodes' changes are seen within 2 s: {}", e.toString());
                failing = true;
            }
        }
    }
}
