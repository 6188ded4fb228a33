package io.postdesk.settings;

import io.postdesk.shared.SqlTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The key/value table behind the settings APIs; keys are owned by the class that uses them. Settings are read on
 * every mail and many requests, so all rows are kept in memory and reloaded at most every {@link #FRESH_FOR}: a
 * change on this instance is seen at once, a change made by another instance within that time.
 */
@Repository
class SettingsStore {

    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private record Snapshot(Map<String, String> values, Instant loadedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile @Nullable Snapshot snapshot;

    SettingsStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(current().get(name));
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
        evict();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // A reader between our write and our commit may have cached the old value: forget it again after commit.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evict();
                }
            });
        }
    }

    /** Forgets the cached settings, e.g. after rows were changed behind this class's back. */
    void evict() {
        snapshot = null;
    }

    private Map<String, String> current() {
        Snapshot cached = snapshot;
        Instant now = clock.instant();
        if (cached == null || cached.loadedAt().plus(FRESH_FOR).isBefore(now)) {
            Map<String, String> values = new HashMap<>();
            jdbc.sql("SELECT name, setting_value FROM settings").query(rs -> {
                if (rs.getString("setting_value") != null) {
                    values.put(rs.getString("name"), rs.getString("setting_value"));
                }
            });
            cached = new Snapshot(Map.copyOf(values), now);
            snapshot = cached;
        }
        return cached.values();
    }
}
