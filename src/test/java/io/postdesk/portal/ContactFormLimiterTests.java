package io.postdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ContactFormLimiterTests {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final ContactFormLimiter limiter = new ContactFormLimiter(clock);

    @Test
    void admitsFivePerAddressPerWindow() {
        for (int i = 0; i < ContactFormLimiter.MAX_PER_WINDOW; i++) {
            assertThat(limiter.admit("203.0.113.9")).isTrue();
        }

        assertThat(limiter.admit("203.0.113.9")).isFalse();
        assertThat(limiter.admit("198.51.100.20")).isTrue();
        clock.now = clock.now.plus(ContactFormLimiter.WINDOW).plusSeconds(1);
        assertThat(limiter.admit("203.0.113.9")).isTrue();
    }

    @Test
    void aFloodOfNewAddressesStaysBoundedAndDoesNotLiftTheLimitOfABusyOne() {
        long bound = 2_000;
        var small = new ContactFormLimiter(clock, bound);
        for (int i = 0; i < ContactFormLimiter.MAX_PER_WINDOW; i++) {
            small.admit("203.0.113.9");
        }

        for (int i = 0; i < 10 * bound; i++) {
            small.admit("2001:db8::" + Integer.toHexString(i));
            if (i % 100 == 0) {
                assertThat(small.admit("203.0.113.9")).isFalse();
            }
        }

        assertThat(small.admit("203.0.113.9")).isFalse();
        assertThat(small.trackedAddresses()).isLessThanOrEqualTo(bound);
    }
}
