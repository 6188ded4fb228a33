package io.postdesk.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.shared.LoginAttempts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two "nodes" (two {@link SharedCounters} with their own clocks) over one database share each allowance. */
class SharedCountersIT extends IntegrationTest {

    private static final String CLIENT = "203.0.113.7";

    @Autowired
    private DataSource dataSource;

    private final MovableClock clock = new MovableClock();

    /** One contact-form submission from {@link #CLIENT}: five per ten minutes. */
    private static boolean contactForm(SharedCounters node) {
        return node.tryAcquire("contact-form", CLIENT, 5, Duration.ofMinutes(10));
    }

    private SharedCounters node() {
        return new SharedCounters(JdbcClient.create(dataSource), clock);
    }

    @Test
    void twoNodesSpendOneFixedWindowAllowance() {
        var a = node();
        var b = node();

        assertThat(contactForm(a)).isTrue();
        assertThat(contactForm(b)).isTrue();
        assertThat(contactForm(a)).isTrue();
        assertThat(contactForm(b)).isTrue();
        assertThat(contactForm(a)).isTrue();
        assertThat(contactForm(b)).isFalse();
        assertThat(contactForm(a)).isFalse();
        // Other addresses and other scopes are counted on their own.
        assertThat(b.tryAcquire("contact-form", "198.51.100.1", 5, Duration.ofMinutes(10)))
                .isTrue();
        assertThat(b.tryAcquire("other", CLIENT, 5, Duration.ofMinutes(10))).isTrue();

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(contactForm(b)).isTrue();
        assertThat(a.count("contact-form", CLIENT)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsOnTwoNodesNeverOverspend() throws Exception {
        var nodes = List.of(node(), node());
        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                SharedCounters counters = nodes.get(i % 2);
                results.add(pool.submit(() -> {
                    start.await();
                    return counters.tryAcquire("contact-form", CLIENT, 5, Duration.ofMinutes(10));
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> result : results) {
                admitted += result.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockoutOnOneNodeHoldsOnTheOther() {
        LoginAttempts a = node().loginAttempts("staff-login");
        LoginAttempts b = node().loginAttempts("staff-login");
        LoginAttempts portal = node().loginAttempts("portal-login");

        for (int i = 0; i < LoginAttempts.MAX_FAILURES; i++) {
            (i % 2 == 0 ? a : b).failed("agent@acme.test", CLIENT);
        }

        assertThat(a.isBlocked("agent@acme.test", CLIENT)).isTrue();
        assertThat(b.isBlocked("agent@acme.test", CLIENT)).isTrue();
        // The portal's sign-in keeps its own counts; the real user at another address is not locked out.
        assertThat(portal.isBlocked("agent@acme.test", CLIENT)).isFalse();
        assertThat(b.isBlocked("agent@acme.test", "198.51.100.1")).isFalse();

        // The block ends WINDOW after the last failure, on every node.
        clock.advance(LoginAttempts.WINDOW.minusSeconds(1));
        assertThat(b.isBlocked("agent@acme.test", CLIENT)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(a.isBlocked("agent@acme.test", CLIENT)).isFalse();
    }

    @Test
    void aSprayAcrossNodesBlocksTheClientAndASuccessClearsOnlyItsPair() {
        LoginAttempts a = node().loginAttempts("staff-login");
        LoginAttempts b = node().loginAttempts("staff-login");

        for (int i = 0; i < LoginAttempts.MAX_FAILURES - 1; i++) {
            a.failed("agent@acme.test", "198.51.100.9");
        }
        b.succeeded("agent@acme.test", "198.51.100.9");
        a.failed("agent@acme.test", "198.51.100.9");
        assertThat(a.isBlocked("agent@acme.test", "198.51.100.9")).isFalse();

        for (int i = 0; i < LoginAttempts.MAX_CLIENT_FAILURES; i++) {
            (i % 2 == 0 ? a : b).failed("user" + i + "@acme.test", CLIENT);
        }
        assertThat(a.isBlocked("someone-new@acme.test", CLIENT)).isTrue();
        assertThat(b.isBlocked("someone-new@acme.test", CLIENT)).isTrue();
    }

    @Test
    void theSweepDeletesRunOutRowsOnly() {
        var a = node();
        a.increment("staff-login", "old", Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
        a.increment("staff-login", "fresh", Duration.ofMinutes(1));

        a.sweep();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_counters")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(a.count("staff-login", "fresh")).isEqualTo(1);
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

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
}
