package io.postdesk.portal;

import io.postdesk.limits.SharedCounters;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How many contact forms one client address may send: {@link #MAX_PER_WINDOW} per {@link #WINDOW} (a fixed window
 * from the address's first submission), counted in the database ({@link SharedCounters}), so every node spends one
 * allowance (docs/adr/0016). {@link #reset()} forgets every address (an operator unblocking an office behind one
 * address, or tests).
 */
@Component
public class ContactFormLimiter {

    static final int MAX_PER_WINDOW = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final String SCOPE = "contact-form";

    private final SharedCounters counters;

    ContactFormLimiter(SharedCounters counters) {
        this.counters = counters;
    }

    /** Records a submission from the address; false when the address already sent its share. */
    boolean admit(String clientAddress) {
        return counters.tryAcquire(SCOPE, clientAddress, MAX_PER_WINDOW, WINDOW);
    }

    public void reset() {
        counters.clearScope(SCOPE);
    }
}
