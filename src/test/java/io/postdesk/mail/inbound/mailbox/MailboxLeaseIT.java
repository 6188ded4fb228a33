package io.postdesk.mail.inbound.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two "nodes" (two leases with their own owner names) over the one database: only one holds the mailbox, the other
 * takes over once the first releases it or stops renewing. Runs on H2 and PostgreSQL. Waits are upper bounds only.
 */
class MailboxLeaseIT extends IntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(5);

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MailboxLease appLease;

    private final List<MailboxLease> leases = new ArrayList<>();

    @AfterEach
    void close() {
        leases.forEach(MailboxLease::destroy);
        // The application's own lease (mailbox off in tests) must not keep the row from the next test.
        appLease.release();
        jdbc.sql("DELETE FROM shedlock").update();
    }

    private MailboxLease node(String name, boolean renew) {
        var lease = new MailboxLease(dataSource, LEASE, name, renew);
        leases.add(lease);
        return lease;
    }

    @Test
    void onlyOneNodeHoldsTheLeaseWhileItRenews() throws InterruptedException {
        var a = node("node-a", true);
        var b = node("node-b", true);

        assertThat(a.hold()).isTrue();
        assertThat(b.hold()).isFalse();
        assertThat(owner()).isEqualTo("node-a");

        // Well past the lease period: a renews, so b is kept out all along and a still holds it.
        long until = System.nanoTime() + LEASE.multipliedBy(2).toNanos();
        while (System.nanoTime() < until) {
            assertThat(b.hold()).isFalse();
            Thread.sleep(200);
        }
        assertThat(a.hold()).isTrue();
        assertThat(owner()).isEqualTo("node-a");
    }

    @Test
    void anotherNodeTakesOverWhenTheHolderStopsRenewing() throws InterruptedException {
        var dead = node("node-dead", false);
        var b = node("node-b", true);

        assertThat(dead.hold()).isTrue();
        assertThat(b.hold()).isFalse();

        // The holder "dies" (no renewal): b takes the mailbox once the lease has run out in database time.
        assertThat(eventually(b::hold, Duration.ofSeconds(60))).isTrue();
        assertThat(owner()).isEqualTo("node-b");
        // The dead node, should it come back, finds the lease taken.
        assertThat(dead.hold()).isFalse();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() {
        var a = node("node-a", true);
        var b = node("node-b", true);
        assertThat(a.hold()).isTrue();
        assertThat(b.hold()).isFalse();

        a.release();

        assertThat(b.hold()).isTrue();
        assertThat(a.hold()).isFalse();
    }

    @Test
    void theScheduledPollRunsOnlyOnTheNodeHoldingTheLease() {
        var other = node("node-other", true);
        assertThat(other.hold()).isTrue();

        // This application's lease is another node's now: its scheduled poll must not take the mailbox.
        assertThat(appLease.hold()).isFalse();

        other.release();
        assertThat(appLease.hold()).isTrue();
        assertThat(owner()).isEqualTo(appLease.node());
    }

    private String owner() {
        return jdbc.sql("SELECT locked_by FROM shedlock WHERE name = ?")
                .param(MailboxLease.NAME)
                .query(String.class)
                .single();
    }

    private static boolean eventually(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}
