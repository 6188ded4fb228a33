package io.postdesk.api;

import static io.postdesk.api.ProblemAssertions.assertBadField;
import static io.postdesk.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding customers: {@code GET /api/v1/contacts?email=} (exact) and {@code ?prefix=}, and by id. */
class ContactApiIT extends IntegrationTest {

    @Test
    void findsContactByExactEmailWhateverItsCase() {
        long contactId = newContact("Bob@Example.com", "Bob");
        newContact("bobby@example.com", "Bobby");

        var found = admin().get("/api/v1/contacts?email=BOB@example.COM");

        assertThat(found.status()).isEqualTo(200);
        assertThat((List<?>) found.json("$")).hasSize(1);
        assertThat(found.number("$[0].id")).isEqualTo(contactId);
        assertThat(found.string("$[0].name")).isEqualTo("Bob");
        assertThat(found.string("$[0].email")).isEqualTo("bob@example.com");
    }

    @Test
    void answersEmptyListForUnknownEmail() {
        newContact("bob@example.com", "Bob");

        var found = admin().get("/api/v1/contacts?email=bo@example.com");

        assertThat(found.status()).isEqualTo(200);
        assertThat((List<?>) found.json("$")).isEmpty();
    }

    @Test
    void rejectsInvalidEmail() {
        assertBadField(admin().get("/api/v1/contacts?email=not-an-email"), "email");
        assertBadField(admin().get("/api/v1/contacts?email="), "email");
    }

    @Test
    void searchesByEmailPrefix() {
        newContact("alice@example.com", "Alice");
        newContact("albert@example.com", "Albert");
        newContact("bob@example.com", "Bob");

        var found = admin().get("/api/v1/contacts?prefix=AL");

        assertThat((List<String>) found.json("$[*].email")).containsExactly("albert@example.com", "alice@example.com");
    }

    @Test
    void getsContactById() {
        long contactId = newContact("carol@example.com", "Carol");

        var contact = admin().get("/api/v1/contacts/" + contactId);

        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.string("$.email")).isEqualTo("carol@example.com");
        assertThat(contact.string("$.name")).isEqualTo("Carol");
        assertProblem(admin().get("/api/v1/contacts/999999"), 404);
    }

    @Test
    void letsAgentsLookUpContacts() {
        newContact("dave@example.com", "Dave");

        var found = newAgent("ann@postdesk.test").get("/api/v1/contacts?email=dave@example.com");

        assertThat((List<String>) found.json("$[*].name")).containsExactly("Dave");
    }

    private long newContact(String email, String name) {
        return admin().post("/api/v1/tickets", """
                        {"subject": "Hi", "contactEmail": "%s", "contactName": "%s"}""".formatted(email, name)).number("$.contact.id");
    }
}
