package io.postdesk.mail.inbound;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The memory all mails being received at once may take, shared by every door (webhook, SMTP listener, mailbox
 * fetch). A door reserves what a mail will cost before it reads the mail, and gives it back when the mail is
 * stored and processed; when the budget is spent, the mail waits a moment and is then refused for now (HTTP 503
 * with {@code Retry-After}, SMTP 451, left on the mail server) instead of the JVM running out of memory, which
 * would take the database and every other request down with it.
 *
 * <p>A mail costs {@link #COPIES} times its size. A mail that costs more than the whole budget needs the whole
 * budget: it is received alone, never refused forever.
 */
@Component
public class MemoryBudget {

    /**
     * A mail in flight is held about this many times over: the bytes received, mime4j's decoded parts, the parts we
     * keep as attachments, and the database driver's copy of the raw bytes.
     */
    static final int COPIES = 4;

    /** Long enough for the mails in flight to be stored, short enough that a retrying sender is not kept waiting. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** A body of unknown length is reserved ahead in steps of this many bytes as it arrives. */
    static final long STEP = 1024 * 1024;

    private static final int KIB = 1024;

    private final Semaphore kibibytes;
    private final int totalKib;
    private final long waitNanos;

    @Autowired
    MemoryBudget(InboundProperties properties) {
        this(
                properties.memoryBudget() == null
                        ? Runtime.getRuntime().maxMemory() / 4
                        : properties.memoryBudget().toBytes(),
                properties.memoryWait());
    }

    MemoryBudget(long bytes, Duration wait) {
        if (bytes < KIB) {
            throw new IllegalArgumentException("postdesk.mail.inbound.memory-budget must be at least 1KB");
        }
        this.totalKib = (int) Math.min(Integer.MAX_VALUE, bytes / KIB);
        // Fair, so a large mail waiting for room is not overtaken forever by a stream of small ones.
        this.kibibytes = new Semaphore(totalKib, true);
        this.waitNanos = wait.toNanos();
    }

    /** Thrown when a mail cannot be taken now: the budget is spent by mails in flight. */
    public static final class ExhaustedException extends RuntimeException {
        ExhaustedException(String message) {
            super(message);
        }

        /** When the sender should try again. */
        public Duration retryAfter() {
            return RETRY_AFTER;
        }
    }

    /**
     * Reserves what a mail of {@code mailBytes} costs, waiting up to {@code postdesk.mail.inbound.memory-wait} for
     * room; close the reservation when the mail is done.
     *
     * @throws ExhaustedException when there is no room in time
     */
    public Reservation reserve(long mailBytes) {
        var reservation = new Reservation();
        reservation.growTo(mailBytes);
        return reservation;
    }

    /** The whole budget in bytes. */
    public long totalBytes() {
        return (long) totalKib * KIB;
    }

    /** What is not reserved right now, in bytes. */
    public long availableBytes() {
        return (long) kibibytes.availablePermits() * KIB;
    }

    private int cost(long mailBytes) {
        long bytes = Math.min(Math.max(mailBytes, 0), Long.MAX_VALUE / COPIES) * COPIES;
        return (int) Math.min(totalKib, Math.max(1, Math.ceilDiv(bytes, KIB)));
    }

    /** Room held for one mail. Used by one thread; closing it twice is harmless. */
    public final class Reservation implements AutoCloseable {

        private int heldKib;
        private long coveredBytes;

        private Reservation() {}

        /**
         * Grows the reservation to cover a mail of {@code mailBytes}, for a mail whose size shows only as it arrives.
         *
         * @throws ExhaustedException when there is no room in time; what was held stays held until closed
         */
        public void growTo(long mailBytes) {
            int wanted = cost(mailBytes);
            if (wanted > heldKib) {
                int more = wanted - heldKib;
                try {
                    if (!kibibytes.tryAcquire(more, waitNanos, TimeUnit.NANOSECONDS)) {
                        throw new ExhaustedException("the server is at its memory budget for inbound mail ("
                                + totalBytes() / (1024 * 1024) + " MB); try again later");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ExhaustedException("interrupted while waiting for room in the memory budget");
                }
                heldKib = wanted;
            }
            coveredBytes = Math.max(coveredBytes, mailBytes);
        }

        /** The stream, growing this reservation ahead of the bytes read from it. */
        public InputStream track(InputStream in) {
            return new ObservedStream(in) {
                private long read;

                @Override
                protected void observe(byte[] buffer, int offset, int length) {
                    read += length;
                    if (read > coveredBytes) {
                        growTo(read + STEP);
                    }
                }
            };
        }

        @Override
        public void close() {
            if (heldKib > 0) {
                kibibytes.release(heldKib);
                heldKib = 0;
                coveredBytes = 0;
            }
        }
    }
}
