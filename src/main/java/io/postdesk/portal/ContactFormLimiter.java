package io.postdesk.portal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many contact forms one client address may send: {@link #MAX_PER_WINDOW} per sliding {@link #WINDOW}, in memory
 * per instance. The addresses sit in a bounded Caffeine cache: a flood of new addresses evicts old entries one by one
 * (an address that has gone quiet for a window is forgotten anyway), never every limit at once. {@link #reset()}
 * forgets everything (an operator unblocking an office behind one address, or tests).
 */
@Component
public class ContactFormLimiter {

    static final int MAX_PER_WINDOW = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final long MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Cache<String, Deque<Instant>> recent;

    @Autowired
    ContactFormLimiter(Clock clock) {
        this(clock, MAX_TRACKED);
    }

    /** With a smaller bound, so a test can overflow it quickly. */
    ContactFormLimiter(Clock clock, long maxTracked) {
        this.clock = clock;
        this.recent = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                .expireAfterWrite(WINDOW)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Records a submission from the address; false when the address already sent its share. */
    boolean admit(String clientAddress) {
        boolean[] admitted = {false};
        // compute() runs atomically per address, and counts as a write, so the entry lives a window past the last one.
        recent.asMap().compute(clientAddress, (address, times) -> {
            Deque<Instant> window = times == null ? new ArrayDeque<>() : times;
            Instant now = clock.instant();
            Instant cutoff = now.minus(WINDOW);
            while (!window.isEmpty() && window.peekFirst().isBefore(cutoff)) {
                window.removeFirst();
            }
            if (window.size() < MAX_PER_WINDOW) {
                window.addLast(now);
                admitted[0] = true;
            }
            return window;
        });
        return admitted[0];
    }

    long trackedAddresses() {
        recent.cleanUp();
        return recent.estimatedSize();
    }

    public void reset() {
        recent.invalidateAll();
    }
}
