package db.migration;

import io.postdesk.ticket.SearchWords;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Fills the search word index (V15) for the tickets that existed before it. */
public class V16__Fill_ticket_words extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        SearchWords.fill(context.getConnection());
    }
}
