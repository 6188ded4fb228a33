package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The collision notice with two staff sessions: the admin in Chromium, and Alex, a second agent, signed in over plain
 * HTTP and polling the presence endpoint as his page would. Then the ticket page's keys r, n, a and e.
 */
class PresenceBrowserIT extends BrowserTest {

    private static final String ALEX_PASSWORD = "correct horse battery staple";
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\"[^>]*content=\"([^\"]+)\"");

    private long ticket;
    private String adminName;

    @BeforeEach
    void ticketAndAlex() {
        jdbc.sql("DELETE FROM ticket_presence").update();
        ticket = admin().post("/api/v1/tickets", "{\"subject\": \"Printer jam\", \"contactEmail\": \"c@example.com\"}")
                .id();
        adminName = admin().get("/api/v1/staff/me").json("$.name");
    }

    /** A second staff member's browser, reduced to what the presence poll needs: a session cookie and its token. */
    private final class Agent {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private String csrf = "";

        Agent signIn(String email, String password) throws IOException, InterruptedException {
            var login = get("/login");
            var token = CSRF_INPUT
                    .matcher(login)
                    .results()
                    .findFirst()
                    .orElseThrow()
                    .group(1);
            var form = "email=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(token);
            var signedIn = http.send(
                    HttpRequest.newBuilder(uri("/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.uri().getPath()).as("signed in as " + email).isEqualTo("/");
            return this;
        }

        /** Opens the ticket page (which counts as a first poll) and keeps the page's CSRF token for the next ones. */
        String open(long id) throws IOException, InterruptedException {
            var page = get("/tickets/" + id);
            csrf = CSRF_META.matcher(page).results().findFirst().orElseThrow().group(1);
            return page;
        }

        HttpResponse<String> poll(long id, String state) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(uri("/tickets/" + id + "/presence"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("HX-Request", "true")
                            .header("X-CSRF-TOKEN", csrf)
                            .POST(HttpRequest.BodyPublishers.ofString("state=" + enc(state)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private String get(String path) throws IOException, InterruptedException {
            var response =
                    http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
            return response.body();
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String notice() {
        return browser.findElement(By.id("presence")).getText();
    }

    @Test
    void eachAgentSeesTheOtherViewingAndThenReplying() throws Exception {
        createStaffWithPassword("Alex", "alex@postdesk.test");
        var alex = new Agent().signIn("alex@postdesk.test", ALEX_PASSWORD);
        assertThat(alex.open(ticket)).doesNotContain("is viewing").doesNotContain("is replying");

        signInAsAdmin();
        open("/tickets/" + ticket);
        // Alex opened the page first: the admin's page says so from its first render, and never names the admin.
        assertThat(notice()).isEqualTo("Alex is viewing");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-page"))
                .isEqualTo("ticket");

        // Alex starts typing: the admin's page picks it up on its next poll (every 5 s; generous wait for a busy box).
        assertThat(alex.poll(ticket, "replying").statusCode()).isEqualTo(200);
        var slow = new WebDriverWait(browser, Duration.ofSeconds(30));
        slow.until(d -> notice().equals("Alex is replying"));
        assertAccessible();

        // The admin types: Alex's poll answers that the admin is replying (the debounced signal, or the next poll).
        String seenByAlex = alex.poll(ticket, "viewing").body();
        assertThat(seenByAlex).contains(adminName + " is viewing").doesNotContain("Alex is");
        browser.findElement(By.id("reply-body")).sendKeys("On it");
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!seenByAlex.contains(adminName + " is replying") && System.nanoTime() < until) {
            Thread.sleep(250);
            seenByAlex = alex.poll(ticket, "viewing").body();
        }
        assertThat(seenByAlex).contains(adminName + " is replying");
        slow.until(d -> notice().equals("Alex is viewing"));
        assertThat(notice()).doesNotContain(adminName);

        // Hostile input: an unknown state or ticket is a 4xx, not a 500.
        assertThat(alex.poll(ticket, "lurking").statusCode()).isEqualTo(400);
        assertThat(alex.poll(ticket + 1000, "viewing").statusCode()).isEqualTo(404);
    }

    private long createStaffWithPassword(String name, String email) {
        return admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"" + name + "\", \"email\": \"" + email
                                + "\", \"role\": \"agent\", \"password\": \"" + ALEX_PASSWORD + "\"}")
                .id();
    }

    private void press(String key) {
        ((JavascriptExecutor) browser).executeScript("if (document.activeElement) { document.activeElement.blur(); }");
        new Actions(browser).sendKeys(key).perform();
    }

    private boolean registryLoaded() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser)
                .executeScript("return !!(window.Postdesk && window.Postdesk.shortcuts);"));
    }

    @Test
    void ticketPageKeysReplyNoteAssignAndClose() {
        long me = adminId();
        signInAsAdmin();
        open("/tickets/" + ticket);
        if (!registryLoaded()) {
            // Before the shortcut registry (views branch) is merged the page installs no keys: r types nothing.
            press("r");
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isNotEqualTo("reply-body");
            assumeTrue(false, "the shortcut registry (Postdesk.shortcuts, views branch) is not on this branch");
        }
        // Everything below needs the registry.
        press("r");
        var focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("reply-body");
        assertThat(focused.getDomProperty("value"))
                .as("the key is not typed into the composer")
                .isEmpty();
        assertThat(browser.findElement(By.id("internal")).isSelected()).isFalse();

        press("n");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("reply-body");
        assertThat(browser.findElement(By.id("internal")).isSelected()).isTrue();

        press("a");
        waitUntil(d -> jdbc.sql("SELECT assignee_id FROM tickets WHERE id = ?")
                .param(ticket)
                .query(Long.class)
                .optional()
                .filter(id -> id == me)
                .isPresent());
        waitUntil(d -> d.findElement(By.id("sidebar-notice")).getText().startsWith("Assigned to"));

        press("e");
        waitUntil(d -> "resolved"
                .equals(jdbc.sql("SELECT status FROM tickets WHERE id = ?")
                        .param(ticket)
                        .query(String.class)
                        .single()));
        waitUntil(d -> d.findElement(By.id("sidebar-notice")).getText().equals("Status set to Resolved."));
        assertAccessible();
    }
}
