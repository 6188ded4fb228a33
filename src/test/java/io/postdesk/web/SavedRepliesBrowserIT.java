package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** An admin writes a saved reply in Settings; on a ticket the composer's picker inserts it, placeholders filled. */
class SavedRepliesBrowserIT extends BrowserTest {

    @BeforeEach
    void noSavedReplies() {
        jdbc.sql("DELETE FROM saved_replies").update();
    }

    @Test
    void adminAddsASavedReplyAndTheComposerInsertsItFilledIn() throws Exception {
        long id = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"Printer jam\", \"contactEmail\": \"carol@example.com\", \"contactName\": \"Carol\"}")
                .id();
        signInAsAdmin();
        open("/settings");
        browser.findElement(By.id("settings-nav-saved-replies")).click();
        waitFor(By.id("saved-reply-name")).sendKeys("Greeting");
        browser.findElement(By.id("saved-reply-body"))
                .sendKeys(
                        "Hi {{contact.name}}, about #{{ticket.id}} ({{ticket.subject}}). {{agent.name}} {{unknown.thing}}");
        browser.findElement(By.id("add-saved-reply")).click();
        assertThat(waitFor(By.id("saved-reply-notice")).getText()).isEqualTo("Saved reply added.");
        assertThat(browser.findElement(By.cssSelector("#saved-replies summary")).getText())
                .isEqualTo("Greeting");
        assertAccessible();

        open("/tickets/" + id);
        browser.findElement(By.id("reply-body")).sendKeys("Thanks for waiting.");
        new Select(waitFor(By.id("saved-reply"))).selectByVisibleText("Greeting");
        waitUntil(d -> ((String) d.findElement(By.id("reply-body")).getDomProperty("value")).contains("Carol"));

        String adminName = admin().get("/api/v1/staff/me").json("$.name");
        assertThat(browser.findElement(By.id("reply-body")).getDomProperty("value"))
                .isEqualTo("Thanks for waiting.\n\nHi Carol, about #" + id + " (Printer jam). " + adminName
                        + " {{unknown.thing}}");
        waitUntil(d -> new Select(d.findElement(By.id("saved-reply")))
                .getFirstSelectedOption()
                .getText()
                .equals("Choose…"));
        assertAccessible();
        browser.findElement(By.id("send")).click();
        waitFor(By.cssSelector(".message.outbound"));
        assertThat(browser.findElement(By.cssSelector(".message.outbound")).getText())
                .contains("Hi Carol, about #" + id);
        assertNoHorizontalOverflow();
    }
}
