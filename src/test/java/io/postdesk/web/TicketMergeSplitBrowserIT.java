package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.TestMails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Merge and split from the ticket page in a real browser: the dialogs, the toasts, the system entries, axe-core. */
class TicketMergeSplitBrowserIT extends BrowserTest {

    @Test
    void mergesATicketIntoAnotherPickedByNumber() {
        long target = mailed(TestMails.from("Jane Roe <jane@example.com>").header("Subject", "Refund for order 77"));
        long source = mailed(TestMails.from("bob@example.com").header("Subject", "Refund please"));
        signInAsAdmin();
        open("/tickets/" + source);

        // m opens the dialog, as the "Merge into…" button does.
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("m").perform();
        waitFor(By.id("merge-find")).sendKeys("#" + target);
        var candidate = waitFor(By.cssSelector("#merge-candidates .candidate"));
        assertThat(candidate.getText()).isEqualTo("#" + target + " Refund for order 77 — Jane Roe");
        assertAccessible();
        browser.findElement(By.id("merge-confirm")).click();

        waitUntil(d -> d.getCurrentUrl().endsWith("/tickets/" + target));
        assertThat(waitFor(By.cssSelector("#toasts .toast")).getText())
                .isEqualTo("Merged #" + source + " into this ticket.");
        assertThat(browser.findElement(By.cssSelector(".system-entry[data-link=merged_from]"))
                        .getText())
                .startsWith("Merged #" + source + " into this ticket");
        assertThat(browser.findElements(By.cssSelector("#thread article.message")))
                .hasSize(2);
        assertAccessible();

        open("/tickets/" + source);
        assertThat(browser.findElement(By.id("merged-notice")).getText()).startsWith("Merged into #" + target);
        assertThat(browser.findElements(By.id("merge-open"))).isEmpty();
        assertThat(browser.findElements(By.id("composer"))).isEmpty();
    }

    @Test
    void splitsACustomerMessageIntoANewTicket() {
        TestMails first = TestMails.from("fran@example.com").header("Subject", "Two problems");
        long ticket = mailed(first);
        var second = anonymous()
                .postRaw(
                        "/api/tickets/inbound-email",
                        "message/rfc822",
                        TestMails.from("fran@example.com")
                                .header("Subject", "Re: Two problems")
                                .header("In-Reply-To", first.messageId())
                                .body("My invoice is wrong too.")
                                .bytes());
        long messageId = ((Number) second.json("$.messageId")).longValue();
        signInAsAdmin();
        open("/tickets/" + ticket);

        browser.findElement(By.cssSelector("button.split-open[data-dialog-value='" + messageId + "']"))
                .click();
        var subject = waitFor(By.id("split-subject"));
        assertThat(subject.getAttribute("value")).isEqualTo("Two problems");
        assertAccessible();
        subject.clear();
        subject.sendKeys("Wrong invoice");
        browser.findElement(By.id("split-confirm")).click();

        waitUntil(d -> !d.getCurrentUrl().endsWith("/tickets/" + ticket));
        assertThat(waitFor(By.cssSelector("#toasts .toast")).getText())
                .isEqualTo("Split from #" + ticket + " into this new ticket.");
        assertThat(browser.findElement(By.cssSelector("#sidebar h1")).getText()).isEqualTo("Wrong invoice");
        assertThat(browser.findElement(By.cssSelector("#thread article.message"))
                        .getText())
                .contains("My invoice is wrong too.");
        assertThat(browser.findElement(By.cssSelector(".system-entry[data-link=split_from]"))
                        .getText())
                .startsWith("Split from #" + ticket);
        assertAccessible();
    }

    private long mailed(TestMails mail) {
        var created = anonymous().postRaw("/api/tickets/inbound-email", "message/rfc822", mail.bytes());
        return ((Number) created.json("$.ticketId")).longValue();
    }
}
