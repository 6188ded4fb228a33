package io.postdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.contact.SignInLinks;
import io.postdesk.shared.EmailAddress;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The portal's walls: a customer sees and touches only the tickets they take part in, never internal notes. */
class PortalIT extends IntegrationTest {

    @Autowired
    SignInLinks links;

    @Autowired
    ContactDirectory contacts;

    @Test
    void customersSeeOnlyTheirOwnTicketsWithoutInternalNotes() throws Exception {
        long alices = ticket("alice@example.com", "Alice's problem");
        long bobs = ticket("bob@example.com", "Bob's problem");
        admin().post("/api/v1/tickets/" + alices + "/replies", "{\"body\": \"Public answer\"}");
        admin().post(
                        "/api/v1/tickets/" + alices + "/replies",
                        "{\"body\": \"Secret team remark\", \"internal\": true}");
        var alice = signedIn("alice@example.com");

        String list = alice.get("/portal").body();
        String own = alice.get("/portal/tickets/" + alices).body();

        assertThat(list).contains("Alice&#39;s problem").doesNotContain("Bob");
        assertThat(own).contains("Public answer").doesNotContain("Secret team remark");
        assertThat(alice.get("/portal/tickets/" + bobs).statusCode()).isEqualTo(404);
        assertThat(alice.get("/portal/tickets/999999").statusCode()).isEqualTo(404);
        assertThat(alice.post("/portal/tickets/" + bobs + "/replies", "body=intrusion")
                        .statusCode())
                .isEqualTo(404);
        assertThat((java.util.List<?>)
                        admin().get("/api/v1/tickets/" + bobs + "/messages").json("$"))
                .isEmpty();
    }

    @Test
    void customersSearchOnlyTheirOwnTicketsAndNeverByTeamNotes() throws Exception {
        long found = ticket("carla@example.com", "Portalsearch toaster");
        long other = ticket("carla@example.com", "Portalsearch kettle");
        long foreign = ticket("dirk@example.com", "Portalsearch toaster too");
        admin().post("/api/v1/tickets/" + other + "/replies", "{\"body\": \"Try the fuse\"}");
        admin().post("/api/v1/tickets/" + found + "/replies", "{\"body\": \"zanzibarnote\", \"internal\": true}");
        var carla = signedIn("carla@example.com");

        String toaster = carla.get("/portal?q=toaster").body();
        String fuse = carla.get("/portal?q=fuse").body();
        String note = carla.get("/portal?q=zanzibarnote").body();

        assertThat(toaster)
                .contains("data-ticket=\"" + found + "\"")
                .doesNotContain("data-ticket=\"" + foreign + "\"")
                .doesNotContain("data-ticket=\"" + other + "\"");
        assertThat(fuse).contains("data-ticket=\"" + other + "\"").doesNotContain("data-ticket=\"" + found + "\"");
        assertThat(note).doesNotContain("data-ticket=").contains("No ticket matches this search.");
        assertThat(carla.get("/portal?q=assignee%3Anone").statusCode()).isEqualTo(400);
    }

    @Test
    void collaboratorsSeeTheTicketsTheyFollow() throws Exception {
        long shared = ticket("owner@example.com", "Shared problem");
        admin().post("/api/v1/tickets/" + shared + "/collaborators", "{\"email\": \"colleague@example.com\"}");
        var colleague = signedIn("colleague@example.com");

        assertThat(colleague.get("/portal").body()).contains("Shared problem");
        assertThat(colleague.get("/portal/tickets/" + shared).statusCode()).isEqualTo(200);
    }

    @Test
    void attachmentsOfOtherCustomersAndOfInternalNotesAreNotFound() throws Exception {
        long alices = ticket("alice@example.com", "With files");
        long bobs = ticket("bob@example.com", "Bob's files");
        long publicFile = attach(alices, false);
        long noteFile = attach(alices, true);
        long bobsFile = attach(bobs, false);
        var alice = signedIn("alice@example.com");

        assertThat(alice.get("/portal/attachments/" + publicFile).statusCode()).isEqualTo(200);
        var page = org.jsoup.Jsoup.parse(alice.get("/portal/tickets/" + alices).body());
        assertThat(page.select(".attachments li").text()).isEqualTo("file.txt 7 B");
        assertThat(alice.get("/portal/attachments/" + noteFile).statusCode()).isEqualTo(404);
        assertThat(alice.get("/portal/attachments/" + bobsFile).statusCode()).isEqualTo(404);
    }

    @Test
    void customerReplyReopensAResolvedTicket() throws Exception {
        long id = ticket("carol@example.com", "Resolved one");
        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}");
        var carol = signedIn("carol@example.com");

        var reply = carol.post(
                "/portal/tickets/" + id + "/replies",
                "body=" + URLEncoder.encode("It broke again", StandardCharsets.UTF_8));

