package io.postdesk.shared;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An in-memory copy of a small table that is read on every mail (settings, the spam list, staff addresses): loaded on
 * first use and again when the table's {@link SnapshotVersions version} moved or the copy is older than
 * {@link #FRESH_FOR}. A change made through the owner on this instance is seen at once (the owner calls
 * {@link #changed()}, which also bumps the version in its transaction); a change made on another node as soon as this
 * node's poller reads the new version (within a second, docs/adr/0024), and within {@link #FRESH_FOR} at worst, should
 * the poller be unable to read the database.
 */
public final class Snapshot<T> {

    public static final Duration FRESH_FOR = Duration.ofSeconds(2);

    /** Every snapshot, so rows changed behind the owners' backs (tests, imports) can be forgotten at once. */
    private static final Set<Snapshot<?>> ALL =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private record Loaded<T>(T value, long version, long loadedAtNanos) {}

    private final String table;
    private final SnapshotVersions versions;
    private final Supplier<T> loader;
    private volatile @Nullable Loaded<T> loaded;

    /** A snapshot of {@code table} whose changes on other nodes are seen through {@code versions}. */
    public Snapshot(String table, SnapshotVersions versions, Supplier<T> loader) {
        this.table = table;
        this.versions = versions;
        this.loader = loader;
        ALL.add(this);
    }

    /** A snapshot that only ages out (no version shared between nodes). */
    public Snapshot(Supplier<T> loader) {
        this("", SnapshotVersions.NONE, loader);
    }

    public T get() {
        Loaded<T> current = loaded;
        long now = System.nanoTime();
        // The version is read before the rows: a change committed meanwhile leaves an older label and a reload later.
        long version = versions.current(table);
        if (current == null || current.version() != version || now - current.loadedAtNanos() > FRESH_FOR.toNanos()) {
            current = new Loaded<>(loader.get(), version, now);
            loaded = current;
        }
        return current.value();
    }

    /**
     * The table was written: bump its version for the other nodes (in the caller's transaction), forget the copy now
     * and, inside a transaction, again after commit (a reader between the write and the commit may have loaded the old
     * rows).
     */
    public void changed() {
        versions.bump(table);
        loaded = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    loaded = null;
                }
            });
        }
    }

    /** Forgets every snapshot; for code that changes these tables directly (tests resetting data, imports). */
    public static void forgetAll() {
        synchronized (ALL) {
            ALL.forEach(snapshot -> snapshot.loaded = null);
        }
    }
}
