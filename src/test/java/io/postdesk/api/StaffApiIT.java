package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Staff members, roles and API tokens: who may call what, and how tokens are issued and revoked. */
class StaffApiIT extends IntegrationTest {

    // --- staff ---

    @Test
    void createsStaffMember() {
        var created = admin().post("/api/v1/staff", """
                {"name": " Ann Agent ", "email": " Ann@Postdesk.TEST ", "role": "agent"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat((Map<String, Object>) created.json("$")).containsKeys("id", "name", "email", "role");
        assertThat(created.id()).isPositive();
        assertThat(created.string("$.name")).isEqualTo("Ann Agent");
        assertThat(created.string("$.email")).isEqualTo("ann@postdesk.test");
        assertThat(created.string("$.role")).isEqualTo("agent");
        assertThat(created.body()).doesNotContain("password");
    }

    @Test
    void createsAdmins() {
        long id = createStaff("Second Admin", "second@postdesk.test", "admin");

        var second = as(tokenFor(id));

        assertThat(second.get("/api/v1/staff/me").string("$.role")).isEqualTo("admin");
        assertThat(second.put("/api/v1/settings/helpdesk", "{\"enabled\": true}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void listsStaff() {
        createStaff("Ann Agent", "ann@postdesk.test", "agent");

        var staff = admin().get("/api/v1/staff");

        assertThat(staff.status()).isEqualTo(200);
        assertThat((List<String>) staff.json("$[*].email")).containsExactlyInAnyOrder(ADMIN_EMAIL, "ann@postdesk.test");
    }

    @Test
    void rejectsDuplicateEmailWhateverItsCase() {
        createStaff("Ann Agent", "ann@postdesk.test", "agent");

        var duplicate = admin().post("/api/v1/staff", """
                {"name": "Another Ann", "email": "ANN@postdesk.test", "role": "admin"}""");

        assertProblem(duplicate, 409);
        assertThat(duplicate.string("$.field")).isEqualTo("email");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aDoubleSubmittedNewStaffMemberIsCreatedOnceAndTheRestAreConflictsNeverErrors() throws Exception {
        String body = "{\"name\": \"Ann\", \"email\": \"ann@postdesk.test\", \"role\": \"agent\"}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return admin().post("/api/v1/staff", body).status();
                }));
            }
            start.countDown();
            List<Integer> answers = new java.util.ArrayList<>();
            for (var status : statuses) {
                answers.add(status.get());
            }

            assertThat(answers).containsOnly(201, 409);
            assertThat(answers).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refusesCommonAndShortPasswordsNamingTheField() {
        for (String weak : List.of("aaaaaaaa", "password1234", "qwertyuiopas", "aaaaaaaaaaaa")) {
            var refused = admin().post("/api/v1/staff", """
                    {"name": "X", "email": "x@postdesk.test", "role": "agent", "password": "%s"}""".formatted(weak));
            assertBadField(refused, "password");
        }
        var accepted = admin().post("/api/v1/staff", """
                {"name": "X", "email": "x@postdesk.test", "role": "agent", "password": "plum kettle rover"}""");

        assertThat(accepted.status()).isEqualTo(201);
    }

    @Test
    void rejectsInvalidStaffInput() {
        assertBadField(
                admin().post("/api/v1/staff", "{\"name\": \"X\", \"email\": \"x@postdesk.test\", \"role\": \"boss\"}"),
                "role");
        assertBadField(
                admin().post("/api/v1/staff", "{\"name\": \"X\", \"email\": \"not-an-email\", \"role\": \"agent\"}"),
                "email");
        assertBadField(
                admin().post("/api/v1/staff", "{\"name\": \" \", \"email\": \"x@postdesk.test\", \"role\": \"agent\"}"),
                "name");
        assertBadField(admin().post("/api/v1/staff", """
                        {"name": "X", "email": "x@postdesk.test", "role": "agent", "password": "short"}"""), "password");
        assertProblem(admin().post("/api/v1/staff", "{\"name\": "), 400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void showsTheCallerAsMe() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");

        var me = as(tokenFor(agentId)).get("/api/v1/staff/me");
        var adminMe = admin().get("/api/v1/staff/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.id()).isEqualTo(agentId);
        assertThat(me.string("$.email")).isEqualTo("ann@postdesk.test");
        assertThat(me.string("$.role")).isEqualTo("agent");
        assertThat(adminMe.string("$.email")).isEqualTo(ADMIN_EMAIL);
        assertThat(adminMe.string("$.role")).isEqualTo("admin");
    }

    @Test
    void changesOwnNotificationSwitches() {
        var agent = newAgent("ann@postdesk.test");

        var changed = agent.put(
                "/api/v1/staff/me/notifications", "{\"notifyNewTickets\": false, \"notifyCustomerReplies\": true}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat((Boolean) changed.json("$.notifyNewTickets")).isFalse();
        assertThat((Boolean) changed.json("$.notifyCustomerReplies")).isTrue();
        assertThat((Boolean) agent.get("/api/v1/staff/me").json("$.notifyNewTickets"))
                .isFalse();
        assertThat((Boolean) admin().get("/api/v1/staff/me").json("$.notifyNewTickets"))
                .isTrue();
    }

    // --- roles ---

    @ParameterizedTest
    @CsvSource(
            delimiter = ' ',
            value = {
                "POST /api/v1/staff",
                "GET /api/v1/settings/helpdesk",
                "PUT /api/v1/settings/helpdesk",
                "GET /api/v1/settings/webhook",
                "PUT /api/v1/settings/webhook",
                "GET /api/v1/settings/email",
                "PUT /api/v1/settings/email",
                "POST /api/v1/settings/email/test",
                "POST /api/v1/spam-list",
                "DELETE /api/v1/spam-list/spam@example.com",
            })
    void forbidsAgentsTheAdminEndpoints(String method, String path) {
        var agent = newAgent("ann@postdesk.test");

        var response = send(agent, method, path);

        assertProblem(response, 403);
    }

    @Test
    void agentsCannotCreateStaff() {
        var agent = newAgent("ann@postdesk.test");

        agent.post(
                "/api/v1/staff", "{\"name\": \"Mallory\", \"email\": \"mallory@postdesk.test\", \"role\": \"admin\"}");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff WHERE email = 'mallory@postdesk.test'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void letsAgentsReadTheSpamListAndStaff() {
        var agent = newAgent("ann@postdesk.test");

        assertThat(agent.get("/api/v1/spam-list").status()).isEqualTo(200);
        assertThat(agent.get("/api/v1/staff").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ' ',
            value = {
                "GET /api/v1/tickets",
                "POST /api/v1/tickets",
                "GET /api/v1/tickets/1",
                "PATCH /api/v1/tickets/1",
                "DELETE /api/v1/tickets/1",
                "GET /api/v1/tickets/1/messages",
                "POST /api/v1/tickets/1/replies",
                "POST /api/v1/tickets/1/spam",
                "DELETE /api/v1/tickets/1/spam",
                "POST /api/v1/tickets/1/collaborators",
                "GET /api/v1/attachments/1",
                "GET /api/v1/staff",
                "POST /api/v1/staff",
                "GET /api/v1/staff/me",
                "PUT /api/v1/staff/me/notifications",
                "GET /api/v1/tokens",
                "POST /api/v1/tokens",
                "DELETE /api/v1/tokens/1",
                "GET /api/v1/contacts",
                "GET /api/v1/contacts/1",
                "GET /api/v1/orders",
                "POST /api/v1/orders",
                "GET /api/v1/orders/1",
                "PATCH /api/v1/orders/1",
                "GET /api/v1/orders/1/messages",
                "POST /api/v1/orders/1/replies",
                "GET /api/v1/spam-list",
                "POST /api/v1/spam-list",
                "DELETE /api/v1/spam-list/a@b.com",
                "GET /api/v1/settings/helpdesk",
                "PUT /api/v1/settings/webhook",
                "GET /api/v1/settings/email",
                "GET /api/v1/outbox",
            })
    void requiresATokenOnEveryEndpoint(String method, String path) {
        var response = send(anonymous(), method, path);

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void rejectsAWrongTokenWithAProblem() {
        var response = as("pd_wrong").get("/api/v1/staff/me");

        assertProblem(response, 401);
        assertThat(response.string("$.detail")).isNotBlank();
    }

    // --- tokens ---

    @Test
    void issuesATokenWhoseSecretIsShownOnce() {
        var issued = admin().post("/api/v1/tokens", "{\"name\": \"CI\"}");

        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.string("$.name")).isEqualTo("CI");
        String secret = issued.string("$.token");
        assertThat(secret).startsWith("pd_").hasSizeGreaterThan(40);
        var listed = admin().get("/api/v1/tokens");
        assertThat((List<String>) listed.json("$[*].name")).containsExactly("CI");
        assertThat((Object) listed.json("$[0].token")).isNull();
        assertThat(listed.body()).doesNotContain(secret);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?")
                        .param(secret)
                        .query(Long.class)
                        .single())
                .as("the secret itself is never stored")
                .isZero();
    }

    @Test
    void issuedTokenActsAsItsOwner() {
        var agent = newAgent("ann@postdesk.test");
        String secret = agent.post("/api/v1/tokens", "{\"name\": \"laptop\"}").string("$.token");

        var me = as(secret).get("/api/v1/staff/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.string("$.email")).isEqualTo("ann@postdesk.test");
        List<Object> lastUsed = agent.get("/api/v1/tokens").json("$[?(@.name == 'laptop')].lastUsedAt");
        assertThat(lastUsed).singleElement().isNotNull();
    }

    @Test
    void listsOnlyTheCallersTokens() {
        var agent = newAgent("ann@postdesk.test");
        agent.post("/api/v1/tokens", "{\"name\": \"agent-token\"}");
        admin().post("/api/v1/tokens", "{\"name\": \"admin-token\"}");

        assertThat((List<String>) admin().get("/api/v1/tokens").json("$[*].name"))
                .containsExactly("admin-token");
        assertThat((List<String>) agent.get("/api/v1/tokens").json("$[*].name"))
                .contains("agent-token")
                .doesNotContain("admin-token");
    }

    @Test
    void revokedTokenStopsWorking() {
        var issued = admin().post("/api/v1/tokens", "{\"name\": \"temporary\"}");
        String secret = issued.string("$.token");
        assertThat(as(secret).get("/api/v1/tickets").status()).isEqualTo(200);

        var revoked = admin().delete("/api/v1/tokens/" + issued.id());

        assertThat(revoked.status()).isEqualTo(204);
        assertProblem(as(secret).get("/api/v1/tickets"), 401);
        assertThat((List<?>) admin().get("/api/v1/tokens").json("$")).isEmpty();
        assertProblem(admin().delete("/api/v1/tokens/" + issued.id()), 404);
    }

    @Test
    void cannotRevokeSomeoneElsesToken() {
        var issued = admin().post("/api/v1/tokens", "{\"name\": \"admin's\"}");
        var agent = newAgent("ann@postdesk.test");

        assertProblem(agent.delete("/api/v1/tokens/" + issued.id()), 404);

        assertThat(as(issued.string("$.token")).get("/api/v1/staff/me").status())
                .isEqualTo(200);
    }

    @Test
    void rejectsTokenWithoutName() {
        assertBadField(admin().post("/api/v1/tokens", "{\"name\": \" \"}"), "name");
        assertBadField(admin().post("/api/v1/tokens", "{}"), "name");
    }

    private static ApiClient.Response send(ApiClient client, String method, String path) {
        return switch (method) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, "{}");
            case "PUT" -> client.put(path, "{}");
            case "PATCH" -> client.patch(path, "{}");
            case "DELETE" -> client.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }
}
