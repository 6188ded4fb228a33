package io.postdesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.PostdeskApplication;
import io.postdesk.settings.SenderVerificationSettings;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.Snapshot;
import io.postdesk.spam.SpamList;
import io.postdesk.staff.StaffDirectory;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Issue 14 (docs/adr/0024): a settings, spam-list or staff change made on one node is seen by the in-memory snapshot of
 * another node on the same database within a second, because the change bumps a version row the other node polls.
 * Each snapshot on the second node is read just before the change, so its age alone ({@link Snapshot#FRESH_FOR}, 2 s)
 * cannot explain a reload within the second.
 */
class SnapshotInvalidationIT extends IntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static ConfigurableApplicationContext second;

    @Autowired
    private Environment environment;

    @BeforeEach
    void startSecondNode() {
        if (second == null) {
            second = new SpringApplicationBuilder(PostdeskApplication.class)
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                            "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                            "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                            "--postdesk.data-dir=" + environment.getProperty("postdesk.data-dir") + "-second",
                            "--postdesk.settings.secret-key=integration-test-key",
                            "--postdesk.staff.bootstrap-admin-email=" + ADMIN_EMAIL,
                            "--postdesk.staff.bootstrap-admin-password=" + ADMIN_PASSWORD,
                            "--postdesk.staff.bootstrap-api-token=" + ADMIN_TOKEN,
                            "--postdesk.mail.outbound.worker-enabled=false",
                            "--postdesk.mail.inbound.mailbox-poll-interval=1h",
                            "--postdesk.mail.inbound.mailbox-idle=false",
                            "--spring.main.banner-mode=off");
        }
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void aSettingChangedOnOneNodeIsSeenOnTheOtherWithinASecond() {
        var onSecond = second.getBean(SenderVerificationSettings.class);
        assertThat(onSecond.current().trustedAuthservIds()).doesNotContain("mx.cluster.test");

        assertThat(admin().put(
                                "/api/v1/settings/sender-verification",
                                "{\"trustedAuthservIds\": [\"mx.cluster.test\"]}")
                        .status())
                .isEqualTo(200);
        // Measured from the commit (the answer), as "within a second of a change" means.
        long changed = System.nanoTime();

        assertSeenWithin(changed, () -> onSecond.current().trustedAuthservIds().contains("mx.cluster.test"));
    }

    @Test
    void aSpamListEntryAddedOnOneNodeIsSeenOnTheOtherWithinASecond() {
        var onSecond = second.getBean(SpamList.class);
        var sender = EmailAddress.parse("pest@spam-cluster.test", "sender");
        assertThat(onSecond.isListed(sender)).isFalse();

        assertThat(admin().post("/api/v1/spam-list", "{\"entry\": \"*@spam-cluster.test\"}")
                        .status())
                .isBetween(200, 201);
        // Measured from the commit (the answer), as "within a second of a change" means.
        long changed = System.nanoTime();

        assertSeenWithin(changed, () -> onSecond.isListed(sender));
    }

    @Test
    void aStaffMemberAddedOnOneNodeIsSeenOnTheOtherWithinASecond() {
        var onSecond = second.getBean(StaffDirectory.class);
        var address = EmailAddress.parse("new-agent@cluster.test", "email");
        assertThat(onSecond.isStaff(address)).isFalse();

        createStaff("New Agent", "new-agent@cluster.test", "agent");
        // Measured from the commit (the answer), as "within a second of a change" means.
        long changed = System.nanoTime();

        assertSeenWithin(changed, () -> onSecond.isStaff(address));
    }

    @Test
    void aChangeThatRolledBackBumpsNothing() {
        long before = jdbc.sql("SELECT version FROM snapshot_versions WHERE name = 'spam_list'")
                .query(Long.class)
                .single();

        assertThat(admin().post("/api/v1/spam-list", "{\"entry\": \"not an entry\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin().delete("/api/v1/spam-list/nobody@nowhere.test").status())
                .isEqualTo(404);

        assertThat(jdbc.sql("SELECT version FROM snapshot_versions WHERE name = 'spam_list'")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    private static void assertSeenWithin(long changedAtNanos, BooleanSupplier seen) {
        long deadline = changedAtNanos + Duration.ofSeconds(10).toNanos();
        while (!seen.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(20);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - changedAtNanos);
        assertThat(seen.getAsBoolean()).as("seen on the second node at all").isTrue();
        assertThat(took).as("time until the second node saw the change").isLessThanOrEqualTo(WITHIN);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
