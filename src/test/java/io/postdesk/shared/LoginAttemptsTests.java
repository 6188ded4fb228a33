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

    private static final String ATTACKER = "203.0.113.9";

    private final MovableClock clock = new MovableClock();
    private final LoginAttempts attempts = new LoginAttempts(clock);

    @Test
    void blocksAnAccountFromOneClientAfterFiveFailuresUntilTheWindowHasPassed() {
        for (int i = 0; i < LoginAttempts.MAX_FAILURES; i++) {
            assertThat(attempts.isBlocked("agent@acme.test", ATTACKER)).isFalse();
            attempts.failed("agent@acme.test", ATTACKER);
        }

        assertThat(attempts.isBlocked("agent@acme.test", ATTACKER)).isTrue();
        assertThat(attempts.isBlocked("other@acme.test", ATTACKER)).isFalse();
        clock.now = clock.now.plus(LoginAttempts.WINDOW).plusSeconds(1);
        assertThat(attempts.isBlocked("agent@acme.test", ATTACKER)).isFalse();
    }

    @Test
    void aGuesserElsewhereDoesNotLockTheRealUserOut() {
        for (int i = 0; i < 3 * LoginAttempts.MAX_FAILURES; i++) {
            attempts.failed("agent@acme.test", ATTACKER);
        }

        assertThat(attempts.isBlocked("agent@acme.test", ATTACKER)).isTrue();
        assertThat(attempts.isBlocked("agent@acme.test", "198.51.100.20")).isFalse();
    }

    @Test
    void aClientSprayingManyAccountsIsBlockedForAllOfThem() {
        for (int i = 0; i < LoginAttempts.MAX_CLIENT_FAILURES; i++) {
            assertThat(attempts.isBlocked("user" + i + "@acme.test", ATTACKER)).isFalse();
            attempts.failed("user" + i + "@acme.test", ATTACKER);
        }

        assertThat(attempts.isBlocked("never-tried@acme.test", ATTACKER)).isTrue();
        assertThat(attempts.isBlocked("never-tried@acme.test", "198.51.100.20")).isFalse();
    }

    @Test
    void aSuccessfulSignInClearsTheFailures() {
        attempts.failed("agent@acme.test", ATTACKER);
        attempts.failed("agent@acme.test", ATTACKER);
        attempts.succeeded("agent@acme.test", ATTACKER);

        for (int i = 0; i < LoginAttempts.MAX_FAILURES - 1; i++) {
            attempts.failed("agent@acme.test", ATTACKER);
        }
        assertThat(attempts.isBlocked("agent@acme.test", ATTACKER)).isFalse();
    }

    @Test
    void aFloodOfNewKeysStaysBoundedAndKeepsTheLockoutUnderAttack() {
        long bound = 2_000;
        var small = new LoginAttempts(clock, bound);
        for (int i = 0; i < LoginAttempts.MAX_FAILURES; i++) {
            small.failed("agent@acme.test", ATTACKER);
        }

        // Ten times as many one-off keys as the cache holds, while the attacker keeps trying the locked account.
        for (int i = 0; i < 10 * bound; i++) {
            small.failed("spray" + i + "@acme.test", "2001:db8::" + Integer.toHexString(i));
            if (i % 100 == 0) {
                assertThat(small.isBlocked("agent@acme.test", ATTACKER)).isTrue();
            }
        }

        assertThat(small.isBlocked("agent@acme.test", ATTACKER)).isTrue();
        assertThat(small.trackedPairs()).isLessThanOrEqualTo(bound);
    }
}
