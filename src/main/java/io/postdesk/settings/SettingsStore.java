package io.postdesk.settings;

import io.postdesk.shared.Snapshot;
import io.postdesk.shared.SnapshotVersions;
import io.postdesk.shared.SqlTimes;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The key/value table behind the settings APIs; keys are owned by the class that uses them. Settings are read on
 * every mail and many requests, so all rows are kept in memory as a {@link Snapshot}.
 */
@Repository
class SettingsStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Snapshot<Map<String, String>> values;

    SettingsStore(JdbcClient jdbc, Clock clock, SnapshotVersions versions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.values = new Snapshot<>("settings", versions, this::load);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get().get(name));
    }

    @Transactional
    void put(String name, @Nullable String value) {
        var now = SqlTimes.utc(clock.instant());
        int updated = jdbc.sql("UPDATE settings SET setting_value = ?, updated_at = ? WHERE name = ?")
                .params(value, now, name)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO settings (name, setting_value, updated_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(name, value, now)
                    .update();
            jdbc.sql("UPDATE settings SET setting_value = ?, updated_at = ? WHERE name = ?")
                    .params(value, now, name)
                    .update();
        }
        values.changed();
    }

    private Map<String, String> load() {
        Map<String, String> rows = new HashMap<>();
        jdbc.sql("SELECT name, setting_value FROM settings").query(rs -> {
            if (rs.getString("setting_value") != null) {
                rows.put(rs.getString("name"), rs.getString("setting_value"));
            }
        });
        return Map.copyOf(rows);
    }
}
