package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.postdesk.ChildPostdesk;
import io.postdesk.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, outbound: replies are queued while the SMTP server is down; it comes up, and Postdesk is killed (SIGKILL)
 * while its worker is sending them, then started again on the same data. Every queued mail must arrive within a lease of the restart (not after the
 * minutes a long claim would make it wait), and a mail that arrives twice (accepted by the server, not yet marked sent
 * at the kill) must be the same mail: same Message-ID, so receivers can drop the repeat.
 */
class OutboxKillIT {

    private static final int TICKETS = 25;
    private static final int REPLIES_PER_TICKET = 10;
    private static final int KILL_AFTER_RECEIVED = 60;
    /** The shipped default of postdesk.mail.outbound.claim-lease. */
    private static final Duration CLAIM_LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void deliversEveryQueuedMailWithinALeaseOfTheRestartAndRepeatsOnlyWithTheSameMessageId() throws Exception {
        var database = TestDatabase.isPostgres() ? TestDatabase.fresh() : null;
        List<String> args = new ArrayList<>(List.of(
                "--postdesk.mail.outbound.trusted-hosts=127.0.0.1 localhost",
                // While the SMTP server is still down, attempts fail; retried every second, so sending starts soon
                // after it is up.
                "--postdesk.mail.outbound.first-retry=500ms",
                "--postdesk.mail.outbound.max-retry-interval=1s"));
        if (database != null) {
            args.addAll(List.of(
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password()));
        }
        int smtpPort = freePort();
        var smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));
        try {
            Duration killedAfter;
            int receivedAtKill;
            long killedAt;
            try (var sending = ChildPostdesk.start(dataDir, "384m", args)) {
                queueReplies(sending, smtpPort);
                long up = System.nanoTime();
                smtp.start();
                while (smtp.getReceivedMessages().length < KILL_AFTER_RECEIVED) {
                    assertThat(Duration.ofNanos(System.nanoTime() - up)).isLessThan(Duration.ofSeconds(60));
                    Thread.sleep(2);
                }
                sending.kill();
                killedAt = System.nanoTime();
                killedAfter = Duration.ofNanos(killedAt - up);
                receivedAtKill = smtp.getReceivedMessages().length;
            }
            Map<String, String> queued = outbox(database);

            Duration ready;
            Duration allDeliveredAfter;
            try (var restarted = ChildPostdesk.start(dataDir, "384m", args)) {
                ready = Duration.ofNanos(System.nanoTime() - killedAt);
                while (distinctMessageIds(smtp.getReceivedMessages()).size() < queued.size()) {
                    assertThat(Duration.ofNanos(System.nanoTime() - killedAt))
                            .as("time since the kill")
                            .isLessThan(ready.plus(CLAIM_LEASE).plusSeconds(60));
                    Thread.sleep(20);
                }
                allDeliveredAfter = Duration.ofNanos(System.nanoTime() - killedAt);
                // Give a mail that would be sent twice time to arrive before counting.
                Thread.sleep(2000);
                restarted.stop();
            }

            MimeMessage[] received = smtp.getReceivedMessages();
            Map<String, Integer> copies = new HashMap<>();
            for (MimeMessage mail : received) {
                copies.merge(mail.getMessageID(), 1, Integer::sum);
            }
            long repeated = copies.values().stream().filter(n -> n > 1).count();
            Map<String, String> after = outbox(database);
            System.out.printf(
                    "OutboxKillIT (%s): %d mails queued, killed %d ms after the SMTP server came up with %d received;"
                            + " restarted and healthy %d ms after the kill, all delivered %d ms after the kill (lease"
                            + " %d s); %d received in all, %d Message-IDs received more than once%n",
                    TestDatabase.isPostgres() ? "postgres" : "h2",
                    queued.size(),
                    killedAfter.toMillis(),
                    receivedAtKill,
                    ready.toMillis(),
                    allDeliveredAfter.toMillis(),
                    CLAIM_LEASE.toSeconds(),
                    received.length,
                    repeated);

            assertThat(receivedAtKill).as("killed mid-sending").isLessThan(queued.size());
            assertThat(copies.keySet()).as("Message-IDs received").isEqualTo(queued.keySet());
            assertThat(after.values()).as("outbox statuses").containsOnly("sent");
            // A mail held at the kill waits for its lease at most, however long the restart took; then the restart
            // sends the rest. A claim of minutes would fail this.
            Duration leaseOrRestart = ready.compareTo(CLAIM_LEASE) > 0 ? ready : CLAIM_LEASE;
            assertThat(allDeliveredAfter).isLessThan(leaseOrRestart.plusSeconds(30));
            // Only the mail the SMTP server accepted just before the kill, not yet marked sent, can come again.
            assertThat(received.length - queued.size())
                    .isEqualTo((int) repeated)
                    .isLessThanOrEqualTo(1);
        } finally {
            smtp.stop();
        }
    }

    private static void queueReplies(ChildPostdesk app, int smtpPort) {
        var admin = app.admin();
        var settings = admin.put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "password": "smtp-password", "ssl": false, "fromEmail": "support@acme.test"}""".formatted(smtpPort));
        assertThat(settings.status()).isEqualTo(200);
        for (int t = 0; t < TICKETS; t++) {
            var ticket = admin.post(
                    "/api/v1/tickets",
                    "{\"subject\": \"Kill test " + t + "\", \"contactEmail\": \"customer" + t + "@example.com\"}");
            assertThat(ticket.status()).isEqualTo(201);
            for (int r = 0; r < REPLIES_PER_TICKET; r++) {
                var reply = admin.post(
                        "/api/v1/tickets/" + ticket.id() + "/replies", "{\"body\": \"Reply " + r + " on " + t + "\"}");
                assertThat(reply.status()).isEqualTo(201);
                assertThat((Boolean) reply.json("$.emailSkipped")).isFalse();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Every outbox row's Message-ID and status; on H2, read from the file once the child has closed it. */
    private Map<String, String> outbox(TestDatabase.@Nullable Connection database) throws SQLException {
        String url = database == null ? ChildPostdesk.embeddedDatabaseUrl(dataDir) : database.url();
        Map<String, String> rows = new HashMap<>();
        try (var connection = DriverManager.getConnection(
                        url,
                        database == null ? "sa" : database.username(),
                        database == null ? "" : database.password());
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT internet_message_id, status FROM outbox")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        }
        return rows;
    }

    private static Set<String> distinctMessageIds(MimeMessage[] mails) throws MessagingException {
        Set<String> ids = new HashSet<>();
        for (MimeMessage mail : mails) {
            ids.add(mail.getMessageID());
        }
        return ids;
    }
}
