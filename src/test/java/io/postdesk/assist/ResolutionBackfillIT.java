package io.postdesk.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedding stored when a ticket is resolved, and the backfill of what the listener never saw (tickets resolved
 * before V28, entries without an embedding from before V48): in batches of one here, resumable, under the lease.
 */
@TestPropertySource(properties = {"postdesk.assist.backfill-batch=1", "postdesk.assist.backfill-delay=1h"})
class ResolutionBackfillIT extends IntegrationTest {

    @Autowired
    private ResolutionBackfill backfill;

    @Autowired
    private ResolvedTickets resolved;

    @Autowired
    private DataSource dataSource;

    @Test
    void resolvingATicketStoresItsEmbeddingInTheDatabase() {
        long id = resolvedTicket("Charged twice", "Maria Lopez", "My card was charged twice.", "I refunded it.");

        byte[] embedding = jdbc.sql("SELECT embedding FROM ai_resolved_tickets WHERE ticket_id = ?")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(embedding).hasSize(4 + Embedder.DIMENSIONS);
        assertThat(jdbc.sql("SELECT embedding_model FROM ai_resolved_tickets WHERE ticket_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(Embedder.MODEL);
    }

    @Test
    void indexesOldResolvedTicketsAndEmbedsOldEntriesOnceThenFindsThem() {
        long beforeV28 = resolvedTicket(
                "Parcel never arrived",
                "Maria Lopez",
                "My parcel never arrived and the tracking has not moved for a week.",
                "Hi Maria,\n\nI sent a replacement parcel by express today.\n\nBest regards,\nTom");
        long beforeV48 = resolvedTicket(
                "Cannot log in",
                "Ann Other",
                "The login page says my password is wrong although I reset it.",
                "Hi Ann,\n\nI cleared the lock on your account; please sign in again.\n\nTom");
        long withoutReply = ticket("Question", "Bob Brown", "Just a question about opening hours.");
        admin().patch("/api/v1/tickets/" + withoutReply, "{\"status\": \"resolved\"}");
        jdbc.sql("DELETE FROM ai_resolved_tickets WHERE ticket_id = ?")
                .param(beforeV28)
                .update();
        jdbc.sql("UPDATE ai_resolved_tickets SET embedding = NULL, embedding_model = NULL WHERE ticket_id = ?")
                .param(beforeV48)
                .update();
        int embeddedBefore = resolved.embedded();

        var first = backfill.run();

        assertThat(first.ran()).isTrue();
        assertThat(first.indexed()).isEqualTo(1);
        assertThat(first.embedded()).isEqualTo(1);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM ai_resolved_tickets WHERE ticket_id IN (?, ?) AND embedding_model = ?")
                        .params(beforeV28, beforeV48, Embedder.MODEL)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_resolved_tickets WHERE ticket_id = ?")
                        .param(withoutReply)
                        .query(Long.class)
                        .single())
                .isZero();
        // This node sees both new entries, vectors included, through its entry-id catch-up.
        assertThat(resolved.embedded()).isEqualTo(embeddedBefore + 2);

        var second = backfill.run();
        assertThat(second.indexed()).isZero();
        assertThat(second.embedded()).isZero();

        long asking = ticket("Package missing", "Jonas Weber", "My package never arrived, the tracking is stuck.");
        var suggestion = admin().post("/api/v1/tickets/" + asking + "/suggestion", "{}");
        assertThat(suggestion.number("$.sources[0].ticketId")).isEqualTo(beforeV28);
        assertThat(suggestion.string("$.draft")).startsWith("Hi Jonas,").contains("replacement parcel");
    }

    @Autowired
    private AssistProperties properties;

    @Test
    void anotherNodeOrARestartLoadsTheStoredVectorsWithoutRunningTheModel() {
        long id = resolvedTicket("Parcel lost", "Maria Lopez", "My parcel never arrived.", "I sent another one.");
        // A fresh index on the same database, as a second node or this one after a restart builds it.
        var node = new ResolvedTickets(
                jdbc,
                new Embedder() {
                    @Override
                    float[] embed(String text) {
                        throw new AssertionError("the stored vector must be reused, not recomputed: " + text);
                    }
                },
                properties);

        assertThat(node.embedded()).isEqualTo(node.indexed()).isPositive();
        jdbc.sql("UPDATE ai_resolved_tickets SET embedding = NULL WHERE ticket_id = ?")
                .param(id)
                .update();
        var later = new ResolvedTickets(jdbc, new Embedder(), properties);
        assertThat(later.embedded()).isEqualTo(later.indexed() - 1);
    }

    @Test
    void doesNothingWhileAnotherNodeHoldsTheLease() {
        long id = resolvedTicket("Refund", "Maria Lopez", "Please refund my order.", "Refunded.");
        jdbc.sql("DELETE FROM ai_resolved_tickets WHERE ticket_id = ?")
                .param(id)
                .update();
        var otherNode = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .withLockedByValue("other-node")
                .build());
        var held = otherNode
                .lock(new LockConfiguration(
                        Instant.now(), ResolutionBackfill.LOCK, Duration.ofMinutes(1), Duration.ZERO))
                .orElseThrow();
        try {
            assertThat(backfill.run().ran()).isFalse();
        } finally {
            held.unlock();
        }
        assertThat(backfill.run().indexed()).isEqualTo(1);
    }

    private long ticket(String subject, String name, String description) {
        String email = name.toLowerCase().replace(' ', '.') + System.nanoTime() + "@customer.test";
        var created = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"description\": \"" + description
                                + "\", \"contactName\": \"" + name + "\", \"contactEmail\": \"" + email + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }

    private long resolvedTicket(String subject, String name, String description, String reply) {
        long id = ticket(subject, name, description);
        var replied = admin().post(
                        "/api/v1/tickets/" + id + "/replies", "{\"body\": \"" + reply.replace("\n", "\\n") + "\"}");
        assertThat(replied.status()).isEqualTo(201);
        assertThat(admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}")
                        .status())
                .isEqualTo(200);
        return id;
    }
}
