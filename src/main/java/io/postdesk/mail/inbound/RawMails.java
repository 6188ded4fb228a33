package io.postdesk.mail.inbound;

import static io.postdesk.shared.SqlTimes.utc;

import io.postdesk.mail.mime.StoredText;
import io.postdesk.shared.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exact bytes of every inbound mail, stored first and committed on their own, under a dedupe key (the raw
 * Message-ID, else the SHA-256 of the bytes) that makes a re-delivery find the first copy instead of a second row.
 */
@Component
public class RawMails {

    /** Short enough for the dedupe key ("mid:" + id, 1000 characters); no control characters, which PostgreSQL refuses. */
    private static final Pattern MESSAGE_ID = Pattern.compile("^\\s*(<[^<>\\s\\x00-\\x1f\\x7f]{1,994}>)");

    private final JdbcClient jdbc;
    /** The raw INSERT is one statement: outside any transaction (auto-commit) it is committed the moment it returns. */
    private final TransactionTemplate committedAlone;

    private final Clock clock;

    RawMails(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.committedAlone = new TransactionTemplate(transactions);
        this.committedAlone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.clock = clock;
    }

    /**
     * Where a delivery's bytes are kept.
     *
     * @param isNew stored by this call, and claimed by its caller from the start (attempt 1); otherwise the copy an
     *     earlier delivery of the same mail stored
     */
    public record Copy(long id, boolean isNew) {}

    /** Stores the bytes, or finds the copy an earlier delivery of the same mail stored. */
    public Copy store(InboundDelivery delivery) {
        String sha = sha256(delivery.raw());
        String messageId = headerMessageId(delivery.raw());
        String dedupeKey = messageId != null ? "mid:" + messageId : "sha256:" + sha;
        Long id = committedAlone.execute(tx -> insert(delivery, sha, messageId, dedupeKey));
        if (id != null) {
            return new Copy(id, true);
        }
        return new Copy(
                jdbc.sql("SELECT id FROM inbound_mails WHERE dedupe_key = ?")
                        .param(dedupeKey)
                        .query(Long.class)
                        .single(),
                false);
    }

    /** A stored mail as its channel delivered it, to be run again. */
    public InboundDelivery stored(long id) {
        byte[] raw = raw(id);
        return jdbc.sql("SELECT channel, envelope_from, envelope_to, channel_verdict FROM inbound_mails WHERE id = ?")
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
    }

    public byte[] raw(long id) {
        return jdbc.sql("SELECT raw FROM inbound_mails WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFoundException("inbound mail", id));
    }

    private @Nullable Long insert(InboundDelivery delivery, String sha, @Nullable String messageId, String dedupeKey) {
        var keys = new GeneratedKeyHolder();
        // The mail is claimed by this run from the start, so the resume job never takes it up alongside.
        int inserted = jdbc.sql(
                        "INSERT INTO inbound_mails (dedupe_key, raw, raw_sha256, size, channel, envelope_from,"
                                + " envelope_to, internet_message_id, status, received_at, claimed_until, attempts,"
                                + " channel_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, 1, ?) ON CONFLICT DO NOTHING")
                .params(
                        dedupeKey,
                        delivery.raw(),
                        sha,
                        delivery.raw().length,
                        truncate(StoredText.clean(delivery.channel()), 30),
                        truncate(StoredText.cleanOrNull(delivery.envelopeFrom()), 320),
                        StoredText.clean(String.join(",", delivery.envelopeTo())),
                        truncate(messageId, 998),
                        utc(clock.instant()),
                        utc(clock.instant().plus(MailClaims.LEASE)),
                        StoredText.cleanOrNull(delivery.channelVerdict()))
                .update(keys, "id");
        return inserted == 0 ? null : keys.getKeyAs(Long.class);
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

    static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
