package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 the raw mail becomes a large object. H2 keeps a {@code BYTEA} (VARBINARY) value inside the row, so every
 * update of an inbound mail's status copied its whole raw bytes into a new row version and the undo log: a 20 MB
 * mail took a write buffer of over 100 MB and ran a 256 MB heap out of memory. A {@code BINARY LARGE OBJECT} lives in H2's LOB store
 * and the row holds only a reference. PostgreSQL already moves large {@code bytea} values out of the row (TOAST), and
 * an update that leaves them alone does not copy them, so nothing changes there.
 */
public class V21__Raw_mail_as_large_object extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("h2")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE inbound_mails ALTER COLUMN raw SET DATA TYPE BINARY LARGE OBJECT");
        }
    }
}
