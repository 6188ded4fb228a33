package io.postdesk.mail.inbound;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.PayloadTooLargeException;
import io.postdesk.shared.SqlTimes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The door every channel uses. {@link #receive} stores the exact bytes first (committed on their own), answers a
 * re-delivery {@code duplicate}, then runs the {@link InboundPipeline} in one transaction and records the outcome and
 * trace. A failing step leaves the mail quarantined with its error, never lost; a crash leaves it {@code received},
 * and {@link #resumeInterrupted} finishes it. Also the processed-mail log, explain, re-process and release.
 */
@Service
public class InboundMails {

    private static final Logger log = LoggerFactory.getLogger(InboundMails.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("^\\s*(<[^<>\\s]+>)");
    private static final String COLUMNS = "id, channel, internet_message_id, from_address, subject, size, status,"
            + " outcome, reason, ticket_id, order_id, message_id, error, attempts, received_at, processed_at, steps,"
            + " sender_verdict";
    /** A mail still 'received' after this long was interrupted (crash, restart) and is taken up again. */
    static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final InboundPipeline pipeline;
    private final TransactionTemplate inOwnTransaction;
    /** The raw INSERT is one statement: outside any transaction (auto-commit) it is committed the moment it returns. */
    private final TransactionTemplate committedAlone;

    private final JsonMapper json;
    private final InboundProperties properties;
    private final Clock clock;
    private final boolean isPostgres;

    InboundMails(
            JdbcClient jdbc,
            InboundPipeline pipeline,
            PlatformTransactionManager transactions,
            JsonMapper json,
            InboundProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.inOwnTransaction = new TransactionTemplate(transactions);
        this.inOwnTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.committedAlone = new TransactionTemplate(transactions);
        this.committedAlone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.isPostgres = Boolean.TRUE.equals(jdbc.sql("SELECT 1").query(rs -> {
            return rs.getStatement()
                    .getConnection()
                    .getMetaData()
                    .getDatabaseProductName()
                    .contains("PostgreSQL");
        }));
    }

    /** Stores the mail, then processes it. Safe to call twice with the same mail, from any instance. */
    public InboundResult receive(InboundDelivery delivery) {
        if (delivery.raw().length > properties.maxSize().toBytes()) {
            throw new PayloadTooLargeException("the mail is larger than " + properties.maxSize());
        }
        String sha = sha256(delivery.raw());
        String messageId = headerMessageId(delivery.raw());
        String dedupeKey = messageId != null ? "mid:" + messageId : "sha256:" + sha;
        Long id = committedAlone.execute(tx -> store(delivery, sha, messageId, dedupeKey));
        if (id == null) {
            // Stored before (or by another instance right now): report what became of the first one.
            var first = jdbc.sql("SELECT id, ticket_id, order_id, message_id FROM inbound_mails WHERE dedupe_key = ?")
                    .param(dedupeKey)
                    .query((rs, row) -> new InboundResult(
                            rs.getLong("id"),
                            Outcome.DUPLICATE,
                            nullable(rs, "ticket_id"),
                            nullable(rs, "order_id"),
                            nullable(rs, "message_id"),
                            "duplicate"))
                    .single();
            return first;
        }
        return run(id, delivery, false);
    }

    /**
     * Runs the pipeline on a stored mail, if this caller wins the claim on it; returns the recorded result. With
     * {@code release}, the spam-list and auto-generated checks let the mail through (an admin's decision).
     */
    public InboundResult process(long id, boolean release) {
        return run(id, stored(id), release);
    }

    private InboundDelivery stored(long id) {
        byte[] raw = jdbc.sql("SELECT raw FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
        var delivery = jdbc.sql(
                        "SELECT channel, envelope_from, envelope_to, channel_verdict FROM inbound_mails WHERE id = ?")
                .param(id)
                .query((rs, row) -> new InboundDelivery(
                        raw,
                        rs.getString("channel"),
                        rs.getString("envelope_from"),
                        rs.getString("envelope_to") == null
                                        || rs.getString("envelope_to").isEmpty()
                                ? List.of()
                                : List.of(rs.getString("envelope_to").split(",")),
                        rs.getString("channel_verdict")))
                .single();
        return delivery;
    }

    private InboundResult run(long id, InboundDelivery delivery, boolean release) {
        List<StepTrace> before = List.of(
                new StepTrace("store_raw", "continue", "stored " + delivery.raw().length + " bytes as #" + id, 0));
        try {
            return inOwnTransaction.execute(tx -> {
                relaxCommitDurability();
                PipelineResult result = pipeline.run(InboundMail.received(id, false, release, delivery), before);
                record(id, result);
                var applied = result.applied();
                return new InboundResult(
                        id,
                        result.outcome(),
                        applied == null ? null : applied.ticketId(),
                        applied == null ? null : applied.orderId(),
                        applied == null ? null : applied.messageId(),
                        result.reason());
            });
        } catch (InboundPipeline.StepFailure e) {
            log.warn("Inbound mail {} quarantined: {}", id, e.getMessage());
            inOwnTransaction.executeWithoutResult(tx -> quarantine(id, e.getMessage(), e.trace()));
            return new InboundResult(id, Outcome.QUARANTINED, null, null, null, "failed_at_" + e.step());
        }
    }

    /**
     * The raw mail is already committed durably; if the processing commit were lost in a crash, the mail would still
     * be 'received' and {@link #resumeInterrupted} would process it again. So on PostgreSQL this transaction need not
     * wait for its WAL flush, which halves the fsyncs per mail.
     */
    private void relaxCommitDurability() {
        if (isPostgres) {
            jdbc.sql("SET LOCAL synchronous_commit = off").update();
        }
    }

    /** Dry run: everything decided, nothing stored or changed (the transaction is rolled back). */
    public PipelineResult explain(InboundDelivery delivery) {
        if (delivery.raw().length > properties.maxSize().toBytes()) {
            throw new PayloadTooLargeException("the mail is larger than " + properties.maxSize());
        }
        var readOnly = new TransactionTemplate(inOwnTransaction.getTransactionManager());
        return readOnly.execute(tx -> {
            tx.setRollbackOnly();
            try {
                return pipeline.run(
                        InboundMail.received(0, true, false, delivery),
                        List.of(new StepTrace("store_raw", "continue", "dry run: not stored", 0)));
            } catch (InboundPipeline.StepFailure e) {
                return new PipelineResult(
                        Outcome.QUARANTINED,
                        "failed_at_" + e.step(),
                        null,
                        InboundMail.received(0, true, false, delivery),
                        e.trace());
            }
        });
    }

    /** Finishes mails whose processing was interrupted (crash or restart mid-pipeline). */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT10S")
    public void resumeInterrupted() {
        List<Long> interrupted = jdbc.sql("SELECT id FROM inbound_mails WHERE status = 'received' AND received_at < ?"
                        + " ORDER BY id FETCH FIRST 100 ROWS ONLY")
                .param(utc(clock.instant().minus(INTERRUPTED_AFTER)))
                .query(Long.class)
                .list();
        for (long id : interrupted) {
            log.info("Resuming interrupted inbound mail {}", id);
            process(id, false);
        }
    }

    public List<InboundRecord> log(@Nullable String outcome, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails" + (outcome == null ? "" : " WHERE outcome = :o")
                        + " ORDER BY received_at DESC, id DESC FETCH FIRST " + Math.clamp(limit, 1, 500) + " ROWS ONLY")
                .paramSource(outcome == null ? Map.of() : Map.of("o", outcome))
                .query(this::map)
                .list();
    }

    public InboundRecord get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
    }

    public byte[] raw(long id) {
        return jdbc.sql("SELECT raw FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
    }

    /**
     * Runs an ignored, rejected or quarantined mail through the pipeline again; with {@code release}, past the
     * spam-list and auto-generated checks (e.g. a customer's mail mistaken for an auto-reply).
     */
    public InboundResult reprocess(long id, boolean release) {
        InboundRecord record = get(id);
        if (Outcome.CREATED.wire().equals(record.outcome())
                || Outcome.APPENDED.wire().equals(record.outcome())) {
            throw new io.postdesk.shared.ConflictException("id", "mail " + id + " was already " + record.outcome());
        }
        jdbc.sql("UPDATE inbound_mails SET status = 'received' WHERE id = ?")
                .param(id)
                .update();
        return process(id, release);
    }

    private @Nullable Long store(InboundDelivery delivery, String sha, @Nullable String messageId, String dedupeKey) {
        var keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("INSERT INTO inbound_mails (dedupe_key, raw, raw_sha256, size, channel, envelope_from,"
                        + " envelope_to, internet_message_id, status, received_at, channel_verdict) VALUES (?, ?, ?, ?,"
                        + " ?, ?, ?, ?, 'received', ?, ?) ON CONFLICT DO NOTHING")
                .params(
                        dedupeKey,
                        delivery.raw(),
                        sha,
                        delivery.raw().length,
                        delivery.channel(),
                        truncate(delivery.envelopeFrom(), 320),
                        String.join(",", delivery.envelopeTo()),
                        truncate(messageId, 998),
                        utc(clock.instant()),
                        delivery.channelVerdict())
                .update(keys, "id");
        return inserted == 0 ? null : keys.getKeyAs(Long.class);
    }

    private void record(long id, PipelineResult result) {
        var applied = result.applied();
        var mail = result.mail();
        jdbc.sql("UPDATE inbound_mails SET status = 'processed', outcome = ?, reason = ?, ticket_id = ?, order_id = ?,"
                        + " message_id = ?, steps = ?, error = NULL, attempts = attempts + 1, processed_at = ?,"
                        + " from_address = ?, subject = ?, sender_verdict = ? WHERE id = ?")
                .params(
                        result.outcome().wire(),
                        result.reason(),
                        applied == null ? null : applied.ticketId(),
                        applied == null ? null : applied.orderId(),
                        applied == null ? null : applied.messageId(),
                        json.writeValueAsString(result.steps()),
                        utc(clock.instant()),
                        mail.hasSender() ? mail.sender().email().value() : null,
                        mail.parsed() == null ? null : truncate(mail.parsed().subject(), 1000),
                        mail.senderVerdict() == SenderVerdict.NOT_CHECKED
                                ? null
                                : mail.senderVerdict().wire(),
                        id)
                .update();
    }

    private void quarantine(long id, String error, List<StepTrace> trace) {
        jdbc.sql("UPDATE inbound_mails SET status = 'quarantined', outcome = 'quarantined', reason = ?, error = ?,"
                        + " steps = ?, attempts = attempts + 1, processed_at = ? WHERE id = ?")
                .params(
                        trace.isEmpty() ? null : "failed_at_" + trace.getLast().step(),
                        truncate(error, 2000),
                        json.writeValueAsString(trace),
                        utc(clock.instant()),
                        id)
                .update();
    }

    private InboundRecord map(ResultSet rs, int row) throws SQLException {
        String steps = rs.getString("steps");
        return new InboundRecord(
                rs.getLong("id"),
                rs.getString("channel"),
                rs.getString("internet_message_id"),
                rs.getString("from_address"),
                rs.getString("subject"),
                rs.getLong("size"),
                rs.getString("status"),
                rs.getString("outcome"),
                rs.getString("reason"),
                nullable(rs, "ticket_id"),
                nullable(rs, "order_id"),
                nullable(rs, "message_id"),
                rs.getString("error"),
                rs.getInt("attempts"),
                SqlTimes.requiredInstant(rs, "received_at"),
                SqlTimes.instant(rs, "processed_at"),
                steps == null ? List.of() : json.readValue(steps, new TypeReference<List<StepTrace>>() {}),
                rs.getString("sender_verdict"));
    }

    /** The Message-ID from the raw header block, without a full parse: it is the dedupe key. */
    static @Nullable String headerMessageId(byte[] raw) {
        int limit = Math.min(raw.length, 64 * 1024);
        for (int start = 0; start < limit; ) {
            int end = lineEnd(raw, start, limit);
            if (end == start || end == start + 1 && raw[start] == '\r') {
                return null; // the blank line: the headers are over
            }
            if (end - start > 11
                    && new String(raw, start, 11, StandardCharsets.ISO_8859_1).equalsIgnoreCase("message-id:")) {
                StringBuilder value =
                        new StringBuilder(new String(raw, start + 11, end - start - 11, StandardCharsets.ISO_8859_1));
                // A folded header goes on in lines that start with white space.
                for (int next = end + 1; next < limit && (raw[next] == ' ' || raw[next] == '\t'); ) {
                    int nextEnd = lineEnd(raw, next, limit);
                    value.append(' ').append(new String(raw, next, nextEnd - next, StandardCharsets.ISO_8859_1));
                    next = nextEnd + 1;
                }
                Matcher m = MESSAGE_ID.matcher(value);
                return m.find() ? m.group(1) : null;
            }
            start = end + 1;
        }
        return null;
    }

    /** Where the line starting at {@code start} ends: the index of its '\n', or the limit. */
    private static int lineEnd(byte[] raw, int start, int limit) {
        int i = start;
        while (i < limit && raw[i] != '\n') {
            i++;
        }
        return i;
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Long nullable(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
