package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Orders the search words (V15) by code point on PostgreSQL, so a word prefix is one index range whatever the server's
 * default collation: under a linguistic collation ("cs_CZ" sorts "ch" after "h") words starting with a prefix are not
 * contiguous in the index, and a prepared {@code LIKE ?} never uses it. H2 already compares strings by code unit.
 */
public class V17__Ticket_words_byte_order extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE ticket_words ALTER COLUMN word TYPE VARCHAR(100) COLLATE \"C\"");
            }
        }
    }
}
