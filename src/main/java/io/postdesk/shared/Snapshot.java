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
 * first use and again once older than {@link #FRESH_FOR}. A change made through the owner on this instance is seen at
 * once (the owner calls {@link #changed()}); a change made by another instance within {@link #FRESH_FOR}.
 */
public final class Snapshot<T> {

    public static final Duration FRESH_FOR = Duration.ofSeconds(2);

    /** Every snapshot, so rows changed behind the owners' backs (tests, imports) can be forgotten at once. */
    private static final Set<Snapshot<?>> ALL =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private record Loaded<T>(T value, long loadedAtNanos) {}

    private final Supplier<T> loader;
    private volatile @Nullable Loaded<T> loaded;

    public Snapshot(Supplier<T> loader) {
        this.loader = loader;
        ALL.add(this);
    }

    public T get() {
        Loaded<T> current = loaded;
        long now = System.nanoTime();
        if (current == null || now - current.loadedAtNanos() > FRESH_FOR.toNanos()) {
            current = new Loaded<>(loader.get(), now);
            loaded = current;
        }
        return current.value();
    }

    /**
     * The table was written: forget the copy now and, inside a transaction, again after commit (a reader between the
     * write and the commit may have loaded the old rows).
     */
    public void changed() {
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
