package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static io.postdesk.api.TicketApiIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spam list ({@code /api/v1/spam-list}) and marking tickets as spam ({@code /tickets/{id}/spam}). */
class SpamListApiIT extends IntegrationTest {

    @Test
    void addsAddressesAndDomainsInCanonicalForm() {
        var address = admin().post("/api/v1/spam-list", "{\"entry\": \"  Spammer@Example.COM \"}");
        var domain = admin().post("/api/v1/spam-list", "{\"entry\": \"*@Junk.Example\"}");

        assertThat(address.status()).isEqualTo(201);
        assertThat(address.string("$.entry")).isEqualTo("spammer@example.com");
        assertThat(domain.status()).isEqualTo(201);
        assertThat(domain.string("$.entry")).isEqualTo("*@junk.example");
        var list = admin().get("/api/v1/spam-list");
        assertThat(list.status()).isEqualTo(200);
        assertThat((List<String>) list.json("$[*].entry")).containsExactly("*@junk.example", "spammer@example.com");
        assertThat((List<String>) list.json("$[*].createdAt"))
                .allSatisfy(t -> assertThat(t).isNotBlank());
    }

    @Test
    void addingAnEntryTwiceKeepsOne() {
        admin().post("/api/v1/spam-list", "{\"entry\": \"spammer@example.com\"}");

        var again = admin().post("/api/v1/spam-list", "{\"entry\": \"SPAMMER@example.com\"}");

        assertThat(again.status()).isEqualTo(201);
        assertThat((List<?>) admin().get("/api/v1/spam-list").json("$")).hasSize(1);
    }

    @Test
    void rejectsEntriesThatAreNeitherAddressNorDomain() {
        assertBadField(admin().post("/api/v1/spam-list", "{\"entry\": \"not-an-address\"}"), "entry");
        assertBadField(admin().post("/api/v1/spam-list", "{\"entry\": \"*@\"}"), "entry");
        assertBadField(admin().post("/api/v1/spam-list", "{\"entry\": \"*@not a domain\"}"), "entry");
        assertBadField(admin().post("/api/v1/spam-list", "{\"entry\": \" \"}"), "entry");
        assertBadField(admin().post("/api/v1/spam-list", "{}"), "entry");
        assertThat((List<?>) admin().get("/api/v1/spam-list").json("$")).isEmpty();
    }

    @Test
    void removesEntries() {
        admin().post("/api/v1/spam-list", "{\"entry\": \"spammer@example.com\"}");
        admin().post("/api/v1/spam-list", "{\"entry\": \"*@junk.example\"}");

        var address = admin().delete("/api/v1/spam-list/Spammer@Example.com");
        var domain = admin().delete("/api/v1/spam-list/*@junk.example");

        assertThat(address.status()).isEqualTo(204);
        assertThat(domain.status()).isEqualTo(204);
        assertThat((List<?>) admin().get("/api/v1/spam-list").json("$")).isEmpty();
    }

    @Test
    void answersNotFoundWhenRemovingAnUnknownEntry() {
        admin().post("/api/v1/spam-list", "{\"entry\": \"spammer@example.com\"}");

        assertProblem(admin().delete("/api/v1/spam-list/someone@example.com"), 404);
        assertThat((List<?>) admin().get("/api/v1/spam-list").json("$")).hasSize(1);
    }

    // --- marking tickets ---

    @Test
    void markingATicketAsSpamListsItsContactAndHidesIt() {
        long spam = admin().post("/api/v1/tickets", """
                        {"subject": "Cheap pills", "contactEmail": "Pills@Spam.Example"}""").id();
        long real = admin().post("/api/v1/tickets", "{\"subject\": \"Real question\"}")
                .id();

        var marked = admin().post("/api/v1/tickets/" + spam + "/spam", "");

        assertThat(marked.status()).isEqualTo(200);
        assertThat((Boolean) marked.json("$.spam")).isTrue();
        assertThat((List<String>) admin().get("/api/v1/spam-list").json("$[*].entry"))
                .containsExactly("pills@spam.example");
        var defaultList = admin().get("/api/v1/tickets");
        assertThat(ids(defaultList)).containsExactly(real);
        assertThat(defaultList.number("$.counts.all")).isEqualTo(1);
        assertThat(defaultList.number("$.total")).isEqualTo(1);
        var spamList = admin().get("/api/v1/tickets?spam=true");
        assertThat(ids(spamList)).containsExactly(spam);
        assertThat(spamList.number("$.counts.all")).isEqualTo(1);
        assertThat(ids(admin().get("/api/v1/tickets?q=pills"))).isEmpty();
        assertThat((Boolean) admin().get("/api/v1/tickets/" + spam).json("$.spam"))
                .isTrue();
    }

    @Test
    void unmarkingSpamShowsTheTicketAgain() {
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Not spam\", \"contactEmail\": \"ok@example.com\"}")
                .id();
        admin().post("/api/v1/tickets/" + id + "/spam", "");

        var unmarked = admin().delete("/api/v1/tickets/" + id + "/spam");

        assertThat(unmarked.status()).isEqualTo(200);
        assertThat((Boolean) unmarked.json("$.spam")).isFalse();
        var list = admin().get("/api/v1/tickets");
        assertThat(ids(list)).containsExactly(id);
        assertThat(list.number("$.counts.open")).isEqualTo(1);
        assertThat(ids(admin().get("/api/v1/tickets?spam=true"))).isEmpty();
    }

    @Test
    void markingATicketWithoutContactListsNothing() {
        long id =
                admin().post("/api/v1/tickets", "{\"subject\": \"anonymous\"}").id();

        var marked = admin().post("/api/v1/tickets/" + id + "/spam", "");

        assertThat((Boolean) marked.json("$.spam")).isTrue();
        assertThat((List<?>) admin().get("/api/v1/spam-list").json("$")).isEmpty();
    }

    @Test
    void agentsMayMarkSpamButNotEditTheList() {
        var agent = newAgent("ann@postdesk.test");
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"spam\", \"contactEmail\": \"bad@example.com\"}")
                .id();

        assertThat(agent.post("/api/v1/tickets/" + id + "/spam", "").status()).isEqualTo(200);
        assertProblem(agent.post("/api/v1/spam-list", "{\"entry\": \"x@example.com\"}"), 403);
        assertProblem(agent.delete("/api/v1/spam-list/bad@example.com"), 403);
        assertThat((List<String>) agent.get("/api/v1/spam-list").json("$[*].entry"))
                .containsExactly("bad@example.com");
    }

    @Test
    void answersNotFoundWhenMarkingUnknownTicket() {
        assertProblem(admin().post("/api/v1/tickets/999999/spam", ""), 404);
        assertProblem(admin().delete("/api/v1/tickets/999999/spam"), 404);
    }
}
