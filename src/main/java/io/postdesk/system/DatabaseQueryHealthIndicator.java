package io.postdesk.system;

import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * DOWN unless the database answers a query against Postdesk's own schema. Boot's {@code db} indicator only checks that
 * the pool hands out a valid connection; this one checks that the data can be read. It also fails for a database that
 * takes connections but is not ours any more, for example a new, empty one opened in place of a closed H2 file. An
 * orchestrator then restarts the app instead of sending traffic to it.
 */
@Component("databaseQuery")
class DatabaseQueryHealthIndicator extends AbstractHealthIndicator {

    /** A table every installation has from its first migration on; reading one row of it is cheap. */
    private static final String QUERY = "SELECT COUNT(*) FROM (SELECT id FROM staff FETCH FIRST 1 ROWS ONLY) s";

    private final JdbcTemplate jdbc;

    DatabaseQueryHealthIndicator(DataSource dataSource) {
        super("the database does not answer queries");
        this.jdbc = new JdbcTemplate(dataSource);
        // A database that hangs is as unusable as one that fails; health must answer within a load balancer's wait.
        this.jdbc.setQueryTimeout(5);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        jdbc.queryForObject(QUERY, Long.class);
        builder.up();
    }
}
