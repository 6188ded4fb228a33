package io.postdesk.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing without handing attackers a way to lock people out. Failures are counted per account
 * <em>and</em> client address: {@link #MAX_FAILURES} for one account from one client block that pair, so a guesser
 * at one address cannot lock the real user (at another) out. A client that fails {@link #MAX_CLIENT_FAILURES} times
 * across any accounts is blocked for all of them, so one address cannot spray many accounts. A block ends
 * {@link #WINDOW} after the last failure; a success clears its pair.
 *
 * <p>Where the counters live is a {@link Counters}: the application passes counters kept in the database, shared by
 * every node (docs/adr/0016), so N nodes do not give an attacker N times the budget. {@link #LoginAttempts(Clock)}
 * keeps them in bounded Caffeine caches in memory (one process, unit tests): a flood of new keys evicts the least
 * useful entries one by one instead of forgetting every lockout at once, and Caffeine's frequency-based admission
 * keeps hot (attacked) keys over one-off ones.
 */
public final class LoginAttempts {

    public static final int MAX_FAILURES = 5;
    public static final int MAX_CLIENT_FAILURES = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    static final long MAX_TRACKED = 100_000;

    /** Failure counts by key; each count ends a given time after its latest increment. */
    public interface Counters {

        /** The count under the key, 0 when there is none or it has run out. */
        int count(String key);

        /** Adds one to the count under the key (starting from 0 if it ran out); it now ends {@code window} from now. */
        void increment(String key, Duration window);

        void clear(String key);
    }

    private final Counters byPair;
    private final Counters byClient;

    /** Counters in memory, for one process. */
    public LoginAttempts(Clock clock) {
        this(clock, MAX_TRACKED);
    }

    /** With a smaller bound, so a test can overflow it quickly. */
    LoginAttempts(Clock clock, long maxTracked) {
        this.byPair = new InMemory(clock, maxTracked);
        this.byClient = new InMemory(clock, maxTracked);
    }

    /** Counters kept elsewhere (the database); each sign-in (staff, portal) passes its own. */
    public LoginAttempts(Counters counters) {
        this.byPair = prefixed(counters, "pair:");
        this.byClient = prefixed(counters, "client:");
    }

    private static Counters prefixed(Counters counters, String prefix) {
        return new Counters() {
            @Override
            public int count(String key) {
                return counters.count(prefix + key);
            }

            @Override
            public void increment(String key, Duration window) {
                counters.increment(prefix + key, window);
            }

            @Override
            public void clear(String key) {
                counters.clear(prefix + key);
            }
        };
    }

    private static String pair(String account, String client) {
        // A newline cannot be part of a normalised email address or a client address.
        return account + "\n" + client;
    }

    public boolean isBlocked(String account, String client) {
        return byPair.count(pair(account, client)) >= MAX_FAILURES || byClient.count(client) >= MAX_CLIENT_FAILURES;
    }

    public void failed(String account, String client) {
        byPair.increment(pair(account, client), WINDOW);
        byClient.increment(client, WINDOW);
    }

    /** A correct password from this client: its failures for this account are forgiven (not its spray count). */
    public void succeeded(String account, String client) {
        byPair.clear(pair(account, client));
    }

    long trackedPairs() {
        return ((InMemory) byPair).size();
    }

    private static final class InMemory implements Counters {

        private final Cache<String, Integer> counts;

        InMemory(Clock clock, long maxTracked) {
            Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
            this.counts = Caffeine.newBuilder()
                    .maximumSize(maxTracked)
                    // Each failure is a write, so an entry lives WINDOW past the latest failure.
                    .expireAfterWrite(WINDOW)
                    .ticker(ticker)
                    // Maintenance on the caller's thread: no pool threads for a few counters, tests stay deterministic.
                    .executor(Runnable::run)
                    .build();
        }

        @Override
        public int count(String key) {
            Integer value = counts.getIfPresent(key);
            return value == null ? 0 : value;
        }

        @Override
        public void increment(String key, Duration window) {
            counts.asMap().merge(key, 1, Integer::sum);
        }

        @Override
        public void clear(String key) {
            counts.invalidate(key);
        }

        long size() {
            counts.cleanUp();
            return counts.estimatedSize();
        }
    }
}
