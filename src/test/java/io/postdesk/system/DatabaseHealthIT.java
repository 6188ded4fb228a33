package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /actuator/health} goes DOWN when the database stops answering queries, so an orchestrator restarts the
 * app instead of routing traffic to it. The context is thrown away after: its database is gone.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// Waiting for a connection the database will never give is the failure here: do not wait the default 30 s for it.
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=2000")
class DatabaseHealthIT extends IntegrationTest {

    @Test
    void isUpWithAWorkingDatabaseAndDownOnceTheDatabaseIsGone() {
        var healthy = anonymous().get("/actuator/health");
        assertThat(healthy.status()).isEqualTo(200);
        assertThat(healthy.string("$.status")).isEqualTo("UP");
        assertThat(healthy.body()).doesNotContain("components").doesNotContain("databaseQuery");

        closeTheDatabase();

        var broken = anonymous().get("/actuator/health");
        assertThat(broken.status()).as(broken.body()).isEqualTo(503);
        assertThat(broken.string("$.status")).isEqualTo("DOWN");
    }

    /**
     * H2: {@code SHUTDOWN} closes the database the way a fatal error does; the pool's next connection opens a new,
     * empty one, which Boot's own {@code db} check takes for healthy. PostgreSQL: the database stops taking
     * connections and the pooled ones are cut.
     */
    private void closeTheDatabase() {
        if (TestDatabase.isPostgres()) {
            String name =
                    jdbc.sql("SELECT current_database()").query(String.class).single();
            jdbc.sql("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false").update();
            jdbc.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?"
                            + " AND pid <> pg_backend_pid()")
                    .param(name)
                    .query((rs, row) -> row)
                    .list();
            try {
                jdbc.sql("SELECT pg_terminate_backend(pg_backend_pid())")
                        .query((rs, row) -> row)
                        .list();
            } catch (DataAccessException expected) {
                // This connection was the last one: it is cut as it asks.
            }
        } else {
            jdbc.sql("SHUTDOWN").update();
        }
    }
}
