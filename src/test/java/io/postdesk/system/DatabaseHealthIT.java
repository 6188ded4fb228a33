package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /actuator/health} goes DOWN when the database stops answering queries, so an orchestrator restarts the
 * app instead of routing traffic to it. The context is thrown away after: its database is gone.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// Waiting for a connection the database will never give is the failure here: do not wait the default 30 s for it.
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.connection-timeout=2000",
            // Shown here only, to see which check said DOWN; the default answer stays {"status": ...}.
            "management.endpoint.health.show-components=always"
        })
class DatabaseHealthIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Test
    void isUpWithAWorkingDatabaseAndDownOnceTheDatabaseIsGone() throws SQLException {
        var healthy = anonymous().get("/actuator/health");
        assertThat(healthy.status()).isEqualTo(200);
        assertThat(healthy.string("$.status")).isEqualTo("UP");
        assertThat(healthy.string("$.components.databaseQuery.status")).isEqualTo("UP");

        closeTheDatabase();

        var broken = anonymous().get("/actuator/health");
        assertThat(broken.status()).as(broken.body()).isEqualTo(503);
        assertThat(broken.string("$.status")).isEqualTo("DOWN");
        assertThat(broken.string("$.components.databaseQuery.status")).isEqualTo("DOWN");
    }

    /**
     * H2: {@code SHUTDOWN} closes the database the way a fatal error does (every later call fails with "Database is
     * already closed"). PostgreSQL: the database stops taking connections and the pooled ones are cut.
     */
    private void closeTheDatabase() throws SQLException {
        if (!TestDatabase.isPostgres()) {
            jdbc.sql("SHUTDOWN").update();
            return;
        }
        String name = jdbc.sql("SELECT current_database()").query(String.class).single();
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        // A database cannot be closed from inside itself: do it from the server's maintenance database.
        String maintenance = url.replaceFirst("/[^/?]*(\\?.*)?$", "/postgres$1");
        try (Connection c = DriverManager.getConnection(
                        maintenance,
                        environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password"));
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }
}
