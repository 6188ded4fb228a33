package io.postdesk.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotTests {

    /** Versions as a node's poller would hold them, moved by hand. */
    static final class FakeVersions implements SnapshotVersions {
        final Map<String, Long> versions = new HashMap<>();
        final List<String> bumped = new ArrayList<>();

        @Override
        public long current(String table) {
            return versions.getOrDefault(table, 0L);
        }

        @Override
        public void bump(String table) {
            bumped.add(table);
        }
    }

    @Test
    void aCopyIsKeptWhileTheVersionStaysAndReloadedWhenItMoves() {
        var versions = new FakeVersions();
        var loads = new AtomicInteger();
        var snapshot = new Snapshot<>("settings", versions, loads::incrementAndGet);

        assertThat(snapshot.get()).isEqualTo(1);
        assertThat(snapshot.get()).isEqualTo(1);

        versions.versions.put("settings", 7L);
        assertThat(snapshot.get()).isEqualTo(2);
        assertThat(snapshot.get()).isEqualTo(2);

        versions.versions.put("spam_list", 3L);
        assertThat(snapshot.get()).as("another table's version").isEqualTo(2);
    }

    @Test
    void aLocalChangeBumpsTheVersionAndForgetsTheCopy() {
        var versions = new FakeVersions();
        var loads = new AtomicInteger();
        var snapshot = new Snapshot<>("staff", versions, loads::incrementAndGet);
        snapshot.get();

        snapshot.changed();

        assertThat(versions.bumped).containsExactly("staff");
        assertThat(snapshot.get()).isEqualTo(2);
    }

    @Test
    void aSnapshotWithoutVersionsOnlyAgesOut() {
        var loads = new AtomicInteger();
        var snapshot = new Snapshot<>(loads::incrementAndGet);

        assertThat(snapshot.get()).isEqualTo(1);
        assertThat(snapshot.get()).isEqualTo(1);
        snapshot.changed();
        assertThat(snapshot.get()).isEqualTo(2);
    }
}
