package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Filled the search word index (V15) for the tickets that existed before it. The word index gave way to full-text
 * search (docs/adr/0020) and V41 drops it, so there is nothing left to fill; the version stays for databases that
 * have not run it yet.
 */
public class V16__Fill_ticket_words extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        // Nothing to do: V41 drops ticket_words.
    }
}
