package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.postdesk.IntegrationTest;
import io.postdesk.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded default's index survives a crash between a database commit and the index (docs/adr/0020): it is rebuilt
 * when missing and applies at start the changes recorded in the database. H2 only (PostgreSQL's index is written in
 * the transaction itself).
 */
class LuceneTicketSearchIT extends IntegrationTest {

    @Autowired
    SearchDocuments documents;

    @Test
    void aMissingIndexIsRebuiltAndRecordedChangesAreAppliedAtStart() throws Exception {
        assumeThat(TestDatabase.isPostgres()).isFalse();
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Aardvarkian invoice\"}")
                .id();
        Path dir = Files.createTempDirectory("search-index");

        try (var index = new LuceneTicketSearch(jdbc, documents, dir)) {
            index.afterSingletonsInstantiated();
            assertThat(matches(index, "aardvarkian"))
                    .as("rebuilt from the tickets")
                    .containsExactly(id);
        }

        // A write that committed in the database while the process died before the index saw it.
        jdbc.sql("UPDATE tickets SET subject = 'Phoenixian invoice' WHERE id = ?")
                .param(id)
                .update();
        jdbc.sql("INSERT INTO ticket_search_changes (ticket_id) VALUES (?)")
                .param(id)
                .update();

        try (var index = new LuceneTicketSearch(jdbc, documents, dir)) {
            index.afterSingletonsInstantiated();
            assertThat(matches(index, "phoenixian")).containsExactly(id);
            assertThat(matches(index, "aardvarkian")).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_search_changes WHERE ticket_id = ?")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .as("forgotten once the index committed them")
                    .isZero();
        }
    }

    @Test
    void teamNotesMatchOnlyForStaff() throws Exception {
        assumeThat(TestDatabase.isPostgres()).isFalse();
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Plain\"}").id();
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"secretive quasarnote\", \"internal\": true}");
        try (var index = new LuceneTicketSearch(jdbc, documents, Files.createTempDirectory("search-index"))) {
            index.afterSingletonsInstantiated();
            var query = SearchQuery.parse("quasarnote");
            assertThat(index.match(query, true, false).condition()).isEqualTo("t.id IN (" + id + ")");
            assertThat(index.match(query, false, false).condition()).isEqualTo("1 = 0");
        }
    }

    private List<Long> matches(LuceneTicketSearch index, String q) {
        var match = index.match(SearchQuery.parse(q), true, false);
        return jdbc.sql("SELECT t.id FROM tickets t WHERE " + match.condition())
                .params(match.params())
                .query(Long.class)
                .list();
    }
}
