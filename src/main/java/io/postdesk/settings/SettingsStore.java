package io.postdesk.settings;

import io.postdesk.shared.SqlTimes;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The key/value table behind the settings APIs; keys are owned by the class that uses them. */
@Repository
class SettingsStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    SettingsStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> get(String name) {
        return jdbc.sql("SELECT setting_value FROM settings WHERE name = ?")
                .param(name)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(value -> value);
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
    }
}
