package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 13, "one layout for the ticket page": the thread comes first (left of the properties on a wide window, above
 * them on a phone), the properties panel collapses (and
 * stays collapsed across pages in this browser), the composer stays pinned in view while a long thread scrolls, and
 * nothing is wider than a 360 px window.
 */
class TicketLayoutBrowserIT extends BrowserTest {

    @Test
    void threadFirstCollapsiblePropertiesAndAPinnedComposerAtEveryWidth() {
        long id = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"Long thread\", \"contactEmail\": \"lou@example.com\","
                                + " \"description\": \"First message.\"}")
                .id();
        for (int i = 1; i <= 12; i++) {
            admin().post(
                            "/api/v1/tickets/" + id + "/replies",
                            "{\"body\": \"Reply number " + i + "\\nwith a second line\\nand a third one.\"}");
        }
        signInAsAdmin();
        for (Dimension size : EveryPageBrowserIT.WIDTHS) {
            setViewport(size);
            open("/tickets/" + id);
            var js = (JavascriptExecutor) browser;
            js.executeScript("window.scrollTo(0, 0);");
            // Pinned: at the top of a long thread the composer is already in the window.
            Number composerTop = (Number)
                    js.executeScript("return document.getElementById('composer').getBoundingClientRect().top;");
            Number composerBottom = (Number)
                    js.executeScript("return document.getElementById('composer').getBoundingClientRect().bottom;");
            Number viewport = (Number) js.executeScript("return window.innerHeight;");
            assertThat(composerBottom.doubleValue())
                    .as("composer bottom at " + size)
                    .isLessThanOrEqualTo(viewport.doubleValue() + 1);
            assertThat(composerTop.doubleValue()).as("composer top at " + size).isLessThan(viewport.doubleValue());
            Number threadLeft =
                    (Number) js.executeScript("return document.getElementById('thread').getBoundingClientRect().left;");
            Number sidebarLeft = (Number)
                    js.executeScript("return document.getElementById('sidebar').getBoundingClientRect().left;");
            if (size.getWidth() > 900) {
                assertThat(threadLeft.doubleValue())
                        .as("thread left of the properties at " + size)
                        .isLessThan(sidebarLeft.doubleValue());
            } else {
                Number threadTop = (Number)
                        js.executeScript("return document.getElementById('thread').getBoundingClientRect().top;");
                Number sidebarTop = (Number)
                        js.executeScript("return document.getElementById('sidebar').getBoundingClientRect().top;");
                assertThat(threadTop.doubleValue())
                        .as("thread before properties at " + size)
                        .isLessThan(sidebarTop.doubleValue());
            }
            assertNoHorizontalOverflow();
        }

        setViewport(new Dimension(1440, 900));
        open("/tickets/" + id);
        var toggle = browser.findElement(By.id("properties-toggle"));
        assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("true");
        toggle.click();
        waitUntil(d -> !d.findElement(By.id("status")).isDisplayed());
        assertThat(browser.findElement(By.id("properties-toggle")).getDomAttribute("aria-expanded"))
                .isEqualTo("false");
        assertThat(browser.findElement(By.id("properties-toggle")).getText()).isEqualTo("Show properties");
        assertAccessible();
        open("/tickets/" + id);
        waitUntil(d -> d.findElement(By.id("properties-toggle")).getText().equals("Show properties"));
        assertThat(browser.findElement(By.id("status")).isDisplayed()).isFalse();
        browser.findElement(By.id("properties-toggle")).click();
        waitUntil(d -> d.findElement(By.id("status")).isDisplayed());
    }
}
