package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium: a ticket page left open follows the ticket without a reload. A colleague's note appears in the thread
 * and a status change elsewhere reaches the sidebar's dropdown, so the agent never saves over a state they did not see.
 */
class LiveTicketPageBrowserIT extends BrowserTest {

    @Test
    void anOpenTicketPageFollowsChangesMadeElsewhere() {
        long id = admin().post("/api/v1/tickets", "{\"subject\": \"Live one\", \"contactEmail\": \"lee@example.com\"}")
                .id();
        signInAsAdmin();
        open("/tickets/" + id);
        assertThat(new Select(browser.findElement(By.id("status")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("open");

        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"Colleague's note\", \"internal\": true}");
        admin().patch("/api/v1/tickets/" + id, "{\"status\": \"resolved\"}");

        // The poll runs every 5 s; allow for a loaded machine.
        var slow = new WebDriverWait(browser, Duration.ofSeconds(30));
        slow.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        slow.until(d -> new Select(d.findElement(By.id("status")))
                .getFirstSelectedOption()
                .getAttribute("value")
                .equals("resolved"));
        slow.until(d -> d.findElement(By.id("thread")).getText().contains("Colleague's note"));
        assertThat(browser.findElement(By.id("sidebar-notice")).getText()).contains("Resolved");
        assertThat(browser.findElements(By.cssSelector("[id=sidebar]"))).hasSize(1);
        assertAccessible();
    }
}
