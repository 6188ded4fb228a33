package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Every action confirms itself in the toast region (role="status"): the helpdesk switch, settings saves, saved-reply
 * and staff edits, Not spam; a bulk status or assignee change has one Undo that gives each ticket its own previous
 * value back, and leaves alone a ticket someone changed since.
 */
class ToastsBrowserIT extends BrowserTest {

    @Test
    void aBulkStatusChangeIsUndoneTicketByTicket() {
        long open = ticket("Was open");
        long pending = ticket("Was pending");
        long later = ticket("Changed later");
        admin().patch("/api/v1/tickets/" + pending, "{\"status\": \"pending\"}");
        signInAsAdmin();

        for (long id : new long[] {open, pending, later}) {
            browser.findElement(By.cssSelector("tr[data-ticket='" + id + "'] input[name=ids]"))
                    .click();
        }
        new Select(browser.findElement(By.id("bulk-action"))).selectByValue("status:resolved");
        browser.findElement(By.id("bulk-apply")).click();
        assertThat(waitFor(By.cssSelector("#toasts .toast span")).getText()).isEqualTo("3 tickets set to Resolved.");
        assertAccessible();
        // Someone reopens one ticket before the Undo: the Undo must not overwrite that.
        admin().patch("/api/v1/tickets/" + later, "{\"status\": \"open\"}");
        admin().patch("/api/v1/tickets/" + later, "{\"status\": \"pending\"}");

        browser.findElement(By.id("toast-undo")).click();
        var toast = waitFor(By.cssSelector("#toasts .toast span"));
        assertThat(toast.getText())
                .isEqualTo(
                        "Undone: 2 tickets back to the previous status. Not changed: #" + later + " (changed since).");
        assertThat(status(open)).isEqualTo("open");
        assertThat(status(pending)).isEqualTo("pending");
        assertThat(status(later)).isEqualTo("pending");
        assertThat(browser.findElements(By.id("toast-undo"))).isEmpty();
    }

    @Test
    void aBulkAssignChangeIsUndone() {
        long bo = admin().post(
                        "/api/v1/staff", "{\"name\": \"Bo\", \"email\": \"bo@postdesk.test\", \"role\": \"agent\"}")
                .id();
        long mine = ticket("Bo's");
        long nobody = ticket("Nobody's");
        admin().patch("/api/v1/tickets/" + mine, "{\"assigneeId\": " + bo + "}");
        signInAsAdmin();
        long me = admin().get("/api/v1/staff/me").id();
        browser.findElement(By.cssSelector("tr[data-ticket='" + mine + "'] input[name=ids]"))
                .click();
        browser.findElement(By.cssSelector("tr[data-ticket='" + nobody + "'] input[name=ids]"))
                .click();
        new Select(browser.findElement(By.id("bulk-action"))).selectByValue("assignee:" + me);
        browser.findElement(By.id("bulk-apply")).click();
        waitFor(By.id("toast-undo")).click();
        assertThat(waitFor(By.cssSelector("#toasts .toast span")).getText())
                .isEqualTo("Undone: 2 tickets back to the previous assignee.");
        assertThat(admin().get("/api/v1/tickets/" + mine).<Integer>json("$.assignee.id"))
                .isEqualTo((int) bo);
        assertThat(admin().get("/api/v1/tickets/" + nobody).<Object>json("$.assignee"))
                .isNull();
    }

    @Test
    void theHelpdeskSwitchSettingsSavesAndEditsConfirmWithAToast() {
        signInAsAdmin();
        open("/settings/inbound");
        browser.findElement(By.id("helpdesk-enabled")).click();
        assertThat(waitForToast()).isEqualTo("Helpdesk off: new email opens no tickets.");
        assertAccessible();
        browser.findElement(By.id("helpdesk-enabled")).click();
        waitUntil(d -> toastText().equals("Helpdesk on: new email opens tickets."));

        open("/settings/branding");
        var name = browser.findElement(By.id("branding-name"));
        name.clear();
        name.sendKeys("Acme Help");
        browser.findElement(By.cssSelector("#branding-form button[type=submit]"))
                .click();
        assertThat(waitForToast()).isEqualTo("Branding saved.");

        open("/settings/saved-replies");
        browser.findElement(By.id("saved-reply-name")).sendKeys("Greeting");
        browser.findElement(By.id("saved-reply-body")).sendKeys("Hello {{contact.name}}");
        browser.findElement(By.cssSelector("#new-saved-reply button[type=submit]"))
                .click();
        assertThat(waitForToast()).isEqualTo("Saved reply added.");
        assertAccessible();

        open("/settings/spam");
        browser.findElement(By.cssSelector("#spam input[name=entry]")).sendKeys("*@junk.example");
        browser.findElement(By.cssSelector("#spam form button[type=submit]")).click();
        assertThat(waitForToast()).isEqualTo("Added to the spam list.");
    }

    @Test
    void notSpamPutsASpamTicketBackWithAToast() {
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Not junk\", \"contactEmail\": \"real@example.com\"}")
                .id();
        admin().post("/api/v1/tickets/" + id + "/spam", "{}");
        signInAsAdmin();
        open("/tickets/" + id);
        assertThat(browser.findElements(By.id("mark-spam"))).isEmpty();
        browser.findElement(By.id("not-spam")).click();
        assertThat(waitForToast()).startsWith("Not spam: ticket #" + id + " is back in the views.");
        waitFor(By.id("mark-spam"));
        assertThat(admin().get("/api/v1/tickets/" + id).<Boolean>json("$.spam")).isFalse();
        assertAccessible();
    }

    private String waitForToast() {
        return waitFor(By.cssSelector("#toasts .toast")).getText();
    }

    private String toastText() {
        var found = browser.findElements(By.cssSelector("#toasts .toast"));
        return found.isEmpty() ? "" : found.getFirst().getText();
    }

    private String status(long id) {
        return admin().get("/api/v1/tickets/" + id).string("$.status");
    }

    private long ticket(String subject) {
        return admin().post("/api/v1/tickets", "{\"subject\": \"" + subject + "\"}")
                .id();
    }
}
