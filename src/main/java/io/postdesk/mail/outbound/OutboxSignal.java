package io.postdesk.mail.outbound;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Wakes the outbox worker when mail is queued, so delivery does not wait for the next poll. */
@Component
class OutboxSignal {

    private final Semaphore permits = new Semaphore(0);

    void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
