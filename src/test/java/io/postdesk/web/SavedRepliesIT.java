package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import io.postdesk.settings.SavedReplies;
import io.postdesk.shared.ConflictException;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Saved replies: stored and kept unique by name, managed by admins only, inserted with placeholders filled. */
class SavedRepliesIT extends IntegrationTest {

    private static final String AGENT_PASSWORD = "correct horse battery staple";

    @Autowired
    SavedReplies replies;

    @BeforeEach
    void noSavedReplies() {
        jdbc.sql("DELETE FROM saved_replies").update();
    }

    @Test
    void storesListsByNameUpdatesAndDeletes() {
        var thanks = replies.create("Thanks", "Thank you!");
        replies.create("  Apology ", "Sorry\r\nabout that.");

        assertThat(replies.all()).extracting(r -> r.name()).containsExactly("Apology", "Thanks");
        assertThat(replies.all().getFirst().body()).isEqualTo("Sorry\nabout that.");

        replies.update(thanks.id(), "Thanks a lot", "Many thanks!");
        assertThat(replies.get(thanks.id()).body()).isEqualTo("Many thanks!");

        replies.delete(thanks.id());
        assertThat(replies.all()).extracting(r -> r.name()).containsExactly("Apology");
        assertThatThrownBy(() -> replies.get(thanks.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusesADuplicateNameAnEmptyBodyAndAnOverlongOne() {
        var first = replies.create("Greeting", "Hi");
        var other = replies.create("Other", "Hello");

        assertThatThrownBy(() -> replies.create("Greeting", "Hi again")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> replies.update(other.id(), "Greeting", "x")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> replies.create("Blank", "  ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> replies.create("Long", "x".repeat(20_001))).isInstanceOf(InvalidInputException.class);
        assertThat(replies.get(first.id()).body()).isEqualTo("Hi");
    }

    @Test
    void adminsManageThemInSettingsWithFormErrorsAndAgentsCannot() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/saved-replies");

        var added = admin.post("/settings/saved-replies", Map.of("name", "Greeting", "body", "Hi {{contact.name}}"));
        var again = admin.post("/settings/saved-replies", Map.of("name", "Greeting", "body", "Hello"));
        var empty = admin.post("/settings/saved-replies", Map.of("name", "", "body", "Hello"));

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(added.body()).select("#saved-reply-notice").text())
                .isEqualTo("Saved reply added.");
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(again.body()).select("#saved-reply-error").text())
                .isEqualTo("Name: is already used by another saved reply");
        // The refused draft stays in the form so nothing typed is lost.
        assertThat(Jsoup.parse(again.body()).select("#saved-reply-body").text()).isEqualTo("Hello");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(replies.all()).hasSize(1);

        long id = replies.all().getFirst().id();
        assertThat(admin.post("/settings/saved-replies/" + id, Map.of("name", "Hello", "body", "Hello there"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(replies.get(id).name()).isEqualTo("Hello");

        long ticket = admin().post("/api/v1/tickets", "{\"subject\": \"S\", \"contactEmail\": \"c@example.com\"}")
                .id();
        var agent = agentSession("ann@postdesk.test");
        // A valid CSRF token first, so the 403s below are the role check, not a missing token.
        assertThat(agent.get("/tickets/" + ticket).statusCode()).isEqualTo(200);
        assertThat(agent.get("/settings/saved-replies").statusCode()).isEqualTo(403);
        assertThat(agent.post("/settings/saved-replies", Map.of("name", "Mine", "body", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(agent.post("/settings/saved-replies/" + id + "/delete", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(replies.all()).hasSize(1);
    }

    @Test
    void anAgentInsertsOneWithThePlaceholdersFilledAfterWhatTheyTyped() {
        var reply = replies.create(
                "Greeting",
                "Hi {{contact.name}}, ticket #{{ticket.id}} ({{ticket.subject}}). {{agent.name}} {{contact.nmae}}");
        long ticket = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"Printer <b>on fire</b>\", \"contactEmail\": \"carol@example.com\","
                                + " \"contactName\": \"Carol\"}")
                .id();
        var agent = agentSession("ann@postdesk.test");
        agent.get("/tickets/" + ticket);

        var picker = agent.get("/tickets/" + ticket + "/saved-replies");
        var inserted = agent.post(
                "/tickets/" + ticket + "/saved-replies/insert",
                Map.of("savedReply", Long.toString(reply.id()), "body", "Thanks for waiting.  "));

        assertThat(Jsoup.parse(picker.body()).select("#saved-reply option").eachText())
                .containsExactly("Choose…", "Greeting");
        assertThat(inserted.statusCode()).isEqualTo(200);
        var textarea = Jsoup.parse(inserted.body()).getElementById("reply-body");
        assertThat(textarea.attr("name")).isEqualTo("body");
        assertThat(textarea.wholeText())
                .isEqualTo("Thanks for waiting.\n\nHi Carol, ticket #" + ticket
                        + " (Printer <b>on fire</b>). Agent ann@postdesk.test {{contact.nmae}}");
        // The picker comes back reset (out of band), so the same reply can be chosen again.
        var picker2 = Jsoup.parse(inserted.body()).getElementById("saved-reply-picker");
        assertThat(picker2.attr("hx-swap-oob")).isEqualTo("true");
        assertThat(picker2.select("option[selected]")).isEmpty();
        // The subject is text in the textarea, never markup on the page.
        assertThat(inserted.body()).doesNotContain("<b>on fire</b>");
    }

    @Test
    void anUnknownSavedReplyIsANotFoundNotAServerError() {
        long ticket = admin().post("/api/v1/tickets", "{\"subject\": \"S\", \"contactEmail\": \"c@example.com\"}")
                .id();
        var agent = agentSession("ann@postdesk.test");
        agent.get("/tickets/" + ticket);

        var missing =
                agent.post("/tickets/" + ticket + "/saved-replies/insert", Map.of("savedReply", "999999", "body", ""));

        assertThat(missing.statusCode()).isEqualTo(404);
    }

    private WebSession agentSession(String email) {
        var created = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"Agent " + email + "\", \"email\": \"" + email
                                + "\", \"role\": \"agent\", \"password\": \"" + AGENT_PASSWORD + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return WebSession.staff(port, email, AGENT_PASSWORD);
    }
}
