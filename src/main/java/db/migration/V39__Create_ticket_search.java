package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, the full-text index of tickets (docs/adr/0020): one {@code tsvector} per ticket under a GIN index,
 * deleted with its ticket. The application fills it for existing tickets at start (PostgresTicketSearch.catchUp) and
 * keeps it up to date in the transaction of every write. H2 has no tsvector: there the index is Lucene's (V40).
 */
public class V39__Create_ticket_search extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ticket_search (ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id)"
                    + " ON DELETE CASCADE, doc TSVECTOR NOT NULL)");
            statement.execute("CREATE INDEX ticket_search_doc_idx ON ticket_search USING GIN (doc)");
        }
    }
}
