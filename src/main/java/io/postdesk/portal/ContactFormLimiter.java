package io.postdesk.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How many contact forms one client address may send: {@link #MAX_PER_WINDOW} per {@link #WINDOW}, in memory per
 * instance. {@link #reset()} forgets everything (an operator unblocking an office behind one address, or tests).
 */
@Component
public class ContactFormLimiter {

    static final int MAX_PER_WINDOW = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    ContactFormLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Records a submission from the address; false when the address already sent its share. */
    boolean admit(String clientAddress) {
        if (recent.size() > MAX_TRACKED) {
            recent.clear();
        }
        Deque<Instant> times = recent.computeIfAbsent(clientAddress, k -> new ArrayDeque<>());
        synchronized (times) {
            Instant cutoff = clock.instant().minus(WINDOW);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.removeFirst();
            }
            if (times.size() >= MAX_PER_WINDOW) {
                return false;
            }
            times.addLast(clock.instant());
            return true;
        }
    }

    public void reset() {
        recent.clear();
    }
}
