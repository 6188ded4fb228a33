package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the search words (V15) cheaper to write and exact to scan:
 *
 * <ul>
 *   <li>On PostgreSQL the words are ordered by code point ({@code COLLATE "C"}), so a word prefix is one index range
 *       whatever the server's default collation: under a linguistic one ("cs_CZ" sorts "ch" after "h") words sharing
 *       a prefix are not contiguous. H2 already compares strings by code unit.
 *   <li>The foreign key to the tickets and the index on {@code ticket_id} go: they doubled the cost of a new ticket's
 *       words (an inbound mail ran 34% slower on H2). A deleted ticket's words are deleted with it by the application
 *       through the primary key; a word row left behind names a ticket that no longer exists, so no search finds it.
 * </ul>
 */
public class V17__Lean_ticket_words extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            if (connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres")) {
                statement.execute("ALTER TABLE ticket_words ALTER COLUMN word TYPE VARCHAR(100) COLLATE \"C\"");
            }
            for (String foreignKey : foreignKeys(connection)) {
                statement.execute("ALTER TABLE ticket_words DROP CONSTRAINT \"" + foreignKey + "\"");
            }
            statement.execute("DROP INDEX IF EXISTS ticket_words_ticket_idx");
        }
    }

    /** The foreign keys of ticket_words, whose names the database chose (V15 did not name them). */
    private static List<String> foreignKeys(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        for (String table : List.of("ticket_words", "TICKET_WORDS")) {
            try (var keys = connection.getMetaData().getImportedKeys(connection.getCatalog(), null, table)) {
                while (keys.next()) {
                    String name = keys.getString("FK_NAME");
                    if (name != null && !names.contains(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
