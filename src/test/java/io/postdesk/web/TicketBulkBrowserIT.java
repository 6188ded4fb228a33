package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** Bulk selection and toasts in a real browser: ticks, the x key, a bulk status, and an Undo on the ticket page. */
class TicketBulkBrowserIT extends BrowserTest {

    @Test
    void selectsRowsAppliesAStatusAndShowsTheResult() {
        long first = ticket("Bulk first");
        long second = ticket("Bulk second");
        long third = ticket("Bulk third");
        signInAsAdmin();

        browser.findElement(By.cssSelector("tr[data-ticket='" + first + "'] input[name=ids]"))
                .click();
        // x ticks the highlighted row (j moves the highlight to the newest ticket first).
        new Actions(browser).sendKeys("j").perform();
        waitUntil(d -> !d.findElements(By.cssSelector("tr.current[data-ticket='" + third + "']"))
                .isEmpty());
        new Actions(browser).sendKeys("x").perform();
        waitUntil(d -> d.findElement(By.id("bulk-count")).getText().equals("2 tickets selected"));
        assertThat(browser.findElement(By.cssSelector("tr[data-ticket='" + second + "'] input[name=ids]"))
                        .isSelected())
                .isFalse();

        new Select(browser.findElement(By.id("bulk-action"))).selectByValue("status:pending");
        browser.findElement(By.id("bulk-apply")).click();
        var toast = waitFor(By.cssSelector("#toasts .toast span"));
        assertThat(toast.getText()).isEqualTo("2 tickets set to Pending.");
        assertThat(browser.findElement(By.id("toasts")).getAttribute("role")).isEqualTo("status");
        assertAccessible();
        assertThat(status(first)).isEqualTo("pending");
        assertThat(status(third)).isEqualTo("pending");
        assertThat(status(second)).isEqualTo("open");

        browser.findElement(By.id("select-all")).click();
        waitUntil(d -> d.findElement(By.id("bulk-count")).getText().equals("3 tickets selected"));
        new Select(browser.findElement(By.id("bulk-action"))).selectByValue("delete");
        browser.findElement(By.id("bulk-apply")).click();
        assertThat(waitFor(By.id("bulk-question")).getText()).startsWith("Delete 3 tickets?");
        browser.findElement(By.cssSelector("#bulk-confirm a")).click();
        waitFor(By.id("bulk"));
        assertThat(browser.findElements(By.cssSelector("table.tickets tbody tr[data-ticket]")))
                .hasSize(3);
    }

    @Test
    void aSidebarStatusChangeHasAnUndo() {
        long id = ticket("Undo me");
        signInAsAdmin();
        open("/tickets/" + id);
        new Select(browser.findElement(By.id("status"))).selectByValue("resolved");
        var toast = waitFor(By.cssSelector("#toasts .toast"));
        assertThat(toast.getText()).startsWith("Status set to Resolved.");
        waitUntil(d -> status(id).equals("resolved"));

        browser.findElement(By.id("toast-undo")).click();
        waitUntil(d -> status(id).equals("open"));
        waitUntil(d -> new Select(d.findElement(By.id("status")))
                .getFirstSelectedOption()
                .getAttribute("value")
                .equals("open"));
    }

    private String status(long id) {
        return admin().get("/api/v1/tickets/" + id).string("$.status");
    }

    private long ticket(String subject) {
        return admin().post("/api/v1/tickets", "{\"subject\": \"" + subject + "\"}")
                .id();
    }
}
