package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient.Response;
import io.postdesk.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Creating, reading, listing, changing and deleting tickets over {@code /api/v1/tickets}. */
class TicketApiIT extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.postdesk.ticket.TicketIndex ticketIndex;

    // --- create ---

    @Test
    void createsTicketWithApiSourceDefaultPriorityAndContact() {
        var created = admin().post("/api/v1/tickets", """
                {"subject": "  Printer on fire ", "description": "  Smoke everywhere. ",
                 "contactEmail": " Bob@Example.com ", "contactName": "Bob"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.string("$.subject")).isEqualTo("Printer on fire");
        assertThat(created.string("$.description")).isEqualTo("Smoke everywhere.");
        assertThat(created.string("$.status")).isEqualTo("open");
        assertThat(created.string("$.priority")).isEqualTo("medium");
        assertThat(created.string("$.source")).isEqualTo("api");
        assertThat(created.string("$.contact.email")).isEqualTo("bob@example.com");
        assertThat(created.string("$.contact.name")).isEqualTo("Bob");
        assertThat((Object) created.json("$.assignee")).isNull();
        assertThat((List<?>) created.json("$.collaborators")).isEmpty();
        assertThat((List<?>) created.json("$.tags")).isEmpty();
        assertThat((Boolean) created.json("$.spam")).isFalse();
        assertThat((Object) created.json("$.resolvedAt")).isNull();
        assertThat(Instant.parse(created.string("$.createdAt")))
                .isEqualTo(Instant.parse(created.string("$.updatedAt")));
    }

    @Test
    void createsTicketWithOnlyASubject() {
        var created = admin().post("/api/v1/tickets", "{\"subject\": \"Just a subject\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat((Object) created.json("$.contact")).isNull();
        assertThat((Object) created.json("$.description")).isNull();
        assertThat(admin().get("/api/v1/tickets/" + created.id()).string("$.subject"))
                .isEqualTo("Just a subject");
    }

    @Test
    void createsTicketWithGivenPriorityAssigneeAndTags() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");

        var created = admin().post("/api/v1/tickets", """
                {"subject": "Invoice wrong", "priority": "urgent", "assigneeId": %d,
                 "tags": ["Billing", " vip ", "billing"]}""".formatted(agentId));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.string("$.priority")).isEqualTo("urgent");
        assertThat(created.number("$.assignee.id")).isEqualTo(agentId);
        assertThat(created.string("$.assignee.name")).isEqualTo("Ann Agent");
        assertThat(created.string("$.assignee.email")).isEqualTo("ann@postdesk.test");
        assertThat((List<String>) created.json("$.tags")).containsExactly("billing", "vip");
        assertThat(created.string("$.status")).isEqualTo("open");
    }

    @Test
    void reusesTheContactOfAnAddressWhateverItsCase() {
        long first = admin().post("/api/v1/tickets", """
                        {"subject": "One", "contactEmail": "Carol@Example.com", "contactName": "Carol"}""").number("$.contact.id");
        var second = admin().post("/api/v1/tickets", """
                {"subject": "Two", "contactEmail": "carol@EXAMPLE.com", "contactName": "Someone Else"}""");

        assertThat(second.number("$.contact.id")).isEqualTo(first);
        assertThat(second.string("$.contact.name")).isEqualTo("Carol");
        var contacts = admin().get("/api/v1/contacts?email=carol@example.com");
        assertThat((List<?>) contacts.json("$")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contacts").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void acceptsASubjectOf255Characters() {
        String subject = "s".repeat(255);

        var created = admin().post("/api/v1/tickets", "{\"subject\": \"" + subject + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.string("$.subject")).isEqualTo(subject);
    }

    @Test
    void rejectsBlankMissingOrTooLongSubject() {
        assertBadField(admin().post("/api/v1/tickets", "{\"subject\": \"   \"}"), "subject");
        assertBadField(admin().post("/api/v1/tickets", "{\"description\": \"no subject\"}"), "subject");
        assertBadField(admin().post("/api/v1/tickets", "{\"subject\": \"" + "s".repeat(256) + "\"}"), "subject");
        assertThat(ticketRows()).isZero();
    }

    @Test
    void rejectsSubjectWithLineBreaks() {
        assertBadField(
                admin().post("/api/v1/tickets", "{\"subject\": \"Hello\\r\\nBcc: evil@example.com\"}"), "subject");
        assertBadField(admin().post("/api/v1/tickets", "{\"subject\": \"Hello\\nworld\"}"), "subject");
        assertThat(ticketRows()).isZero();
    }

    @Test
    void rejectsInvalidContactEmail() {
        var response = admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"contactEmail\": \"not-an-address\"}");

        assertBadField(response, "contactEmail");
        assertThat(ticketRows()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contacts").query(Long.class).single())
                .isZero();
    }

    @Test
    void rejectsContactNameWithoutEmail() {
        assertBadField(
                admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"contactName\": \"Nameless\"}"),
                "contactEmail");
    }

    @Test
    void rejectsUnknownAssignee() {
        assertBadField(admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"assigneeId\": 999999}"), "assigneeId");
        assertThat(ticketRows()).isZero();
    }

    @Test
    void rejectsUnknownPriority() {
        assertBadField(
                admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"priority\": \"critical\"}"), "priority");
    }

    @Test
    void rejectsBlankTag() {
        assertBadField(admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"tags\": [\"ok\", \" \"]}"), "tags");
    }

    @Test
    void rejectsTooManyOrTooLongTags() {
        String tooMany =
                IntStream.rangeClosed(1, 21).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(", "));

        assertBadField(admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"tags\": [" + tooMany + "]}"), "tags");
        assertBadField(
                admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"tags\": [\"" + "t".repeat(51) + "\"]}"),
                "tags");
        assertThat(ticketRows()).isZero();
    }

    @Test
    void rejectsTooLongDescription() {
        var response = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"Hi\", \"description\": \"" + "d".repeat(100_001) + "\"}");

        assertBadField(response, "description");
    }

    @Test
    void rejectsMalformedJson() {
        assertProblem(admin().post("/api/v1/tickets", "{\"subject\": "), 400);
        assertProblem(admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"tags\": \"not-a-list\"}"), 400);
        assertThat(ticketRows()).isZero();
    }

    // --- get ---

    @Test
    void getsTicketById() {
        long id = createTicket("Lost password", "high");

        var ticket = admin().get("/api/v1/tickets/" + id);

        assertThat(ticket.status()).isEqualTo(200);
        assertThat(ticket.id()).isEqualTo(id);
        assertThat(ticket.string("$.subject")).isEqualTo("Lost password");
        assertThat(ticket.string("$.priority")).isEqualTo("high");
    }

    @Test
    void answersNotFoundForUnknownTicket() {
        assertProblem(admin().get("/api/v1/tickets/999999"), 404);
    }

    @Test
    void answersBadRequestForNonNumericTicketId() {
        assertBadField(admin().get("/api/v1/tickets/abc"), "id");
    }

    // --- list ---

    @Test
    void listsWithCountsThatIgnoreOnlyTheStatusFilter() {
        createTicket("a", "high");
        createTicket("b", "high");
        long c = createTicket("c", "low");
        admin().patch("/api/v1/tickets/" + c, "{\"status\": \"pending\"}");

        var page = admin().get("/api/v1/tickets?status=open&priority=high");

        assertThat(page.status()).isEqualTo(200);
        assertThat((List<?>) page.json("$.items")).hasSize(2);
        assertThat(page.number("$.total")).isEqualTo(2);
        assertThat((Map<String, Object>) page.json("$.counts"))
                .containsEntry("all", 2)
                .containsEntry("open", 2)
                .containsEntry("pending", 0);
        var all = admin().get("/api/v1/tickets");
        assertThat((Map<String, Object>) all.json("$.counts"))
                .containsOnlyKeys("all", "open", "in_progress", "pending", "resolved", "closed")
                .containsEntry("all", 3)
                .containsEntry("open", 2)
                .containsEntry("pending", 1)
                .containsEntry("in_progress", 0);
        assertThat(all.number("$.total")).isEqualTo(3);
    }

    @Test
    void listsNewestFirst() {
        long first = createTicket("first", "medium");
        long second = createTicket("second", "medium");
        long third = createTicket("third", "medium");

        var page = admin().get("/api/v1/tickets");

        assertThat(ids(page)).containsExactly(third, second, first);
    }

    @Test
    void filtersByStatusAndCountsWithTheStatusLeftOut() {
        long pending = createTicket("waiting", "medium");
        createTicket("fresh", "medium");
        admin().patch("/api/v1/tickets/" + pending, "{\"status\": \"pending\"}");

        var page = admin().get("/api/v1/tickets?status=pending");

        assertThat(ids(page)).containsExactly(pending);
        assertThat(page.number("$.total")).isEqualTo(1);
        assertThat(page.number("$.counts.all")).isEqualTo(2);
        assertThat(page.number("$.counts.open")).isEqualTo(1);
        assertThat(page.number("$.counts.pending")).isEqualTo(1);
    }

    @Test
    void filtersByPriority() {
        long urgent = createTicket("burning", "urgent");
        createTicket("meh", "low");

        var page = admin().get("/api/v1/tickets?priority=urgent");

        assertThat(ids(page)).containsExactly(urgent);
        assertThat(page.number("$.counts.all")).isEqualTo(1);
    }

    @Test
    void searchesSubjectContactEmailAndTicketNumber() {
        long printer = createTicket("Printer jammed", "medium");
        long fromDave = admin().post("/api/v1/tickets", """
                        {"subject": "Question", "contactEmail": "dave@printers.example"}""").id();
        long other = createTicket("Scanner broken", "medium");

        assertThat(ids(admin().get("/api/v1/tickets?q=PRINTER"))).containsExactly(fromDave, printer);
        assertThat(ids(admin().get("/api/v1/tickets?q=jammed"))).containsExactly(printer);
        assertThat(ids(admin().get("/api/v1/tickets?q=dave@"))).containsExactly(fromDave);
        assertThat(ids(admin().get("/api/v1/tickets?q=%23" + other))).containsExactly(other);
        assertThat(ids(admin().get("/api/v1/tickets?q=nothing-like-this"))).isEmpty();
    }

    @Test
    void searchMatchesWordPrefixesAndNeedsEveryWord() {
        long refund = createTicket("Refund for order 1042", "medium");
        long refurbished = createTicket("Refurbished laptop order", "medium");
        createTicket("Login trouble", "medium");

        assertThat(ids(admin().get("/api/v1/tickets?q=refu"))).containsExactly(refurbished, refund);
        assertThat(ids(admin().get("/api/v1/tickets?q=refund+order"))).containsExactly(refund);
        assertThat(ids(admin().get("/api/v1/tickets?q=ORDER+1042"))).containsExactly(refund);
        assertThat(ids(admin().get("/api/v1/tickets?q=laptop+1042"))).isEmpty();
    }

    @Test
    void quotesAndBackslashesInASearchAreOnlySeparators() {
        long irish = createTicket("Order for O'Brien", "medium");
        createTicket("Order for Brian", "medium");

        assertThat(ids(admin().get(search("o'brien")))).containsExactly(irish);
        assertThat(ids(admin().get(search("brien' OR '1'='1")))).isEmpty();
        assertThat(ids(admin().get(search("o\\'brien\\")))).containsExactly(irish);
    }

    @Test
    void searchFindsWordsOfEveryScriptByPrefix() {
        long order = createTicket("注文 1042 の件", "medium");
        long size = createTicket("Größe falsch geliefert", "medium");
        long math = createTicket("Formel \uD835\uDC00\uD835\uDC01 falsch", "medium"); // supplementary letters
        createTicket("Groß und klein", "medium");

        assertThat(ids(admin().get(search("注")))).containsExactly(order);
        assertThat(ids(admin().get(search("GRÖß")))).containsExactly(size);
        assertThat(ids(admin().get("/api/v1/tickets?q=falsch"))).containsExactly(math, size);
        // The range cannot bound a word ending in a supplementary character; the LIKE fallback finds it.
        assertThat(ids(admin().get(search("\uD835\uDC00")))).containsExactly(math);
    }

    private static String search(String query) {
        return "/api/v1/tickets?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void ticketsLoadedBehindTheAppsBackAreFoundOnceTheIndexCaughtUp() {
        jdbc.sql("INSERT INTO tickets (subject, status, priority, source, spam, routing_token, created_at, updated_at)"
                        + " VALUES ('Imported invoice question', 'open', 'medium', 'api', FALSE, 'tok', ?, ?)")
                .params(java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now())
                .update();
        assertThat(ids(admin().get("/api/v1/tickets?q=invoice"))).isEmpty();

        assertThat(ticketIndex.catchUp()).isEqualTo(1);

        assertThat(ids(admin().get("/api/v1/tickets?q=invoice"))).hasSize(1);
    }

    @Test
    void searchTreatsLikeWildcardsAsPlainText() {
        createTicket("Printer jammed", "medium");
        long percent = createTicket("100% broken", "medium");

        assertThat(ids(admin().get("/api/v1/tickets?q=%25"))).containsExactly(percent);
        assertThat(ids(admin().get("/api/v1/tickets?q=_"))).isEmpty();
    }

    @Test
    void countsApplyTheSearchButNotTheStatus() {
        long pendingPrinter = createTicket("Printer offline", "medium");
        long openPrinter = createTicket("Printer jammed", "medium");
        createTicket("Scanner broken", "medium");
        admin().patch("/api/v1/tickets/" + pendingPrinter, "{\"status\": \"pending\"}");

        var page = admin().get("/api/v1/tickets?status=open&q=printer");

        assertThat(ids(page)).containsExactly(openPrinter);
        assertThat(page.number("$.total")).isEqualTo(1);
        assertThat(page.number("$.counts.all")).isEqualTo(2);
        assertThat(page.number("$.counts.open")).isEqualTo(1);
        assertThat(page.number("$.counts.pending")).isEqualTo(1);
    }

    @Test
    void filtersByAssignee() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");
        long mine = admin().post("/api/v1/tickets", "{\"subject\": \"mine\", \"assigneeId\": " + agentId + "}")
                .id();
        long minePending = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"mine too\", \"assigneeId\": " + agentId + "}")
                .id();
        admin().patch("/api/v1/tickets/" + minePending, "{\"status\": \"pending\"}");
        createTicket("nobody's", "medium");

        var page = admin().get("/api/v1/tickets?assigneeId=" + agentId + "&status=open");

        assertThat(ids(page)).containsExactly(mine);
        assertThat(page.number("$.counts.all")).isEqualTo(2);
        assertThat(page.number("$.counts.pending")).isEqualTo(1);
        assertThat(page.string("$.items[0].assignee.email")).isEqualTo("ann@postdesk.test");
    }

    @Test
    void pagesThroughTheList() {
        long t1 = createTicket("1", "medium");
        long t2 = createTicket("2", "medium");
        long t3 = createTicket("3", "medium");
        long t4 = createTicket("4", "medium");
        long t5 = createTicket("5", "medium");

        var first = admin().get("/api/v1/tickets?page=0&size=2");
        var second = admin().get("/api/v1/tickets?page=1&size=2");
        var last = admin().get("/api/v1/tickets?page=2&size=2");
        var beyond = admin().get("/api/v1/tickets?page=3&size=2");

        assertThat(ids(first)).containsExactly(t5, t4);
        assertThat(ids(second)).containsExactly(t3, t2);
        assertThat(ids(last)).containsExactly(t1);
        assertThat(ids(beyond)).isEmpty();
        assertThat(first.number("$.total")).isEqualTo(5);
        assertThat(beyond.number("$.total")).isEqualTo(5);
        assertThat(second.number("$.page")).isEqualTo(1);
        assertThat(second.number("$.size")).isEqualTo(2);
    }

    @Test
    void rejectsPageSizesOutsideOneToHundred() {
        assertBadField(admin().get("/api/v1/tickets?size=0"), "size");
        assertBadField(admin().get("/api/v1/tickets?size=101"), "size");
        assertBadField(admin().get("/api/v1/tickets?page=-1"), "page");
        assertBadField(admin().get("/api/v1/tickets?page=10000&size=100"), "page");
        assertThat(admin().get("/api/v1/tickets?size=100").status()).isEqualTo(200);
    }

    @Test
    void rejectsUnknownFilterValues() {
        assertBadField(admin().get("/api/v1/tickets?status=sleeping"), "status");
        assertBadField(admin().get("/api/v1/tickets?priority=critical"), "priority");
        assertBadField(admin().get("/api/v1/tickets?assigneeId=ann"), "assigneeId");
        assertBadField(admin().get("/api/v1/tickets?size=many"), "size");
    }

    // --- patch ---

    @Test
    void changesStatusPriorityAssigneeAndTags() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"tags\": [\"old\"]}")
                .id();

        var changed = admin().patch("/api/v1/tickets/" + id, """
                {"status": "pending", "priority": "high", "assigneeId": %d, "tags": ["New", "other"]}""".formatted(agentId));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.string("$.status")).isEqualTo("pending");
        assertThat(changed.string("$.priority")).isEqualTo("high");
        assertThat(changed.number("$.assignee.id")).isEqualTo(agentId);
        assertThat((List<String>) changed.json("$.tags")).containsExactly("new", "other");
        var reread = admin().get("/api/v1/tickets/" + id);
        assertThat(reread.string("$.status")).isEqualTo("pending");
        assertThat(reread.string("$.priority")).isEqualTo("high");
        assertThat((List<String>) reread.json("$.tags")).containsExactly("new", "other");
        assertThat(Instant.parse(reread.string("$.updatedAt")))
                .isAfterOrEqualTo(Instant.parse(reread.string("$.createdAt")));
    }

    @Test
    void leavesAbsentFieldsAsTheyAre() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");
        long id = admin().post("/api/v1/tickets", """
                        {"subject": "Hi", "priority": "low", "assigneeId": %d, "tags": ["keep"]}""".formatted(agentId)).id();

        var changed = admin().patch("/api/v1/tickets/" + id, "{\"status\": \"pending\"}");

        assertThat(changed.string("$.priority")).isEqualTo("low");
        assertThat(changed.number("$.assignee.id")).isEqualTo(agentId);
        assertThat((List<String>) changed.json("$.tags")).containsExactly("keep");
    }

    @Test
    void unassignsWithExplicitNullAssignee() {
        long agentId = createStaff("Ann Agent", "ann@postdesk.test", "agent");
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"assigneeId\": " + agentId + "}")
                .id();

        var changed = admin().patch("/api/v1/tickets/" + id, "{\"assigneeId\": null}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat((Object) changed.json("$.assignee")).isNull();
        assertThat((Object) admin().get("/api/v1/tickets/" + id).json("$.assignee"))
                .isNull();
    }

    @Test
    void clearsTagsWithAnEmptyList() {
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"tags\": [\"a\", \"b\"]}")
                .id();

        var changed = admin().patch("/api/v1/tickets/" + id, "{\"tags\": []}");

        assertThat((List<?>) changed.json("$.tags")).isEmpty();
    }

    @Test
    void movesCountsWhenStatusOrPriorityChanges() {
        long id = createTicket("Hi", "low");

        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\", \"priority\": \"high\"}");

        var counts = admin().get("/api/v1/tickets");
        assertThat(counts.number("$.counts.open")).isZero();
        assertThat(counts.number("$.counts.resolved")).isEqualTo(1);
        assertThat(counts.number("$.counts.all")).isEqualTo(1);
        assertThat(admin().get("/api/v1/tickets?priority=high").number("$.counts.resolved"))
                .isEqualTo(1);
        assertThat(admin().get("/api/v1/tickets?priority=low").number("$.counts.all"))
                .isZero();
    }

    @Test
    void rejectsFieldsThatCannotBePatched() {
        long id = createTicket("Hi", "medium");

        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"subject\": \"Renamed\"}"), "subject");
        assertThat(admin().get("/api/v1/tickets/" + id).string("$.subject")).isEqualTo("Hi");
    }

    @Test
    void rejectsNullOrUnknownStatusAndPriority() {
        long id = createTicket("Hi", "medium");

        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"status\": null}"), "status");
        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"status\": \"sleeping\"}"), "status");
        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"status\": 3}"), "status");
        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"priority\": null}"), "priority");
        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"priority\": \"critical\"}"), "priority");
        assertThat(admin().get("/api/v1/tickets/" + id).string("$.status")).isEqualTo("open");
    }

    @Test
    void rejectsUnknownOrMistypedAssigneeAndTags() {
        long id = createTicket("Hi", "medium");

        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"assigneeId\": 999999}"), "assigneeId");
        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"assigneeId\": \"ann\"}"), "assigneeId");
        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"tags\": \"one\"}"), "tags");
        assertBadField(admin().patch("/api/v1/tickets/" + id, "{\"tags\": [1, 2]}"), "tags");
    }

    @Test
    void rejectsMalformedPatchBody() {
        long id = createTicket("Hi", "medium");

        assertProblem(admin().patch("/api/v1/tickets/" + id, "{\"status\": "), 400);
    }

    @Test
    void answersNotFoundWhenPatchingUnknownTicket() {
        assertProblem(admin().patch("/api/v1/tickets/999999", "{\"status\": \"pending\"}"), 404);
    }

    // --- delete ---

    @Test
    void deletesTicketAndDecrementsCounts() {
        long keep = createTicket("keep", "medium");
        long gone = createTicket("gone", "medium");

        var deleted = admin().delete("/api/v1/tickets/" + gone);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.bytes()).isEmpty();
        assertProblem(admin().get("/api/v1/tickets/" + gone), 404);
        assertProblem(admin().get("/api/v1/tickets/" + gone + "/messages"), 404);
        assertProblem(admin().delete("/api/v1/tickets/" + gone), 404);
        var list = admin().get("/api/v1/tickets");
        assertThat(ids(list)).containsExactly(keep);
        assertThat(list.number("$.counts.all")).isEqualTo(1);
        assertThat(list.number("$.counts.open")).isEqualTo(1);
        assertThat(list.number("$.total")).isEqualTo(1);
    }

    @Test
    void deletesTicketWithItsThreadTagsAndCollaborators() {
        long id = admin().post("/api/v1/tickets", """
                        {"subject": "full", "contactEmail": "owner@example.com", "tags": ["a", "b"]}""").id();
        admin().post("/api/v1/tickets/" + id + "/collaborators", "{\"email\": \"colleague@example.com\"}");
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"reply\"}");
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"note\", \"internal\": true}");

        assertThat(admin().delete("/api/v1/tickets/" + id).status()).isEqualTo(204);

        for (String table : List.of("tickets", "ticket_messages", "ticket_tags", "ticket_collaborators")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        assertThat(admin().get("/api/v1/contacts?email=owner@example.com").status())
                .isEqualTo(200);
    }

    @Test
    void answersNotFoundWhenDeletingUnknownTicket() {
        assertProblem(admin().delete("/api/v1/tickets/999999"), 404);
    }

    // --- collaborators ---

    @Test
    void addsAndRemovesCollaborators() {
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"contactEmail\": \"owner@example.com\"}")
                .id();

        var added = admin().post(
                        "/api/v1/tickets/" + id + "/collaborators",
                        "{\"email\": \"Colleague@Example.com\", \"name\": \"Col League\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.string("$.email")).isEqualTo("colleague@example.com");
        assertThat(added.string("$.name")).isEqualTo("Col League");
        var ticket = admin().get("/api/v1/tickets/" + id);
        assertThat((List<String>) ticket.json("$.collaborators[*].email")).containsExactly("colleague@example.com");

        var removed = admin().delete("/api/v1/tickets/" + id + "/collaborators/" + added.id());

        assertThat(removed.status()).isEqualTo(204);
        assertThat((List<?>) admin().get("/api/v1/tickets/" + id).json("$.collaborators"))
                .isEmpty();
    }

    @Test
    void doesNotAddTheContactAsTheirOwnCollaborator() {
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Hi\", \"contactEmail\": \"owner@example.com\"}")
                .id();

        var added = admin().post("/api/v1/tickets/" + id + "/collaborators", "{\"email\": \"OWNER@example.com\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat((List<?>) admin().get("/api/v1/tickets/" + id).json("$.collaborators"))
                .isEmpty();
    }

    @Test
    void rejectsInvalidCollaboratorAndUnknownTicket() {
        long id = createTicket("Hi", "medium");

        assertBadField(admin().post("/api/v1/tickets/" + id + "/collaborators", "{\"email\": \"nope\"}"), "email");
        assertProblem(admin().post("/api/v1/tickets/999999/collaborators", "{\"email\": \"a@example.com\"}"), 404);
        assertProblem(admin().delete("/api/v1/tickets/999999/collaborators/1"), 404);
    }

    // --- authentication ---

    @Test
    void rejectsMissingToken() {
        var response = anonymous().get("/api/v1/tickets");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void rejectsWrongToken() {
        var response = as("not-a-real-token").get("/api/v1/tickets");

        assertProblem(response, 401);
    }

    @Test
    void letsAgentsWorkOnTickets() {
        var agent = newAgent("ann@postdesk.test");

        var created = agent.post("/api/v1/tickets", "{\"subject\": \"From an agent\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(agent.patch("/api/v1/tickets/" + created.id(), "{\"status\": \"pending\"}")
                        .status())
                .isEqualTo(200);
        assertThat(ids(agent.get("/api/v1/tickets"))).containsExactly(created.id());
    }

    private long createTicket(String subject, String priority) {
        return admin().post("/api/v1/tickets", "{\"subject\": \"" + subject + "\", \"priority\": \"" + priority + "\"}")
                .id();
    }

    private long ticketRows() {
        return jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single();
    }

    static List<Long> ids(Response page) {
        assertThat(page.status()).as("list answer %s", page).isEqualTo(200);
        List<Number> ids = page.json("$.items[*].id");
        return ids.stream().map(Number::longValue).toList();
    }
}
