package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import io.postdesk.TestDatabase;
import io.postdesk.mail.mime.StoredText;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Exactly once, promptly, and a failing mail never blocks another: the claims, the resume job, re-delivery and the
 * retry of transient failures, against the real database.
 */
// The tests run the resume job themselves; a scheduled run alongside would take mails out of their hands.
@TestPropertySource(properties = "postdesk.mail.inbound.resume-interval=1h")
class InboundProcessingIT extends IntegrationTest {

    private static final String WEBHOOK = "/api/tickets/inbound-email";

    @Autowired
    InboundMails inbound;

    @Autowired
    DataSource dataSource;

    /** A lock wait ends after a second, so a held row lock shows up as the lock timeout it is in production. */
    @DynamicPropertySource
    static void lockTimeout(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.hikari.connection-init-sql",
                () -> TestDatabase.isPostgres() ? "SET lock_timeout = '1s'" : "SET LOCK_TIMEOUT 1000");
    }

    @Test
    void oneResumeRunFinishesNormalMailStuckBehindPoisonMail() {
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("deep", HostileMails.deepNesting("deep@example.com", 150_000));
        poison.put("nul-subject", HostileMails.nulInSubject("nul-subject@example.com"));
        poison.put("nul-body", HostileMails.nulInBody("nul-body@example.com"));
        poison.put("long-text", HostileMails.longText("long@example.com", 200_000));
        poison.forEach(this::storeInterrupted);
        List<String> normal = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            normal.add("normal-" + i);
            storeInterrupted(
                    "normal-" + i, TestMails.from("normal" + i + "@example.com").bytes());
        }

        inbound.resumeInterrupted();

        for (String key : normal) {
            assertThat(outcomeOf(key)).as(key).isEqualTo("created");
        }
        for (String key : poison.keySet()) {
            assertThat(statusOf(key)).as(key).isIn("processed", "quarantined");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails WHERE status = 'received'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT MAX(attempts) FROM inbound_mails")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // What mail really contains is accepted: the NUL dropped, the long text kept (cut, with its marker).
        assertThat(jdbc.sql("SELECT subject FROM tickets WHERE id = (SELECT ticket_id FROM inbound_mails"
                                + " WHERE dedupe_key = 'nul-subject')")
                        .query(String.class)
                        .single())
                .isEqualTo("beforeafter");
        assertThat(outcomeOf("nul-body")).isEqualTo("created");
        assertThat(jdbc.sql("SELECT body FROM ticket_messages WHERE id = (SELECT message_id FROM inbound_mails"
                                + " WHERE dedupe_key = 'long-text')")
                        .query(String.class)
                        .single())
                .endsWith(StoredText.CUT_MARKER.strip());
    }

    @Test
    void aMailOnlyAFailingAttemptSawIsQuarantinedOnceItsAttemptsRunOut() {
        storeInterrupted("crashing", TestMails.from("crash@example.com").bytes());
        jdbc.sql("UPDATE inbound_mails SET attempts = ? WHERE dedupe_key = 'crashing'")
                .param(MailClaims.MAX_ATTEMPTS)
                .update();

        inbound.resumeInterrupted();

        assertThat(statusOf("crashing")).isEqualTo("quarantined");
        assertThat(jdbc.sql("SELECT error FROM inbound_mails WHERE dedupe_key = 'crashing'")
                        .query(String.class)
                        .single())
                .contains("gave up after " + MailClaims.MAX_ATTEMPTS + " attempts");
    }

    @Test
    void reDeliveryOfAMailStillReceivedProcessesItAndAnswersItsRealOutcomeAndTicket() {
        TestMails mail = TestMails.from("rosa@example.com");
        storeInterrupted("mid:" + mail.messageId(), mail.bytes());

        var resent = post(mail.bytes());
        var again = post(mail.bytes());

        assertThat(resent.status()).isEqualTo(200);
        assertThat((String) resent.json("$.outcome")).isEqualTo("created");
        long ticket = ((Number) resent.json("$.ticketId")).longValue();
        assertThat((String) again.json("$.outcome")).isEqualTo("duplicate");
        assertThat(((Number) again.json("$.ticketId")).longValue()).isEqualTo(ticket);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void reDeliveryWaitsForTheRunInFlightAndTakesOverWhenItsLeaseRunsOut() {
        TestMails mail = TestMails.from("sam@example.com");
        storeInterrupted("mid:" + mail.messageId(), mail.bytes());
        // Another node claimed it a moment ago and then died: its lease runs out in two seconds.
        jdbc.sql("UPDATE inbound_mails SET claimed_until = ?, attempts = 1 WHERE dedupe_key = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2), "mid:" + mail.messageId())
                .update();

        long start = System.nanoTime();
        var resent = post(mail.bytes());

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
        assertThat((String) resent.json("$.outcome")).isEqualTo("created");
        assertThat((Object) resent.json("$.ticketId")).isNotNull();
        assertThat(jdbc.sql("SELECT attempts FROM inbound_mails WHERE dedupe_key = ?")
                        .param("mid:" + mail.messageId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aLockTimeoutIsRetriedLaterNotQuarantined() throws Exception {
        byte[] mail = TestMails.from("tina@example.com").bytes();
        ApiClient.Response first;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            // Another transaction holds every ticket_counts row, as a huge mail being applied would.
            holder.createStatement().executeUpdate("UPDATE ticket_counts SET n = n");
            first = post(mail);
            holder.rollback();
        }

        assertThat(first.status()).as(first.body()).isEqualTo(503);
        assertThat(first.header("Retry-After")).isNotBlank();
        var deferred = jdbc.sql("SELECT status, attempts, error, next_attempt_at FROM inbound_mails")
                .query((rs, row) -> List.of(
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getString("error"),
                        rs.getObject("next_attempt_at") != null))
                .single();
        assertThat(deferred.get(0)).isEqualTo("received");
        assertThat(deferred.get(1)).isEqualTo(1);
        assertThat((Boolean) deferred.get(3)).isTrue();

        inbound.resumeInterrupted();
        assertThat(jdbc.sql("SELECT status FROM inbound_mails")
                        .query(String.class)
                        .single())
                .as("held back until its backoff is over")
                .isEqualTo("received");
        jdbc.sql("UPDATE inbound_mails SET next_attempt_at = ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .update();
        inbound.resumeInterrupted();

        assertThat(jdbc.sql("SELECT outcome FROM inbound_mails")
                        .query(String.class)
                        .single())
                .isEqualTo("created");
        assertThat(jdbc.sql("SELECT attempts FROM inbound_mails")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isEqualTo(1);
    }

    /** The raw mail as a crash leaves it: stored, never claimed, long ago. */
    private void storeInterrupted(String dedupeKey, byte[] raw) {
        jdbc.sql("INSERT INTO inbound_mails (dedupe_key, raw, raw_sha256, size, channel, status, received_at)"
                        + " VALUES (?, ?, ?, ?, 'rfc822', 'received', ?)")
                .params(
                        dedupeKey,
                        raw,
                        "0".repeat(64),
                        raw.length,
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10))
                .update();
    }

    private String statusOf(String dedupeKey) {
        return jdbc.sql("SELECT status FROM inbound_mails WHERE dedupe_key = ?")
                .param(dedupeKey)
                .query(String.class)
                .single();
    }

    private String outcomeOf(String dedupeKey) {
        return jdbc.sql("SELECT outcome FROM inbound_mails WHERE dedupe_key = ?")
                .param(dedupeKey)
                .query(String.class)
                .single();
    }

    private ApiClient.Response post(byte[] mail) {
        return anonymous().postRaw(WEBHOOK, "message/rfc822", mail);
    }
}
