package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** Bulk actions on the dashboard list, through the form post an agent's browser sends (H2 and PostgreSQL passes). */
class TicketBulkIT extends IntegrationTest {

    private static final String AGENT_PASSWORD = "correct horse battery staple";

    @Test
    void eachActionChangesEverySelectedTicketAndSaysSo() {
        var agent = agentSession("bulk-agent@example.com");
        long agentId = staffId("bulk-agent@example.com");
        long a = open("Bulk one");
        long b = open("Bulk two");
        String ids = a + "," + b;

        var status = agent.post("/tickets/bulk", Map.of("ids", ids, "action", "status:pending", "back", "/?view=open"));
        assertThat(status.statusCode()).isEqualTo(302);
        assertThat(status.headers().firstValue("Location").orElse("")).endsWith("/?view=open");
        assertThat(toast(agent, status)).isEqualTo("2 tickets set to Pending.");
        assertThat(ticket(a).string("$.status")).isEqualTo("pending");
        assertThat(ticket(b).string("$.status")).isEqualTo("pending");

        agent.get("/");
        agent.post("/tickets/bulk", Map.of("ids", ids, "action", "priority:urgent"));
        assertThat(ticket(a).string("$.priority")).isEqualTo("urgent");

        agent.get("/");
        var assigned = agent.post("/tickets/bulk", Map.of("ids", ids, "action", "assignee:" + agentId));
        assertThat(toast(agent, assigned)).isEqualTo("2 tickets assigned to Agent bulk-agent@example.com.");
        assertThat(ticket(b).number("$.assignee.id")).isEqualTo(agentId);
        agent.get("/");
        agent.post("/tickets/bulk", Map.of("ids", ids, "action", "assignee:"));
        assertThat(ticket(b).<Object>json("$.assignee")).isNull();

        agent.get("/");
        agent.post("/tickets/bulk", Map.of("ids", ids, "action", "tag", "tag", "billing"));
        agent.get("/");
        agent.post("/tickets/bulk", Map.of("ids", ids, "action", "tag", "tag", "billing"));
        assertThat(ticket(a).<List<String>>json("$.tags")).containsExactly("billing");
    }

    @Test
    void spamAndDeleteAskFirstAndThenAct() {
        var agent = agentSession("bulk-confirm@example.com");
        long a = open("Spammy");
        long b = open("Doomed");

        var ask = agent.post("/tickets/bulk", Map.of("ids", String.valueOf(b), "action", "delete"));
        assertThat(ask.statusCode()).isEqualTo(200);
        var page = Jsoup.parse(ask.body());
        assertThat(page.select("#bulk-question").text()).startsWith("Delete 1 ticket?");
        assertThat(page.select("#bulk-confirm input[name=ids]").eachAttr("value"))
                .containsExactly(String.valueOf(b));
        assertThat(ticket(b).status())
                .as("nothing is deleted before the confirmation")
                .isEqualTo(200);

        var confirmed =
                agent.post("/tickets/bulk", Map.of("ids", String.valueOf(b), "action", "delete", "confirm", "true"));
        assertThat(toast(agent, confirmed)).isEqualTo("1 ticket deleted.");
        assertThat(ticket(b).status()).isEqualTo(404);

        agent.get("/");
        var spamAsk = agent.post("/tickets/bulk", Map.of("ids", String.valueOf(a), "action", "spam"));
        assertThat(Jsoup.parse(spamAsk.body()).select("#bulk-question").text()).startsWith("Mark as spam 1 ticket?");
        assertThat(ticket(a).<Boolean>json("$.spam")).isFalse();
        agent.post("/tickets/bulk", Map.of("ids", String.valueOf(a), "action", "spam", "confirm", "true"));
        assertThat(ticket(a).<Boolean>json("$.spam")).isTrue();
    }

    @Test
    void missingTicketsAreNamedAndTheRestStillChange() {
        var agent = agentSession("bulk-missing@example.com");
        long a = open("Real one");
        var result = agent.post("/tickets/bulk", Map.of("ids", a + ",999999991", "action", "status:resolved"));
        assertThat(toast(agent, result)).isEqualTo("1 ticket set to Resolved. Not changed: #999999991 (not found).");
        assertThat(ticket(a).string("$.status")).isEqualTo("resolved");
    }

    @Test
    void refusesTooManyTicketsNoneAnUnknownActionAndAPostWithoutCsrf() {
        var agent = agentSession("bulk-refused@example.com");
        long a = open("Untouched");
        String tooMany = LongStream.rangeClosed(1, TicketBulkController.MAX_TICKETS + 1)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(","));

        assertThat(agent.post("/tickets/bulk", Map.of("ids", tooMany, "action", "status:closed"))
                        .statusCode())
                .isEqualTo(400);
        agent.get("/");
        assertThat(agent.post("/tickets/bulk", Map.of("action", "status:closed"))
                        .statusCode())
                .isEqualTo(400);
        agent.get("/");
        assertThat(agent.post("/tickets/bulk", Map.of("ids", String.valueOf(a), "action", "explode"))
                        .statusCode())
                .isEqualTo(400);
        agent.get("/");
        assertThat(agent.post("/tickets/bulk", Map.of("ids", String.valueOf(a), "action", "tag"))
                        .statusCode())
                .isEqualTo(400);

