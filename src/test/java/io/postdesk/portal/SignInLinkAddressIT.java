package io.postdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.EmailAddress;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Absolute links come from the configured public URL, never from the request's Host header: a forged Host must not
 * get a victim mailed a sign-in link to the attacker's server. Sign-in tokens are stored only as hashes.
 */
@TestPropertySource(properties = "postdesk.mail.outbound.dashboard-url=https://help.acme.test/")
class SignInLinkAddressIT extends IntegrationTest {

    private static final String PUBLIC = "https://help.acme.test";

    @Autowired
    ContactDirectory contacts;

    @Test
    void theMailedSignInLinkIgnoresAForgedHostHeader() throws IOException {
        admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "smtp.acme.test", "port": 587,
                 "fromEmail": "help@acme.test"}""");
        contacts.findOrCreate(new EmailAddress("victim@example.com"), null);
        var page = new WebSession(port);
        page.get("/portal/login");
        String session = sessionCookie(page);

        String body =
                "_csrf=" + URLEncoder.encode(page.csrfToken(), StandardCharsets.UTF_8) + "&email=victim%40example.com";
        String response = raw("POST /portal/sign-in-link HTTP/1.1\r\n"
                + "Host: evil.example\r\n"
                + "X-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "Cookie: JSESSIONID=" + session + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(response).startsWith("HTTP/1.1 200").contains("link-sent");
        String mime = jdbc.sql("SELECT mime FROM outbox").query(String.class).single();
        assertThat(mime).contains(PUBLIC + "/portal/sign-in?token=").doesNotContain("evil.example");
        String token = mime.replaceAll("(?s).*/portal/sign-in\\?token=([A-Za-z0-9_-]+).*", "$1");
        assertThat(jdbc.sql("SELECT dedupe_key FROM outbox").query(String.class).single())
                .doesNotContain(token.substring(0, 8));
        assertThat(storedLinkColumns()).noneMatch(value -> value.contains(token));
    }

    @Test
    void staffGetASingleUsePortalLinkFromTheConfiguredPublicUrl() {
        long contactId = contacts.findOrCreate(new EmailAddress("erin@example.com"), "Erin")
                .id();

        var issued = newAgent("sam@postdesk.test").post("/api/v1/contacts/" + contactId + "/portal-link", "{}");

        assertThat(issued.status()).isEqualTo(201);
        String url = issued.string("$.url");
        assertThat(url).startsWith(PUBLIC + "/portal/sign-in?token=");
        assertThat(Instant.parse(issued.string("$.expiresAt")))
                .isCloseTo(Instant.now().plus(15, ChronoUnit.MINUTES), within(1, ChronoUnit.MINUTES));
        String token = url.substring(url.indexOf("token=") + "token=".length());
        assertThat(storedLinkColumns()).noneMatch(value -> value.contains(token));
        var customer = new WebSession(port);
        var signedIn = customer.get("/portal/sign-in?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/portal");
        assertThat(customer.get("/portal").statusCode()).isEqualTo(200);
        assertThat(new WebSession(port).get("/portal/sign-in?token=" + token).body())
                .contains("expired or was already used");
    }

    @Test
    void portalLinksNeedAStaffTokenAndAKnownContact() {
        long contactId = contacts.findOrCreate(new EmailAddress("erin@example.com"), "Erin")
                .id();

        assertProblem(anonymous().post("/api/v1/contacts/" + contactId + "/portal-link", "{}"), 401);
        assertProblem(as("pd_not_a_token").post("/api/v1/contacts/" + contactId + "/portal-link", "{}"), 401);
        assertProblem(admin().post("/api/v1/contacts/999999/portal-link", "{}"), 404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM portal_sign_in_links")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theSettingsPageShowsTheWebhookAddressFromThePublicUrl() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);

        String page = admin.get("/settings/api").body();

        assertThat(page).contains(PUBLIC + "/api/tickets/inbound-email").doesNotContain("localhost:" + port);
    }

    private static void assertProblem(io.postdesk.ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private List<String> storedLinkColumns() {
        return jdbc.sql("SELECT token_hash FROM portal_sign_in_links")
                .query(String.class)
                .list();
    }

    private String sessionCookie(WebSession session) {
        return session.cookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
    }

    /** A hand-written HTTP request: Java's HTTP client refuses to send a Host header of our choosing. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
