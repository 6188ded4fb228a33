package io.postdesk.api;

import static io.postdesk.api.TicketApiIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search language of {@code q} over the API, on H2 and on PostgreSQL (failsafe runs it on both). */
class TicketSearchIT extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @org.springframework.beans.factory.annotation.Autowired
    io.postdesk.ticket.TicketIndex ticketIndex;

    @Test
    void findsWordsOfMessagesNamesTagsFileNamesAndForStaffTeamNotes() {
        long csv = ticket("Export broken", "zed@searchers.example", "Zed Quinlan");
        admin().post("/api/v1/tickets/" + csv + "/replies", "{\"body\": \"The CSV export fails with error 500.\"}");
        admin().post("/api/v1/tickets/" + csv + "/replies", "{\"body\": \"Noted: xylophonic\", \"internal\": true}");
        long tagged = ticket("Something else", "yan@searchers.example", null);
        admin().patch("/api/v1/tickets/" + tagged, "{\"tags\": [\"quokkaish\"]}");
        long filed = ticket("With a file", "xi@searchers.example", null);
        admin().multipart(
                        "/api/v1/tickets/" + filed + "/replies",
                        java.util.Map.of("body", "see file"),
                        java.util.Map.of("wombatreport.txt", "content".getBytes(StandardCharsets.UTF_8)));

        assertThat(search("csv export")).containsExactly(csv);
        assertThat(search("quinl")).containsExactly(csv);
        assertThat(search("quokka")).containsExactly(tagged);
        assertThat(search("wombatrep")).containsExactly(filed);
        assertThat(search("xylophonic"))
                .as("staff search team notes (the portal never does: PortalIT)")
                .containsExactly(csv);
        assertThat(search("zed quinlan fails")).containsExactly(csv);
        assertThat(search("quokkaish -quokka")).isEmpty();
    }

    @Test
    void phrasesMustAppearAsWrittenAndMinusExcludes() {
        long right = ticket("Gizmotron error 500 on export", "a@phrases.example", null);
        long wrong = ticket("Gizmotron export gives 500 error", "b@phrases.example", null);
        long inBody = ticket("Gizmotron other", "c@phrases.example", null);
        admin().post("/api/v1/tickets/" + inBody + "/replies", "{\"body\": \"We saw Error 500 twice.\"}");

        assertThat(search("gizmotron")).containsExactly(inBody, wrong, right);
        assertThat(search("gizmotron \"error 500\"")).containsExactly(inBody, right);
        assertThat(search("gizmotron -export")).containsExactly(inBody);
        assertThat(search("gizmotron -\"500 error\"")).isEmpty();
    }

    @Test
    void fieldFiltersNarrow() {
        long agent = createStaff("Fay Field", "fay@fields.example", "agent");
        long fromFred = ticket("Fieldtest one", "fred@fields.example", "Fred Stone");
        long assigned = ticket("Fieldtest two", "gail@fields.example", null);
        admin().patch(
                        "/api/v1/tickets/" + assigned,
                        "{\"assigneeId\": " + agent
                                + ", \"priority\": \"urgent\", \"status\": \"pending\", \"tags\": [\"vip\"]}");
        long mine = ticket("Fieldtest three", "hal@fields.example", null);
        admin().patch("/api/v1/tickets/" + mine, "{\"assigneeId\": " + adminId() + "}");
        admin().post("/api/v1/tickets/" + mine + "/collaborators", "{\"email\": \"ivy@fields.example\"}");

        assertThat(search("fieldtest from:fred@fields.example")).containsExactly(fromFred);
        assertThat(search("fieldtest from:stone")).containsExactly(fromFred);
        assertThat(search("fieldtest to:ivy")).containsExactly(mine);
        assertThat(search("fieldtest tag:vip")).containsExactly(assigned);
        assertThat(search("fieldtest status:pending")).containsExactly(assigned);
        assertThat(search("fieldtest priority:urgent")).containsExactly(assigned);
        assertThat(search("fieldtest assignee:fay@fields.example")).containsExactly(assigned);
        assertThat(search("fieldtest assignee:me")).containsExactly(mine);
        assertThat(search("fieldtest assignee:none")).containsExactly(fromFred);
        assertThat(search("fieldtest is:unassigned")).containsExactly(fromFred);
        assertThat(search("fieldtest after:2000-01-01 before:2999-01-01")).containsExactly(mine, assigned, fromFred);
        assertThat(search("fieldtest before:2000-01-01")).isEmpty();
        assertThat(search("fieldtest after:2999-01-01")).isEmpty();
        assertThat(search("#" + assigned)).containsExactly(assigned);
    }

    @Test
    void wordsMatchByStemAndByPrefix() {
        long refund = ticket("Money back", "r@stems.example", null);
        admin().post("/api/v1/tickets/" + refund + "/replies", "{\"body\": \"We are refunding your order today.\"}");
        long other = ticket("Fundamentals", "f@stems.example", null);

        assertThat(search("refunds")).containsExactly(refund);
        assertThat(search("refun")).containsExactly(refund);
        assertThat(search("fund")).as("a prefix starts a word").containsExactly(other);
    }

    @Test
    void sortByRelevancePutsTheBestMatchFirst() {
        long body = ticket("Ordinary subject", "a@rank.example", null);
        admin().post("/api/v1/tickets/" + body + "/replies", "{\"body\": \"the zebrafish tank leaks\"}");
        long subject = ticket("Zebrafish zebrafish tank", "b@rank.example", null);
        long newest = ticket("Unrelated", "c@rank.example", null);
        admin().post("/api/v1/tickets/" + newest + "/replies", "{\"body\": \"a zebrafish\"}");

        assertThat(search("zebrafish")).containsExactly(newest, subject, body);
        var ranked = admin().get("/api/v1/tickets?sort=relevance&q=zebrafish+tank");
        assertThat(ids(ranked)).containsExactly(subject, body);
        assertThat(admin().get("/api/v1/tickets?sort=nonsense&q=zebrafish").status())
                .isEqualTo(400);
    }

    @Test
    void badFieldValuesAreProblemsNotErrors() {
        for (String q : List.of("status:sleeping", "before:tomorrow", "priority:x", "is:open")) {
            var response = admin().get("/api/v1/tickets?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertThat(response.status()).as(q).isEqualTo(400);
            assertThat(response.string("$.field")).as(q).isEqualTo("q");
        }
    }

    @Test
    void listItemsCarryAnEscapedSnippetOfWhereTheSearchWasFound() {
        long id = ticket("Snippettest", "s@snippets.example", null);
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"<b>Hi</b> the nebulizer broke & stopped\"}");

        var page = admin().get("/api/v1/tickets?q=nebuliz");
        assertThat(ids(page)).containsExactly(id);
        assertThat(page.string("$.items[0].snippet"))
                .isEqualTo("&lt;b&gt;Hi&lt;/b&gt; the <mark>nebulizer</mark> broke &amp; stopped");
        assertThat((Boolean) page.json("$.countsCapped")).isFalse();
        assertThat((List<?>) admin().get("/api/v1/tickets?q=snippettest").json("$.items[?(@.snippet)]"))
                .as("no snippet where only the subject matched")
                .isEmpty();
    }

    @Test
    void countsOfASearchThatMatchesMoreThanTenThousandAreCapped() throws Exception {
        int n = io.postdesk.ticket.StatusCounts.CAP + 5;
        try (var connection = dataSource.getConnection()) {
            try (var insert = connection.prepareStatement("INSERT INTO tickets (subject, status, priority, source,"
                    + " routing_token, created_at, updated_at) VALUES (?, ?, 'medium', 'api', 'tok', ?, ?)")) {
                var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
                for (int i = 0; i < n; i++) {
                    insert.setString(1, "Capword " + i);
                    insert.setString(2, i % 2 == 0 ? "open" : "closed");
                    insert.setObject(3, now);
                    insert.setObject(4, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        assertThat(ticketIndex.catchUp()).isEqualTo(n);
        try {
            var page = admin().get("/api/v1/tickets?q=capword");
            assertThat(page.status()).isEqualTo(200);
            assertThat((Boolean) page.json("$.countsCapped")).isTrue();
            assertThat(page.number("$.counts.all")).isEqualTo(io.postdesk.ticket.StatusCounts.CAP + 1);
            assertThat(ids(page)).hasSize(25);
            var closed = admin().get("/api/v1/tickets?status=closed&q=capword");
            assertThat(ids(closed)).hasSize(25);
            var exact = admin().get("/api/v1/tickets?q=capword+%2210004%22");
            assertThat((Boolean) exact.json("$.countsCapped")).isFalse();
            assertThat(exact.number("$.counts.all")).isEqualTo(1);
        } finally {
            jdbc.sql("DELETE FROM tickets WHERE subject LIKE 'Capword %'").update();
        }
    }

    private List<Long> search(String q) {
        return ids(admin().get("/api/v1/tickets?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
    }

    private long ticket(String subject, String email, @org.jspecify.annotations.Nullable String name) {
        return admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"contactEmail\": \"" + email + "\""
                                + (name == null ? "" : ", \"contactName\": \"" + name + "\"") + "}")
                .id();
    }
}
