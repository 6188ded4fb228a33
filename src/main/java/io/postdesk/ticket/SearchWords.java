package io.postdesk.ticket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The words a ticket is found by: letters and digits of its subject and its contact's email address, lower-cased
 * ("dave@printers.example" gives dave, printers, example). Search words match them by prefix.
 */
public final class SearchWords {

    static final int MAX_LENGTH = 100;
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {}

    public static Set<String> of(@Nullable String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (String word : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
                if (!word.isEmpty()) {
                    words.add(word.length() > MAX_LENGTH ? word.substring(0, MAX_LENGTH) : word);
                }
            }
        }
        return words;
    }

    /**
     * The first string after every string that starts with {@code prefix}, in code point order (PostgreSQL's "C"
     * collation, V17) and in UTF-16 order (H2), which agree below U+D7FF: the prefix with its last character raised by
     * one. {@code null} when that character is U+D7FF or above, where the two orders part; the caller then tests the
     * prefix alone.
     */
    static @Nullable String prefixEnd(String prefix) {
        if (prefix.isEmpty() || prefix.charAt(prefix.length() - 1) >= 0xD7FF) {
            return null;
        }
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /**
     * Indexes the words of every ticket newer than the newest ticket with words, in batches, over a plain connection:
     * for the migration that introduces the index, and for bulk loads that bypass the application (imports,
     * benchmarks), which append tickets after the ones the application indexed.
     */
    public static long fill(Connection connection) throws SQLException {
        long added = 0;
        try (Statement select = connection.createStatement();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO ticket_words (word, ticket_id) VALUES (?, ?)")) {
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery("SELECT t.id, t.subject, c.email FROM tickets t"
                    + " LEFT JOIN contacts c ON c.id = t.contact_id"
                    + " WHERE t.id > (SELECT COALESCE(MAX(w.ticket_id), 0) FROM ticket_words w)")) {
                int pending = 0;
                while (rs.next()) {
                    for (String word : of(rs.getString(2), rs.getString(3))) {
                        insert.setString(1, word);
                        insert.setLong(2, rs.getLong(1));
                        insert.addBatch();
                        added++;
                        if (++pending == 5000) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        }
        return added;
    }
}