        var noToken = new WebSession(port);
        var stranger = noToken.post("/tickets/bulk", Map.of("ids", String.valueOf(a), "action", "status:closed"));
        assertThat(stranger.statusCode()).isIn(302, 401, 403);
        assertThat(ticket(a).string("$.status")).isEqualTo("open");
    }

    @Test
    void aSidebarStatusOrAssigneeChangeTriggersAToastWithAnUndoOfThePreviousValue() {
        var agent = agentSession("bulk-toast@example.com").withHeader("HX-Request", "true");
        long me = staffId("bulk-toast@example.com");
        long a = open("Toast me");
        agent.get("/tickets/" + a);

        var changed = agent.post("/tickets/" + a + "/status", Map.of("status", "pending"));
        assertThat(changed.statusCode()).isEqualTo(200);
        var toast = com.jayway.jsonpath.JsonPath.parse(
                changed.headers().firstValue("HX-Trigger").orElseThrow());
        assertThat(toast.<String>read("$['postdesk:toast'].message")).isEqualTo("Status set to Pending.");
        assertThat(toast.<String>read("$['postdesk:toast'].undo.url")).isEqualTo("/tickets/" + a + "/status");
        assertThat(toast.<String>read("$['postdesk:toast'].undo.fields.status")).isEqualTo("open");

        var assigned = agent.post("/tickets/" + a + "/assignee", Map.of("assigneeId", String.valueOf(me)));
        var undo = com.jayway.jsonpath.JsonPath.parse(
                assigned.headers().firstValue("HX-Trigger").orElseThrow());
        assertThat(undo.<String>read("$['postdesk:toast'].undo.fields.assigneeId"))
                .isEmpty();
        var undone = agent.post("/tickets/" + a + "/assignee", Map.of("assigneeId", ""));
        assertThat(undone.statusCode()).isEqualTo(200);
        assertThat(ticket(a).<Object>json("$.assignee")).isNull();

        var stale = agent.post("/tickets/" + a + "/status", Map.of("status", "closed", "seen", "2000-01-01T00:00:00Z"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("HX-Trigger"))
                .as("nothing saved, nothing to undo")
                .isEmpty();
    }

    @Test
    void anOffsiteBackUrlGoesToTheList() {
        assertThat(TicketBulkController.safeBack("//evil.example/")).isEqualTo("/");
        assertThat(TicketBulkController.safeBack("https://evil.example/")).isEqualTo("/");
        assertThat(TicketBulkController.safeBack("/?view=mine")).isEqualTo("/?view=mine");
    }

    private String toast(WebSession session, HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = java.net
                .URI
                .create(redirect.headers().firstValue("Location").orElseThrow())
                .getRawPath();
        String query = java.net
                .URI
                .create(redirect.headers().firstValue("Location").orElseThrow())
                .getRawQuery();
        var page = session.get(location + (query == null ? "" : "?" + query));
        return Jsoup.parse(page.body()).select("#toasts .toast > span").text();
    }

    @Test
    void theToastsUndoGivesEachTicketItsPreviousValueButNotOneChangedSince() {
        var agent = agentSession("bulk-undo@example.com");
        long a = open("Was open");
        long b = open("Was pending");
        long c = open("Changed since");
        admin().patch("/api/v1/tickets/" + b, "{\"status\": \"pending\"}");

        var done = agent.post("/tickets/bulk", Map.of("ids", a + "," + b + "," + c, "action", "status:closed"));
        var page = Jsoup.parse(agent.get("/").body());
        var form = page.select("#toasts form[action$=/tickets/bulk/undo]");
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(form.select("input[name=kind]").val()).isEqualTo("status");
        assertThat(form.select("input[name=set]").val()).isEqualTo("closed");
        assertThat(form.select("input[name=restore]").eachAttr("value"))
                .containsExactlyInAnyOrder(a + ":open", b + ":pending", c + ":open");
        admin().patch("/api/v1/tickets/" + c, "{\"status\": \"resolved\"}");

        var undone = agent.post(
                "/tickets/bulk/undo",
                Map.of("kind", "status", "set", "closed", "restore", a + ":open," + b + ":pending," + c + ":open"));
        assertThat(toast(agent, undone))
                .isEqualTo("Undone: 2 tickets back to the previous status. Not changed: #" + c + " (changed since).");
        assertThat(ticket(a).string("$.status")).isEqualTo("open");
        assertThat(ticket(b).string("$.status")).isEqualTo("pending");
        assertThat(ticket(c).string("$.status")).isEqualTo("resolved");

        // A tag or a delete has no Undo; crafted input is a 400, never a 500.
        agent.get("/");
        agent.post("/tickets/bulk", Map.of("ids", String.valueOf(a), "action", "tag", "tag", "vip"));
        assertThat(Jsoup.parse(agent.get("/").body()).select("#toast-undo")).isEmpty();
        assertThat(agent.post("/tickets/bulk/undo", Map.of("kind", "delete", "restore", a + ":open"))
                        .statusCode())
                .isEqualTo(400);
        agent.get("/");
        assertThat(agent.post("/tickets/bulk/undo", Map.of("kind", "status", "set", "closed", "restore", "x:open"))
                        .statusCode())
                .isEqualTo(400);
        agent.get("/");
        assertThat(agent.post("/tickets/bulk/undo", Map.of("kind", "status", "set", "open", "restore", a + ":bogus"))
                        .statusCode())
                .isEqualTo(400);
    }

    private io.postdesk.ApiClient.Response ticket(long id) {
        return admin().get("/api/v1/tickets/" + id);
    }

    private long open(String subject) {
        return admin().post("/api/v1/tickets", "{\"subject\": \"" + subject + "\"}")
                .id();
    }

    private long staffId(String email) {
        return jdbc.sql("SELECT id FROM staff WHERE email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }

    private WebSession agentSession(String email) {
        var created = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"Agent " + email + "\", \"email\": \"" + email
                                + "\", \"role\": \"agent\", \"password\": \"" + AGENT_PASSWORD + "\"}");
        assertThat(created.status()).isEqualTo(201);
        var session = WebSession.staff(port, email, AGENT_PASSWORD);
        session.get("/");
        return session;
    }
}
