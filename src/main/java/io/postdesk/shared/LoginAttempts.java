package io.postdesk.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Slows down password guessing without handing attackers a way to lock people out. Failures are counted per account
 * <em>and</em> client address: {@link #MAX_FAILURES} for one account from one client block that pair, so a guesser
 * at one address cannot lock the real user (at another) out. A client that fails {@link #MAX_CLIENT_FAILURES} times
 * across any accounts is blocked for all of them, so one address cannot spray many accounts. A block ends
 * {@link #WINDOW} after the last failure; a success clears its pair.
 *
 * <p>Counters live in bounded Caffeine caches (size and expiry), in memory per instance: a flood of new keys evicts
 * the least useful entries one by one instead of forgetting every lockout at once, and Caffeine's frequency-based
 * admission keeps hot (attacked) keys over one-off ones. Each sign-in (staff, customer portal) keeps its own.
 */
public final class LoginAttempts {

    public static final int MAX_FAILURES = 5;
    public static final int MAX_CLIENT_FAILURES = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    static final long MAX_TRACKED = 100_000;

    private record Pair(String account, String client) {}

    private final Cache<Pair, Integer> byPair;
    private final Cache<String, Integer> byClient;

    public LoginAttempts(Clock clock) {
        this(clock, MAX_TRACKED);
    }

    /** With a smaller bound, so a test can overflow it quickly. */
    LoginAttempts(Clock clock, long maxTracked) {
        this.byPair = counters(clock, maxTracked);
        this.byClient = counters(clock, maxTracked);
    }

    private static <K> Cache<K, Integer> counters(Clock clock, long maxTracked) {
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        return Caffeine.newBuilder()
                .maximumSize(maxTracked)
                // Each failure is a write, so an entry lives WINDOW past the latest failure.
                .expireAfterWrite(WINDOW)
                .ticker(ticker)
                // Maintenance on the caller's thread: no pool threads for a few counters, and tests stay deterministic.
                .executor(Runnable::run)
                .build();
    }

    public boolean isBlocked(String account, String client) {
        return count(byPair.getIfPresent(new Pair(account, client))) >= MAX_FAILURES
                || count(byClient.getIfPresent(client)) >= MAX_CLIENT_FAILURES;
    }

    public void failed(String account, String client) {
        byPair.asMap().merge(new Pair(account, client), 1, Integer::sum);
        byClient.asMap().merge(client, 1, Integer::sum);
    }

    /** A correct password from this client: its failures for this account are forgiven (not its spray count). */
    public void succeeded(String account, String client) {
        byPair.invalidate(new Pair(account, client));
    }

    long trackedPairs() {
        byPair.cleanUp();
        return byPair.estimatedSize();
    }

    private static int count(@Nullable Integer value) {
        return value == null ? 0 : value;
    }
}
