package io.postdesk.spam;

import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.Snapshot;
import io.postdesk.shared.SnapshotVersions;
import io.postdesk.shared.SqlTimes;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Addresses and domains whose mail Postdesk rejects. Entries are {@code a@b.com} or {@code *@b.com}. */
@Service
public class SpamList {

    private static final String DOMAIN_PREFIX = "*@";

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Checked on every inbound mail; a spam list stays small enough to hold in memory. */
    private final Snapshot<Set<String>> listed;

    SpamList(JdbcClient jdbc, Clock clock, SnapshotVersions versions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.listed = new Snapshot<>("spam_list", versions, this::load);
    }

    /** Whether mail from this sender is rejected, by exact address or by its domain. */
    public boolean isListed(EmailAddress sender) {
        Set<String> entries = listed.get();
        return entries.contains(sender.value()) || entries.contains(DOMAIN_PREFIX + sender.domain());
    }

    private Set<String> load() {
        return Set.copyOf(
                jdbc.sql("SELECT entry FROM spam_list").query(String.class).list());
    }

    /** Adds an entry (idempotent) and returns it in canonical form. */
    @Transactional
    public String list(String entry) {
        String canonical = canonical(entry);
        jdbc.sql("INSERT INTO spam_list (entry, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(canonical, SqlTimes.utc(clock.instant()))
                .update();
        listed.changed();
        return canonical;
    }

    @Transactional
    public void unlist(String entry) {
        String canonical = canonical(entry);
        if (jdbc.sql("DELETE FROM spam_list WHERE entry = ?").param(canonical).update() == 0) {
            throw new NotFoundException("spam list entry", canonical);
        }
        listed.changed();
    }

    public List<SpamEntry> entries() {
        return jdbc.sql("SELECT entry, created_at FROM spam_list ORDER BY entry")
                .query((rs, row) -> new SpamEntry(rs.getString("entry"), SqlTimes.requiredInstant(rs, "created_at")))
                .list();
    }

    static String canonical(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new InvalidInputException("entry", "must not be blank");
        }
        String value = entry.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith(DOMAIN_PREFIX)) {
            String domain = value.substring(DOMAIN_PREFIX.length());
            if (!EmailAddress.isValid("x@" + domain)) {
                throw new InvalidInputException("entry", "must be an email address or *@domain");
            }
            return value;
        }
        if (!EmailAddress.isValid(value)) {
            throw new InvalidInputException("entry", "must be an email address or *@domain");
        }
        return value;
    }
}
