package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Without SMTP an agent hands the customer a portal link from the ticket's sidebar: single use, expiry shown, a copy
 * button; the link signs the customer in once.
 */
class PortalLinkBrowserIT extends BrowserTest {

    @Test
    void agentGetsASingleUseLinkFromTheSidebarThatSignsTheCustomerInOnce() {
        long id = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"No email here\", \"contactEmail\": \"walkin@example.com\"}")
                .id();
        signInAsAdmin();
        open("/tickets/" + id);

        browser.findElement(By.id("portal-link")).click();
        var field = waitFor(By.id("portal-link-url"));
        String url = field.getDomProperty("value");
        assertThat(url).contains("/portal/sign-in?token=");
        assertThat(browser.findElement(By.cssSelector(".portal-link label")).getText())
                .contains("Single-use link for walkin@example.com")
                .contains("valid until");
        assertThat(browser.findElement(By.cssSelector(".portal-link time")).getDomAttribute("datetime"))
                .isNotBlank();
        browser.findElement(By.cssSelector(".portal-link [data-copy]")).click();
        // Copy selects the link, so even where the clipboard is refused the agent can press Ctrl+C.
        waitUntil(
                d -> (Boolean)
                        ((org.openqa.selenium.JavascriptExecutor) d)
                                .executeScript(
                                        "var f = document.getElementById('portal-link-url');"
                                                + " return document.activeElement === f && f.selectionEnd - f.selectionStart === f.value.length;"));
        assertAccessible();

        browser.manage().deleteAllCookies();
        open(url.substring(url.indexOf("/portal/")));
        assertThat(waitFor(By.id("my-tickets")).getText()).contains("No email here");

        browser.manage().deleteAllCookies();
        open(url.substring(url.indexOf("/portal/")));
        assertThat(browser.findElements(By.id("my-tickets"))).isEmpty();
        assertThat(waitFor(By.cssSelector("p.error[role=alert]")).getText()).contains("expired or was already used");
    }
}
