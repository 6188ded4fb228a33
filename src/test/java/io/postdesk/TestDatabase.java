package io.postdesk;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database the integration tests run on, chosen by the system property {@code postdesk.test.db}: {@code h2}
 * (default) or {@code postgres}. Failsafe runs every {@code *IT} once with each.
 *
 * <p>PostgreSQL is a real server: the one at {@code POSTDESK_TEST_PG_URL} (with {@code POSTDESK_TEST_PG_USER} and
 * {@code POSTDESK_TEST_PG_PASSWORD}) when set, else zonky's embedded PostgreSQL started once per JVM. Every Spring
 * context gets a fresh database of its own.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    private TestDatabase() {}

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty("postdesk.test.db", "h2"));
    }

    public record Connection(String url, String username, String password) {}

    /** A new, empty database. */
    public static synchronized Connection fresh() {
        String name = "postdesk_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        if (!isPostgres()) {
            return new Connection(
                    "jdbc:h2:mem:" + name
                            + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=256;DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
        }
        String external = System.getenv("POSTDESK_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("POSTDESK_TEST_PG_USER", "postgres");
            String password = System.getenv().getOrDefault("POSTDESK_TEST_PG_PASSWORD", "");
            createDatabase(external, user, password, name);
            return new Connection(external.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1"), user, password);
        }
        EmbeddedPostgres server = embedded();
        createDatabase(server.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", name);
        return new Connection(server.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    private static EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the server's temp dir is removed by zonky on the next start.
                }
            }));
        }
        return embedded;
    }

    private static void createDatabase(String adminUrl, String user, String password, String name) {
        try (java.sql.Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
    }
}
