package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Every page of the dashboard, the portal and the sign-in flows, at a laptop (1440×900), a phone (390×844) and a small
 * phone (360×740): axe-core finds no serious or critical violation ({@link #open}) and nothing is wider than the
 * window. {@link #PAGES} is the list of the pages covered; a new page belongs there.
 */
class EveryPageBrowserIT extends BrowserTest {

    static final List<Dimension> WIDTHS =
            List.of(new Dimension(1440, 900), new Dimension(390, 844), new Dimension(360, 740));

    /** The pages (beyond sign-in and the 403 page, which need another caller) an admin sees; {id} is a real ticket. */
    static final List<String> PAGES = List.of(
            "/",
            "/?view=unassigned",
            "/?status=in_progress",
            "/?status=resolved",
            "/?spam=true",
            "/tickets/{id}",
            "/settings/email",
            "/settings/mailbox",
            "/settings/inbound",
            "/settings/inbound/{mail}",
            "/settings/spam",
            "/settings/team",
            "/settings/api",
            "/settings/branding",
            "/settings/ai",
            "/settings/saved-replies",
            "/no-such-page",
            "/tickets/999999");

    static final List<String> PORTAL_PAGES = List.of(
            "/portal", "/portal/tickets/{id}", "/portal/tickets/new", "/portal/account", "/portal/tickets/999999");

    @Test
    void everyDashboardPageIsAccessibleAndFitsEveryWidth() {
        long id = ticketWithThread();
        // One ticket in each status and priority, so every badge colour is on a page axe checks (contrast, defect 11).
        for (String status : List.of("in_progress", "pending", "resolved", "closed")) {
            long other = admin().post(
                            "/api/v1/tickets",
                            "{\"subject\": \"Ticket " + status + "\", \"priority\": \""
                                    + (status.equals("pending") ? "urgent" : "low") + "\"}")
                    .id();
            admin().patch("/api/v1/tickets/" + other, "{\"status\": \"" + status + "\"}");
        }
        long junk = admin().post("/api/v1/tickets", "{\"subject\": \"Junk\", \"contactEmail\": \"junk@spam.example\"}")
                .id();
        admin().post("/api/v1/tickets/" + junk + "/spam", "{}");
        anonymous()
                .postRaw(
                        "/api/tickets/inbound-email",
                        "message/rfc822",
                        io.postdesk.mail.inbound.TestMails.from("nina@example.com")
                                .header("Subject", "A question by mail")
                                .body("Where is my refund?")
                                .bytes());
        long mail =
                jdbc.sql("SELECT MAX(id) FROM inbound_mails").query(Long.class).single();
        signInAsAdmin();
        for (Dimension width : WIDTHS) {
            setViewport(width);
            for (String page : PAGES) {
                open(page.replace("{id}", Long.toString(id)).replace("{mail}", Long.toString(mail)));
                assertFits(page, width);
            }
            // The bulk confirmation is a page of its own, reached by a POST.
            open("/");
            browser.findElement(By.id("select-all")).click();
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("bulk-action")))
                    .selectByValue("delete");
            browser.findElement(By.id("bulk-apply")).click();
            waitFor(By.id("bulk-question"));
            assertAccessible();
            assertFits("bulk confirmation", width);
        }
    }

    @Test
    void theSignInResetAndForbiddenPagesAreAccessibleAndFitEveryWidth() {
        long agent = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"Ann\", \"email\": \"ann@postdesk.test\", \"role\": \"agent\","
                                + " \"password\": \"correct horse battery staple\"}")
                .id();
        String reset =
                admin().post("/api/v1/staff/" + agent + "/password-reset", "{}").string("$.url");
        for (Dimension width : WIDTHS) {
            browser.manage().deleteAllCookies();
            setViewport(width);
            open("/login");
            assertFits("/login", width);
            open(reset.substring(reset.indexOf("/password-reset")));
            waitFor(By.id("new-password"));
            assertFits("/password-reset", width);
            open("/password-reset?token=spent");
            waitFor(By.id("reset-gone"));
            assertFits("/password-reset (gone)", width);

            browser.findElement(By.tagName("a")).click();
            waitFor(By.id("email")).sendKeys("ann@postdesk.test");
            browser.findElement(By.id("password")).sendKeys("correct horse battery staple");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            waitUntil(d -> d.getCurrentUrl().endsWith("/"));
            open("/settings");
            assertThat(browser.findElement(By.tagName("main")).getText())
                    .contains("You do not have access to this page");
            assertFits("/settings as an agent (403)", width);
        }
    }

    @Test
    void everyPortalPageIsAccessibleAndFitsEveryWidth() {
        long id = ticketWithThread();
        long contact = ((Number) admin().get("/api/v1/contacts?email=casey.long.address@example.com")
                        .json("$[0].id"))
                .longValue();
        for (Dimension width : WIDTHS) {
            browser.manage().deleteAllCookies();
            setViewport(width);
            open("/portal/login");
            assertFits("/portal/login", width);
            open("/contact");
            assertFits("/contact", width);
            String url = admin().post("/api/v1/contacts/" + contact + "/portal-link", "")
                    .json("$.url");
            open(url.substring(url.indexOf("/portal/")));
            waitFor(By.id("my-tickets"));
            for (String page : PORTAL_PAGES) {
                open(page.replace("{id}", Long.toString(id)));
                assertFits(page, width);
            }
        }
    }

    private void assertFits(String page, Dimension width) {
        assertThat(browser.findElements(By.tagName("main")))
                .as(page + " at " + width + " has its main landmark")
                .isNotEmpty();
        assertNoHorizontalOverflow();
    }

    /** A ticket with a customer message, a staff reply with an image attachment and a team note. */
    private long ticketWithThread() {
        long id = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"A rather long subject line about a parcel that went somewhere else entirely\","
                                + " \"contactEmail\": \"casey.long.address@example.com\", \"contactName\": \"Casey\","
                                + " \"description\": \"Where is my parcel?\"}")
                .id();
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"We have asked the courier.\"}");
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"Courier ref 123\", \"internal\": true}");
        return id;
    }
}
