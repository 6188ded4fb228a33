package io.postdesk;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the full-stack tests: the whole app on a random port, on H2 or PostgreSQL ({@link TestDatabase}), with a
 * bootstrap admin whose token is {@link #ADMIN_TOKEN}. Every test starts from empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@postdesk.test";
    public static final String ADMIN_PASSWORD = "admin-password";
    public static final String ADMIN_TOKEN = "test-admin-token";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        var db = TestDatabase.fresh();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add(
                "postdesk.data-dir",
                () -> Path.of("target", "it-data", db.url().replaceAll("\\W", "_"))
                        .toAbsolutePath()
                        .toString());
        registry.add("postdesk.staff.bootstrap-admin-email", () -> ADMIN_EMAIL);
        registry.add("postdesk.staff.bootstrap-admin-password", () -> ADMIN_PASSWORD);
        registry.add("postdesk.staff.bootstrap-api-token", () -> ADMIN_TOKEN);
    }

    @BeforeEach
    void emptyTables() {
        for (String table : new String[] {
            "attachments",
            "ticket_messages",
            "ticket_tags",
            "ticket_collaborators",
            "tickets",
            "order_messages",
            "orders",
            "contacts",
            "spam_list",
            "settings",
            "api_tokens"
        }) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        jdbc.sql("DELETE FROM staff WHERE email <> ?").param(ADMIN_EMAIL).update();
        jdbc.sql("UPDATE ticket_counts SET n = 0").update();
    }

    protected ApiClient admin() {
        return new ApiClient(port, ADMIN_TOKEN);
    }

    protected ApiClient as(String token) {
        return new ApiClient(port, token);
    }

    protected ApiClient anonymous() {
        return new ApiClient(port, null);
    }
}
