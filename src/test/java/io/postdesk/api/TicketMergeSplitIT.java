package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.contact.SignInLinks;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.shared.EmailAddress;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Merging tickets and splitting a message into a new ticket, over the API and through inbound mail (ADR 0021). */
class TicketMergeSplitIT extends IntegrationTest {

    private static final String WEBHOOK = "/api/tickets/inbound-email";

    @Autowired
    SignInLinks links;

    @Autowired
    ContactDirectory contacts;

    @Test
    void mergeMovesMessagesNotesTagsAndPeopleInTimeOrderAndKeepsTheCountsRight() {
        long target = mailed("jane@example.com", "Refund for order 77", "Where is my refund?");
        long source = mailed("bob@example.com", "Refund again", "Still waiting, quokkaword.");
        admin().post(
                        "/api/v1/tickets/" + source + "/replies",
                        "{\"body\": \"Checked the ledger\", \"internal\": true}");
        admin().post("/api/v1/tickets/" + target + "/replies", "{\"body\": \"Looking into it\"}");
        admin().patch("/api/v1/tickets/" + source, "{\"tags\": [\"billing\", \"vip\"]}");
        admin().patch("/api/v1/tickets/" + target, "{\"tags\": [\"billing\"]}");
        admin().post("/api/v1/tickets/" + source + "/collaborators", "{\"email\": \"boss@example.com\"}");
        Map<String, Object> before = admin().get("/api/v1/tickets").json("$.counts");

        var merged = admin().post("/api/v1/tickets/" + source + "/merge", "{\"into\": " + target + "}");

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.id()).isEqualTo(target);
        assertThat((List<String>) merged.json("$.tags")).containsExactly("billing", "vip");
        assertThat((List<String>) merged.json("$.collaborators[*].email"))
                .containsExactlyInAnyOrder("bob@example.com", "boss@example.com");
        var thread = admin().get("/api/v1/tickets/" + target + "/messages");
        List<String> bodies = thread.json("$[*].visibleText");
        assertThat(bodies).hasSize(4);
        assertThat(bodies.get(0)).contains("Where is my refund?");
        List<String> times = thread.json("$[*].createdAt");
        assertThat(times.stream().map(Instant::parse).toList()).isSorted();
        assertThat((List<Boolean>) thread.json("$[*].internal")).contains(true);
        assertThat((List<?>)
                        admin().get("/api/v1/tickets/" + source + "/messages").json("$"))
                .isEmpty();
        assertThat(admin().get("/api/v1/tickets/" + source).string("$.status")).isEqualTo("closed");
        assertThat(admin().get("/api/v1/tickets/" + source).number("$.mergedInto"))
                .isEqualTo(target);
        assertThat(admin().get("/api/v1/tickets/" + target).body()).doesNotContain("mergedInto");
        Map<String, Object> after = admin().get("/api/v1/tickets").json("$.counts");
        assertThat(number(after, "open")).isEqualTo(number(before, "open") - 1);
        assertThat(number(after, "closed")).isEqualTo(number(before, "closed") + 1);
        assertThat(number(after, "all")).isEqualTo(number(before, "all"));
        assertThat((List<Integer>) admin().get("/api/v1/tickets?q=quokkaword").json("$.items[*].id"))
                .contains((int) target);
        assertThat(jdbc.sql("SELECT kind FROM ticket_links WHERE ticket_id = ?")
                        .param(source)
                        .query(String.class)
                        .list())
                .containsExactly("merged_into");
        assertThat(jdbc.sql("SELECT kind FROM ticket_links WHERE ticket_id = ?")
                        .param(target)
                        .query(String.class)
                        .list())
                .containsExactly("merged_from");
    }

    @Test
    void laterMailToTheMergedTicketLandsOnTheTargetWithTheReasonRecorded() {
        configureSupportAddress();
        TestMails first = TestMails.from("carl@example.com").header("Subject", "Broken hinge");
        long source = id(post(first.bytes()), "$.ticketId");
        long target = mailed("dora@example.com", "Broken door", "The door.");
        assertThat(admin().post("/api/v1/tickets/" + source + "/merge", "{\"into\": " + target + "}")
                        .status())
                .isEqualTo(200);

        var byMessageId = post(TestMails.from("carl@example.com")
                .header("Subject", "Re: Broken hinge")
                .header("In-Reply-To", first.messageId())
                .body("Any news?")
                .bytes());
        String token = jdbc.sql("SELECT routing_token FROM tickets WHERE id = ?")
                .param(source)
                .query(String.class)
                .single();
        var byNumber = post(TestMails.from("carl@example.com")
                .header("To", "ticket+" + source + "-" + token + "@acme.test")
                .header("Subject", "Re: Broken hinge [#" + source + "]")
                .body("Hello again")
                .bytes());
        var byBareNumber = post(TestMails.from("carl@example.com")
                .header("To", "ticket+" + source + "@acme.test")
                .header("Subject", "Re: Broken hinge [#" + source + "]")
                .body("Bare address")
                .bytes());
        var byReferences = post(TestMails.from("carl@example.com")
                .header("Subject", "Re: Broken hinge")
                .header("References", "<unknown@elsewhere.test> " + first.messageId())
                .body("Third try")
                .bytes());

        for (var result : List.of(byMessageId, byNumber, byBareNumber, byReferences)) {
            assertThat((String) result.json("$.outcome")).as(result.body()).isEqualTo("appended");
            assertThat(id(result, "$.ticketId")).isEqualTo(target);
        }
        assertThat((List<?>)
                        admin().get("/api/v1/tickets/" + source + "/messages").json("$"))
                .isEmpty();
        List<String> details = admin().get("/api/v1/inbound/messages?limit=10").json("$[*].steps[*].detail");
        assertThat(details)
                .contains("ticket #" + target + " by in_reply_to_thread (ticket #" + source
                        + " by in_reply_to_thread, merged into #" + target + ")")
                .contains("ticket #" + target + " by routing_address (ticket #" + source
                        + " by routing_address, merged into #" + target + ")");
    }

    @Test
    void mergingAMergedTicketRepointsEveryEarlierMergeToTheFinalTarget() {
        long a = mailed("a1@example.com", "A", "a");
        long b = mailed("b1@example.com", "B", "b");
        long c = mailed("c1@example.com", "C", "c");
        admin().post("/api/v1/tickets/" + a + "/merge", "{\"into\": " + b + "}");

        var intoMerged = admin().post("/api/v1/tickets/" + c + "/merge", "{\"into\": " + a + "}");
        admin().post("/api/v1/tickets/" + b + "/merge", "{\"into\": " + c + "}");

        assertProblem(intoMerged, 409);
        assertThat(intoMerged.string("$.detail")).contains("merge into #" + b);
        assertThat(jdbc.sql("SELECT merged_into_id FROM tickets WHERE id = ?")
                        .param(a)
                        .query(Long.class)
                        .single())
                .isEqualTo(c);
        assertThat((List<?>) admin().get("/api/v1/tickets/" + c + "/messages").json("$"))
                .hasSize(3);
    }

    @Test
    void everyBadMergeIsAProblemDetail() {
        long one = mailed("e1@example.com", "One", "one");
        long two = mailed("e2@example.com", "Two", "two");
        long spam = mailed("e3@example.com", "Spam", "buy");
        admin().post("/api/v1/tickets/" + spam + "/spam", "");

        assertBadField(admin().post("/api/v1/tickets/" + one + "/merge", "{\"into\": " + one + "}"), "into");
        assertBadField(admin().post("/api/v1/tickets/" + one + "/merge", "{\"into\": 99999999}"), "into");
        assertBadField(admin().post("/api/v1/tickets/" + one + "/merge", "{}"), "into");
        assertProblem(admin().post("/api/v1/tickets/99999999/merge", "{\"into\": " + one + "}"), 404);
        assertProblem(admin().post("/api/v1/tickets/" + one + "/merge", "{\"into\": " + spam + "}"), 409);
        assertProblem(admin().post("/api/v1/tickets/" + spam + "/merge", "{\"into\": " + one + "}"), 409);
        assertProblem(admin().post("/api/v1/tickets/" + one + "/merge", "{\"into\": \"x\"}"), 400);
        assertThat(admin().post("/api/v1/tickets/" + one + "/merge", "{\"into\": " + two + "}")
                        .status())
                .isEqualTo(200);
        assertProblem(admin().post("/api/v1/tickets/" + one + "/merge", "{\"into\": " + two + "}"), 409);
        assertThat(anonymous()
                        .post("/api/v1/tickets/" + two + "/merge", "{\"into\": " + one + "}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void splitMovesTheMessageToANewTicketAndLaterRepliesFollowIt() {
        configureSupportAddress();
        TestMails first = TestMails.from("Fran <fran@example.com>").header("Subject", "Two problems");
        long ticket = id(post(first.bytes()), "$.ticketId");
        TestMails second = TestMails.from("Fran <fran@example.com>")
                .header("Subject", "Re: Two problems")
                .header("In-Reply-To", first.messageId())
                .body("Also my invoice is wrong, wombatword.");
        var appended = post(second.bytes());
        long messageId = id(appended, "$.messageId");

        var split = admin().post(
                        "/api/v1/tickets/" + ticket + "/split",
                        "{\"messageId\": " + messageId + ", \"subject\": \"Wrong invoice\"}");

        assertThat(split.status()).as(split.body()).isEqualTo(201);
        long created = split.id();
        assertThat(split.string("$.subject")).isEqualTo("Wrong invoice");
        assertThat(split.string("$.contact.email")).isEqualTo("fran@example.com");
        assertThat((List<Integer>)
                        admin().get("/api/v1/tickets/" + created + "/messages").json("$[*].id"))
                .containsExactly((int) messageId);
        assertThat((List<?>)
                        admin().get("/api/v1/tickets/" + ticket + "/messages").json("$"))
                .hasSize(1);
        assertThat((List<Integer>) admin().get("/api/v1/tickets?q=wombatword").json("$.items[*].id"))
                .contains((int) created);
        var reply = post(TestMails.from("fran@example.com")
                .header("Subject", "Re: Two problems")
                .header("In-Reply-To", second.messageId())
                .body("Any news on the invoice?")
                .bytes());
        assertThat(id(reply, "$.ticketId")).isEqualTo(created);
        var toOld = post(TestMails.from("fran@example.com")
                .header("Subject", "Re: Two problems")
                .header("In-Reply-To", first.messageId())
                .body("And the first one?")
                .bytes());
        assertThat(id(toOld, "$.ticketId")).isEqualTo(ticket);
        assertThat(jdbc.sql("SELECT kind FROM ticket_links WHERE ticket_id IN (?, ?) ORDER BY ticket_id")
                        .params(ticket, created)
                        .query(String.class)
                        .list())
                .containsExactly("split_into", "split_from");
    }

    @Test
    void splittingTheRootMessageMovesTheThreadRootWithIt() {
        configureSupportAddress();
        TestMails first = TestMails.from("gil@example.com").header("Subject", "Root");
        long ticket = id(post(first.bytes()), "$.ticketId");
        post(TestMails.from("gil@example.com")
                .header("Subject", "Re: Root")
                .header("In-Reply-To", first.messageId())
                .body("second")
                .bytes());
        long rootMessage =
                ((Number) admin().get("/api/v1/tickets/" + ticket + "/messages").json("$[0].id")).longValue();

        var split = admin().post("/api/v1/tickets/" + ticket + "/split", "{\"messageId\": " + rootMessage + "}");

        assertThat(split.status()).isEqualTo(201);
        assertThat(split.string("$.subject")).isEqualTo("Root");
        var reply = post(TestMails.from("gil@example.com")
                .header("In-Reply-To", first.messageId())
                .body("to the root")
                .bytes());
        assertThat(id(reply, "$.ticketId")).isEqualTo(split.id());
    }

    @Test
    void everyBadSplitIsAProblemDetail() {
        long ticket = mailed("hal@example.com", "Only one", "one message");
        long other = mailed("ida@example.com", "Other", "other");
        long only =
                ((Number) admin().get("/api/v1/tickets/" + ticket + "/messages").json("$[0].id")).longValue();
        long note = ((Number)
                        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"n\", \"internal\": true}")
                                .json("$.message.id"))
                .longValue();
        long foreign =
                ((Number) admin().get("/api/v1/tickets/" + other + "/messages").json("$[0].id")).longValue();

        assertBadField(
                admin().post("/api/v1/tickets/" + ticket + "/split", "{\"messageId\": " + note + "}"), "messageId");
        assertBadField(
                admin().post("/api/v1/tickets/" + ticket + "/split", "{\"messageId\": " + foreign + "}"), "messageId");
        assertBadField(admin().post("/api/v1/tickets/" + ticket + "/split", "{}"), "messageId");
        assertProblem(admin().post("/api/v1/tickets/" + other + "/split", "{\"messageId\": " + foreign + "}"), 409);
        assertProblem(admin().post("/api/v1/tickets/99999999/split", "{\"messageId\": " + only + "}"), 404);
    }

    @Test
    void theSourcesCustomerFollowsTheMergeInThePortalAndNeverSeesNotes() throws Exception {
        long target = mailed("kim@example.com", "Kim's order", "Where is it?");
        long source = mailed("lou@example.com", "Lou's order", "Mine too.");
        admin().post(
                        "/api/v1/tickets/" + target + "/replies",
                        "{\"body\": \"Secret team remark\", \"internal\": true}");
        admin().post("/api/v1/tickets/" + source + "/merge", "{\"into\": " + target + "}");
        long stranger = mailed("max@example.com", "Max", "max");
        long strangerSource = mailed("ned@example.com", "Ned", "ned");
        admin().post("/api/v1/tickets/" + strangerSource + "/merge", "{\"into\": " + stranger + "}");
        admin().delete("/api/v1/tickets/" + stranger + "/collaborators/"
                + contacts.findByEmail(new EmailAddress("ned@example.com"))
                        .orElseThrow()
                        .id());
        var lou = signedIn("lou@example.com");
        var ned = signedIn("ned@example.com");

        String sourcePage = lou.get("/portal/tickets/" + source).body();
        String targetPage = lou.get("/portal/tickets/" + target).body();
        String nedsPage = ned.get("/portal/tickets/" + strangerSource).body();

        assertThat(sourcePage).contains("merged into another one").contains("/portal/tickets/" + target);
        assertThat(targetPage).contains("Mine too.").doesNotContain("Secret team remark");
        assertThat(lou.get("/portal").body()).contains("data-ticket=\"" + target + "\"");
        assertThat(nedsPage).contains("merged into another one").doesNotContain("/portal/tickets/" + stranger);
        assertThat(ned.get("/portal/tickets/" + stranger).statusCode()).isEqualTo(404);
        var replied = lou.post("/portal/tickets/" + source + "/replies", "body=Reply+on+the+old+one");
        assertThat(replied.headers().firstValue("Location").orElseThrow()).endsWith("/portal/tickets/" + target);
        assertThat((List<String>)
                        admin().get("/api/v1/tickets/" + target + "/messages").json("$[*].visibleText"))
                .contains("Reply on the old one");
    }

    // --- helpers ---

    private long mailed(String from, String subject, String body) {
        var result =
                post(TestMails.from(from).header("Subject", subject).body(body).bytes());
        assertThat((String) result.json("$.outcome")).as(result.body()).isEqualTo("created");
        return id(result, "$.ticketId");
    }

    private ApiClient.Response post(byte[] mail) {
        return anonymous().postRaw(WEBHOOK, "message/rfc822", mail);
    }

    private void configureSupportAddress() {
        admin().put("/api/v1/settings/email", "{\"supportAddress\": \"help@acme.test\"}");
    }

    private static long id(ApiClient.Response response, String path) {
        Object value = response.json(path);
        assertThat(value).as(response.body()).isNotNull();
        return ((Number) value).longValue();
    }

    private static long number(Map<String, Object> counts, String key) {
        return ((Number) counts.get(key)).longValue();
    }

    private Session signedIn(String email) throws Exception {
        var contact = contacts.findOrCreate(new EmailAddress(email), null);
        var session = new Session();
        assertThat(session.get("/portal/sign-in?token="
                                + links.issue(contact.id()).token())
                        .statusCode())
                .isEqualTo(302);
        return session;
    }

    /** A browser-like client: cookies kept, CSRF token read from the last page. */
    private final class Session {
        private final HttpClient http =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private String csrf = "";

        HttpResponse<String> get(String path) throws Exception {
            var response =
                    http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                    .matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return response;
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            if (csrf.isEmpty()) {
                get("/portal");
            }
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + csrf))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
