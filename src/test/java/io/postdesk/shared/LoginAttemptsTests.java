package io.postdesk.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginAttemptsTests {

    /** A clock the test moves by hand. */
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
    private final LoginAttempts attempts = new LoginAttempts(clock);

    @Test
    void blocksAnEmailAfterFiveFailuresUntilTheWindowHasPassed() {
        for (int i = 0; i < LoginAttempts.MAX_FAILURES; i++) {
            assertThat(attempts.isBlocked("agent@acme.test")).isFalse();
            attempts.failed("agent@acme.test");
        }

        assertThat(attempts.isBlocked("agent@acme.test")).isTrue();
        assertThat(attempts.isBlocked("other@acme.test")).isFalse();
        clock.now = clock.now.plus(LoginAttempts.WINDOW).plusSeconds(1);
        assertThat(attempts.isBlocked("agent@acme.test")).isFalse();
    }

    @Test
    void aSuccessfulSignInClearsTheFailures() {
        attempts.failed("agent@acme.test");
        attempts.failed("agent@acme.test");
        attempts.succeeded("agent@acme.test");

        for (int i = 0; i < LoginAttempts.MAX_FAILURES - 1; i++) {
            attempts.failed("agent@acme.test");
        }
        assertThat(attempts.isBlocked("agent@acme.test")).isFalse();
    }
}
