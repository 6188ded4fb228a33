package io.postdesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The worker's claim on a mail is a lease of seconds: renewed while it is held, taken over once it runs out. */
class OutboxLeaseIT extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxWorker worker;

    @Autowired
    OutboundProperties properties;

    @Test
    void claimsForALeaseOfSecondsAndRenewsItForTheMailsStillHeld() {
        long reply = queueReply("Lease");

        List<Outbox.Claimed> claimed = outbox.claimDue(50);
        Instant firstLease = leaseOf(reply);
        sleep(50);
        int renewed = outbox.renewLease(claimed.getFirst().claim());

        assertThat(properties.claimLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(claimed).extracting(Outbox.Claimed::id).contains(reply);
        assertThat(claimed)
                .extracting(Outbox.Claimed::claim)
                .containsOnly(claimed.getFirst().claim());
        assertThat(firstLease)
                .isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(31));
        assertThat(renewed).isEqualTo(claimed.size());
        assertThat(leaseOf(reply)).isAfter(firstLease);
    }

    @Test
    void leavesAMailAloneWhileItsLeaseHoldsAndSendsItOnceTheLeaseOfADeadWorkerRanOut() throws Exception {
        long reply = queueReply("Crash");
        // A worker claimed every due mail, then died: its lease still runs.
        String deadClaim = outbox.claimDue(50).getFirst().claim();

        int whileHeld = worker.deliverDue();
        leaseRunsOut(deadClaim);
        int afterLease = worker.deliverDue();

        assertThat(whileHeld).isZero();
        assertThat(afterLease).isPositive();
        assertThat(smtp.waitForIncomingEmail(5000, afterLease)).isTrue();
        assertThat(status(reply)).isEqualTo("sent");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE claim_token IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aStalledWorkerWhoseLeaseWasTakenOverNoLongerHoldsTheMail() {
        long reply = queueReply("Stall");
        var stalled = outbox.claimDue(50).stream()
                .filter(mail -> mail.id() == reply)
                .findFirst()
                .orElseThrow();
        leaseRunsOut(stalled.claim());
        var takenOver = outbox.claimDue(50).stream()
                .filter(mail -> mail.id() == reply)
                .findFirst()
                .orElseThrow();

        assertThat(outbox.keepsClaim(stalled)).isFalse();
        assertThat(outbox.renewLease(stalled.claim())).isZero();
        assertThat(outbox.keepsClaim(takenOver)).isTrue();
    }

    private long queueReply(String subject) {
        var saved = admin().put(
                        "/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "password": "smtp-password", "ssl": false, "fromEmail": "support@acme.test"}""".formatted(smtp.getSmtp().getPort()));
        assertThat(saved.status()).isEqualTo(200);
        long ticket = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"" + subject + "\", \"contactEmail\": \"jo@example.com\"}")
                .id();
        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"An answer\"}");
        return jdbc.sql("SELECT id FROM outbox WHERE purpose = 'reply' AND ticket_id = ?")
                .param(ticket)
                .query(Long.class)
                .single();
    }

    private void leaseRunsOut(String claim) {
        jdbc.sql("UPDATE outbox SET claimed_until = ? WHERE claim_token = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), claim)
                .update();
    }

    private Instant leaseOf(long id) {
        return jdbc.sql("SELECT claimed_until FROM outbox WHERE id = ?")
                .param(id)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM outbox WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
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