        assertThat(reply.statusCode()).isEqualTo(302);
        assertThat((String) admin().get("/api/v1/tickets/" + id).json("$.status"))
                .isEqualTo("open");
    }

    @Test
    void withoutSmtpTheLinkRequestSaysToAskSupportTheSameForEveryAddress() throws Exception {
        contacts.findOrCreate(new EmailAddress("known@example.com"), null);
        var anyone = new Session();
        anyone.get("/portal/login");

        String known =
                anyone.post("/portal/sign-in-link", "email=known%40example.com").body();
        String unknown = anyone.post("/portal/sign-in-link", "email=nobody%40example.com")
                .body();

        assertThat(known).contains("cannot send email at the moment").doesNotContain("is on its way");
        assertThat(org.jsoup.Jsoup.parse(unknown).select("main").text())
                .isEqualTo(org.jsoup.Jsoup.parse(known).select("main").text());
    }

    @Test
    void portalTicketsHaveSourcePortal() throws Exception {
        contacts.findOrCreate(new EmailAddress("dan@example.com"), null);
        var dan = signedIn("dan@example.com");

        var created = dan.post("/portal/tickets", "subject=Portal+ticket&description=Opened+in+the+portal");

        assertThat(created.statusCode()).isEqualTo(302);
        long id = Long.parseLong(
                created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        assertThat((String) admin().get("/api/v1/tickets/" + id).json("$.source"))
                .isEqualTo("portal");
        // The customer's own first message heads the thread they see.
        var thread =
                org.jsoup.Jsoup.parse(dan.get("/portal/tickets/" + id).body()).select("#thread article");
        assertThat(thread).hasSize(1);
        assertThat(thread.text()).contains("You").contains("Opened in the portal");
    }

    @Test
    void signInLinksWorkOnceAndCustomerSessionsDoNotOpenTheDashboard() throws Exception {
        var contact = contacts.findOrCreate(new EmailAddress("erin@example.com"), null);
        String token = links.issue(contact.id()).token();
        var browser = new Session();

        assertThat(browser.get("/portal/sign-in?token=" + token).statusCode()).isEqualTo(302);
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);
        assertThat(new Session().get("/portal/sign-in?token=" + token).body()).contains("expired or was already used");
        assertThat(browser.get("/").statusCode()).isIn(302, 403);
        assertThat(browser.get("/settings").statusCode()).isIn(302, 403);
    }

    @Test
    void passwordSignInIsBlockedForAnEmailAfterFiveFailures() throws Exception {
        var guessed = contacts.findOrCreate(new EmailAddress("guessed@example.com"), null);
        contacts.changePassword(guessed.id(), "right-password");
        var other = contacts.findOrCreate(new EmailAddress("other@example.com"), null);
        contacts.changePassword(other.id(), "other-password");
        var attacker = new Session();
        attacker.get("/portal/login");

        for (int i = 0; i < 5; i++) {
            var failed = attacker.post("/portal/login", "email=guessed%40example.com&password=wrong-" + i);
            assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/portal/login?error");
        }
        var blocked = attacker.post("/portal/login", "email=guessed%40example.com&password=right-password");

        assertThat(blocked.headers().firstValue("Location").orElseThrow()).endsWith("/portal/login?error");
        assertThat(attacker.get("/portal/login?error").body()).contains("Too many failed sign-ins");
        assertThat(attacker.get("/portal").statusCode()).isEqualTo(302);
        var someoneElse = new Session();
        someoneElse.get("/portal/login");
        var signedIn = someoneElse.post("/portal/login", "email=other%40example.com&password=other-password");
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/portal");
    }

    @Test
    void contactFormOpensTicketAndStopsBotsAndFloods() {
        var created = anonymous().post("/api/public/contact", """
                {"name": "Fay", "email": "fay@example.com", "subject": "Question", "message": "How much?"}""");
        var bot = anonymous().post("/api/public/contact", """
                {"name": "Bot", "email": "bot@example.com", "subject": "Buy", "message": "Spam", "website": "http://x"}""");
        var blank = anonymous().post("/api/public/contact", "{\"email\": \"fay@example.com\", \"subject\": \"x\"}");

        assertThat(created.status()).isEqualTo(201);
        long id = ((Number) created.json("$.ticketId")).longValue();
        assertThat((String) admin().get("/api/v1/tickets/" + id).json("$.source"))
                .isEqualTo("contact_form");
        assertThat(bot.status()).isEqualTo(400);
        assertThat(blank.status()).isEqualTo(400);
        assertThat((String) blank.json("$.field")).isEqualTo("message");
        int status = 0;
        for (int i = 0; i < ContactForms.MAX_PER_WINDOW + 1 && status != 429; i++) {
            status = anonymous().post("/api/public/contact", """
                    {"email": "flood@example.com", "subject": "Flood", "message": "again"}""").status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void chatFallbackKeepsTheTranscriptAsFirstMessage() {
        var created = admin().post("/api/v1/chat/fallback", """
                {"name": "Gus", "email": "gus@example.com", "message": "Need help with billing",
                 "transcript": "Visitor: hello?\\nBot: no agent online"}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat((String) created.json("$.source")).isEqualTo("chat");
        var messages = admin().get("/api/v1/tickets/" + created.id() + "/messages");
        assertThat((String) messages.json("$[0].body")).contains("Bot: no agent online");
        assertThat(anonymous().post("/api/v1/chat/fallback", "{}").status()).isEqualTo(401);
        var withoutEmail = admin().post("/api/v1/chat/fallback", "{\"message\": \"hello?\"}");
        assertThat(withoutEmail.status()).isEqualTo(400);
        assertThat(withoutEmail.string("$.field")).isEqualTo("email");
    }

    private long ticket(String email, String subject) {
        return admin().post(
                        "/api/v1/tickets", "{\"subject\": \"" + subject + "\", \"contactEmail\": \"" + email + "\"}")
                .id();
    }

    private long attach(long ticket, boolean internal) {
        var reply = admin().multipart(
                        "/api/v1/tickets/" + ticket + "/replies",
                        java.util.Map.of("body", "file", "internal", Boolean.toString(internal)),
                        java.util.Map.of("file.txt", "content".getBytes(StandardCharsets.UTF_8)));
        return ((Number) reply.json("$.message.attachments[0].id")).longValue();
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
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(response.body());
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
