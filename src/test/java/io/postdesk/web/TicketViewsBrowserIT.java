package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The views above the ticket list, its sortable columns, numbers and relative times, in a real browser. */
class TicketViewsBrowserIT extends BrowserTest {

    @Test
    void viewsCountAndFilterAndColumnsSort() {
        long me = adminId();
        long mine = ticket("Mine and urgent", "urgent", null);
        admin().patch("/api/v1/tickets/" + mine, "{\"assigneeId\": " + me + "}");
        long other = ticket("Nobody's low", "low", null);
        long pending = ticket("Waiting on the customer", "high", null);
        admin().patch("/api/v1/tickets/" + pending, "{\"status\": \"pending\"}");
        long done = ticket("Already resolved", "medium", null);
        admin().patch("/api/v1/tickets/" + done, "{\"status\": \"resolved\"}");
        signInAsAdmin();

        assertThat(viewCount("mine")).isEqualTo("1");
        assertThat(viewCount("unassigned")).as("unsolved and unassigned").isEqualTo("2");
        assertThat(viewCount("open")).as("open, in progress and pending").isEqualTo("3");
        assertThat(viewCount("pending")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("tr[data-ticket='" + mine + "'] td.col-number"))
                        .getText())
                .isEqualTo("#" + mine);
        var created = browser.findElement(By.cssSelector("tr[data-ticket='" + mine + "'] td.col-updated time"));
        assertThat(created.getText()).as("relative time").doesNotContain("UTC").doesNotMatch("\\d{4}-.*");
        assertThat(created.getAttribute("title"))
                .as("the exact time on hover")
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d .*");

        click("a[data-view=mine]");
        waitUntil(d -> d.getCurrentUrl().contains("view=mine"));
        assertThat(rows()).containsExactly(mine);
        assertThat(browser.findElement(By.cssSelector("a[data-view=mine]")).getAttribute("aria-current"))
                .isEqualTo("page");

        click("a[data-view=unassigned]");
        waitUntil(d -> d.getCurrentUrl().contains("view=unassigned"));
        assertThat(rows()).containsExactly(pending, other);

        click("a[data-view=open]");
        waitUntil(d -> d.getCurrentUrl().contains("view=open"));
        assertThat(rows()).containsExactly(pending, other, mine);

        click("a[data-sort=priority]");
        waitUntil(d -> d.getCurrentUrl().contains("sort=priority"));
        assertThat(browser.getCurrentUrl()).as("the view stays").contains("view=open");
        assertThat(rows()).as("most urgent first").containsExactly(mine, pending, other);
        assertThat(browser.findElement(By.cssSelector("th.col-priority")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        click("a[data-sort=priority]");
        waitUntil(d -> d.getCurrentUrl().contains("dir=asc"));
        assertThat(rows()).containsExactly(other, pending, mine);

        browser.findElement(By.id("saved-filter-name")).sendKeys("Least urgent open");
        click("#save-filter");
        waitFor(By.cssSelector("[data-saved-filter='Least urgent open'] a"));
        open("/");
        click("[data-saved-filter='Least urgent open'] a");
        waitUntil(d -> d.getCurrentUrl().contains("view=open"));
        assertThat(browser.getCurrentUrl()).contains("sort=priority").contains("dir=asc");
        assertThat(rows()).containsExactly(other, pending, mine);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saved_filters WHERE staff_id = ?")
                        .param(me)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        click("[data-saved-filter='Least urgent open'] button");
        waitUntil(d -> d.findElements(By.cssSelector("[data-saved-filter]")).isEmpty());

        click("a[data-view=pending]");
        waitUntil(d -> d.getCurrentUrl().contains("view=pending"));
        assertThat(rows()).containsExactly(pending);

        click("a[data-status=all]");
        waitUntil(d -> !d.getCurrentUrl().contains("view="));
        assertThat(rows()).hasSize(4);
        click("a[data-sort=created]");
        waitUntil(d -> d.getCurrentUrl().contains("dir=asc"));
        assertThat(rows()).as("oldest first").containsExactly(mine, other, pending, done);

        admin().patch("/api/v1/tickets/" + other, "{\"priority\": \"high\"}");
        open("/?sort=updated");
        assertThat(rows().getFirst()).as("last updated first").isEqualTo(other);
    }

    @Test
    void keyboardMovesOpensAndListsTheShortcuts() {
        long first = ticket("First", "low", null);
        long second = ticket("Second", "low", null);
        signInAsAdmin();
        var body = browser.findElement(By.tagName("body"));
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("j").perform();
        waitUntil(d -> current().equals(String.valueOf(second)));
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("j").perform();
        waitUntil(d -> current().equals(String.valueOf(first)));
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("k").perform();
        waitUntil(d -> current().equals(String.valueOf(second)));

        browser.findElement(By.id("q")).sendKeys("j");
        assertThat(current()).as("keys typed into a field are text").isEqualTo(String.valueOf(second));
        browser.findElement(By.id("q")).clear();

        new org.openqa.selenium.interactions.Actions(browser).sendKeys("?").perform();
        var dialog = waitFor(By.cssSelector("#shortcuts-dialog[open]"));
        assertThat(dialog.getText())
                .contains("Next ticket")
                .contains("Reply")
                .contains("Assign to me")
                .contains("Close the ticket")
                .contains("Add an internal note");
        assertAccessible();
        dialog.findElement(By.tagName("button")).click();
        waitUntil(d -> d.findElements(By.cssSelector("#shortcuts-dialog[open]")).isEmpty());

        new org.openqa.selenium.interactions.Actions(browser).sendKeys("j").perform();
        waitUntil(d -> current().equals(String.valueOf(first)));
        new org.openqa.selenium.interactions.Actions(browser)
                .sendKeys(org.openqa.selenium.Keys.ENTER)
                .perform();
        waitUntil(d -> d.getCurrentUrl().endsWith("/tickets/" + first));
        assertThat(body).isNotNull();
    }

    private String current() {
        var rows = browser.findElements(By.cssSelector("table.tickets tbody tr.current"));
        return rows.isEmpty() ? "" : rows.getFirst().getAttribute("data-ticket");
    }

    private void click(String css) {
        browser.findElement(By.cssSelector(css)).click();
    }

    private List<Long> rows() {
        return browser.findElements(By.cssSelector("table.tickets tbody tr[data-ticket]")).stream()
                .map((WebElement row) -> Long.parseLong(row.getAttribute("data-ticket")))
                .toList();
    }

    private String viewCount(String view) {
        return browser.findElement(By.cssSelector("a[data-view=" + view + "] .count"))
                .getText();
    }

    private long ticket(String subject, String priority, String email) {
        return admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"priority\": \"" + priority + "\""
                                + (email == null ? "" : ", \"contactEmail\": \"" + email + "\"") + "}")
                .id();
    }
}
