package io.postdesk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the full-stack tests: the whole app on a random port, on H2 or PostgreSQL ({@link TestDatabase}), with a
 * bootstrap admin whose token is {@link #ADMIN_TOKEN}. Every test starts from empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "postdesk.settings.secret-key=integration-test-key",
            // Tests deliver the outbox explicitly (OutboxWorker.deliverDue), so they never race a background thread;
            // a test class that wants the worker overrides this.
            "postdesk.mail.outbound.worker-enabled=false",
            // Tests fetch from mailboxes explicitly (POST /api/v1/settings/mailbox/fetch), never on a schedule.
            "postdesk.mail.inbound.mailbox-poll-interval=1h",
            "postdesk.mail.inbound.mailbox-idle=false",
            // Tests run the AI Suggest backfill explicitly (ResolutionBackfillIT), never on its schedule.
            "postdesk.assist.backfill-delay=1h",
            "postdesk.mail.outbound.first-retry=100ms",
            "postdesk.mail.outbound.smtp-timeout=2s",
            "postdesk.mail.outbound.trusted-hosts=127.0.0.1 localhost"
        })
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@postdesk.test";
    public static final String ADMIN_PASSWORD = "admin-password";
    public static final String ADMIN_TOKEN = "test-admin-token";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private io.postdesk.portal.ContactFormLimiter contactFormLimiter;

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
            "outbox",
            "inbound_mails",
            "portal_sign_in_links",
            "attachments",
            "attachment_contents",
            "ticket_messages",
            "ticket_tags",
            "ticket_collaborators",
            "tickets",
            "order_messages",
            "orders",
            "contacts",
            "spam_list",
            "settings",
            "api_tokens",
            "rate_counters"
        }) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        jdbc.sql("DELETE FROM staff WHERE email <> ?").param(ADMIN_EMAIL).update();
        jdbc.sql("UPDATE staff SET notify_new_tickets = TRUE, notify_customer_replies = TRUE")
                .update();
        jdbc.sql("UPDATE ticket_counts SET n = 0").update();
        io.postdesk.shared.Snapshot.forgetAll();
        contactFormLimiter.reset();
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

    /** Creates a staff member through the API and returns their id. */
    protected long createStaff(String name, String email, String role) {
        var created = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"" + name + "\", \"email\": \"" + email + "\", \"role\": \"" + role + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("could not create staff member: " + created);
        }
        return created.id();
    }

    /**
     * A bearer token for any staff member. Tokens are issued to the caller only and there is no sign-in API, so the
     * row is written directly: only the SHA-256 of a token is stored.
     */
    protected String tokenFor(long staffId) {
        String token = "pd_test_" + UUID.randomUUID();
        jdbc.sql("INSERT INTO api_tokens (staff_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)")
                .params(staffId, "test", sha256Hex(token), OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return token;
    }

    /** A client acting as a new agent. */
    protected ApiClient newAgent(String email) {
        return as(tokenFor(createStaff("Agent " + email, email, "agent")));
    }

    protected long adminId() {
        return admin().get("/api/v1/staff/me").id();
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
