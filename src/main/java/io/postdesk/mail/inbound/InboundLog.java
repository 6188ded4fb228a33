package io.postdesk.mail.inbound;

import static io.postdesk.mail.inbound.RawMails.truncate;
import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.mail.mime.StoredText;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processed-mail log: what became of each stored mail (outcome, reason, rows, the trace of its steps), written
 * when a run closes, and read by the admin endpoints, the dashboard and a re-delivery of the same mail.
 */
@Component
public class InboundLog {

    private static final String COLUMNS = "id, channel, internet_message_id, from_address, subject, size, status,"
            + " outcome, reason, ticket_id, order_id, message_id, error, attempts, received_at, processed_at, steps,"
            + " sender_verdict";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    InboundLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What became of a stored mail a run finished, answered as a duplicate (with the rows the first delivery made);
     * empty while the mail is still {@code received}.
     */
    public Optional<Verdict.Stop> finished(long id) {
        return jdbc
                .sql("SELECT id, status, ticket_id, order_id, message_id FROM inbound_mails WHERE id = ?")
                .param(id)
                .query((rs, row) -> "received".equals(rs.getString("status"))
                        ? null
                        : Verdict.Stop.answered(
                                rs.getLong("id"),
                                Outcome.DUPLICATE,
                                "duplicate",
                                new Verdict.Applied(
                                        nullable(rs, "ticket_id"),
                                        nullable(rs, "order_id"),
                                        nullable(rs, "message_id"))))
                .list()
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** The run's verdict, in the transaction that applied the mail; its lease ends with it. */
    void record(Verdict.Stop result) {
        var applied = result.applied();
        var mail = Objects.requireNonNull(result.mail(), "a run's verdict carries its mail");
        jdbc.sql("UPDATE inbound_mails SET status = 'processed', outcome = ?, reason = ?, ticket_id = ?, order_id = ?,"
                        + " message_id = ?, steps = ?, error = NULL, processed_at = ?, from_address = ?, subject = ?,"
                        + " sender_verdict = ?, claimed_until = NULL, next_attempt_at = NULL WHERE id = ?")
                .params(
                        result.outcome().wire(),
                        truncate(result.reason(), 100),
                        applied.ticketId(),
                        applied.orderId(),
                        applied.messageId(),
                        json.writeValueAsString(result.trace()),
                        utc(clock.instant()),
                        mail.hasSender() ? truncate(mail.sender().email().value(), 320) : null,
                        mail.parsed() == null
                                ? null
                                : truncate(StoredText.clean(mail.parsed().subject()), 1000),
                        mail.senderVerdict() == SenderVerdict.NOT_CHECKED
                                ? null
                                : mail.senderVerdict().wire(),
                        result.inboundId())
                .update();
    }

    /** Quarantines a mail nobody finished (never overwriting what another run recorded). */
    void quarantine(long id, String reason, String error, List<StepTrace> trace) {
        jdbc.sql("UPDATE inbound_mails SET status = 'quarantined', outcome = 'quarantined', reason = ?, error = ?,"
                        + " steps = ?, processed_at = ?, claimed_until = NULL, next_attempt_at = NULL"
                        + " WHERE id = ? AND status = 'received'")
                .params(
                        truncate(reason, 100),
                        truncate(StoredText.clean(error), 2000),
                        json.writeValueAsString(trace),
                        utc(clock.instant()),
                        id)
                .update();
    }

    List<InboundRecord> log(@Nullable String outcome, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails" + (outcome == null ? "" : " WHERE outcome = :o")
                        + " ORDER BY received_at DESC, id DESC FETCH FIRST " + Math.clamp(limit, 1, 500) + " ROWS ONLY")
                .paramSource(outcome == null ? Map.of() : Map.of("o", outcome))
                .query(this::map)
                .list();
    }

    InboundRecord get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
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

    private static @Nullable Long nullable(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
