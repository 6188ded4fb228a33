package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An admin walks every Settings sub-page (axe-core on each, nothing wider than a phone), lands on Email from
 * {@code /settings}, and saves a form on two sub-pages: each answers "Saved" next to its form and stays on its page.
 */
class SettingsPagesBrowserIT extends BrowserTest {

    @Test
    void visitsEverySubPageAndSavesOnTwoOfThem() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        signInAsAdmin();

        open("/settings");
        assertThat(browser.getCurrentUrl()).endsWith("/settings/email");
        for (String name : SettingsPagesIT.SUB_PAGES) {
            browser.findElement(By.id("settings-nav-" + name)).click();
            waitUntil(d -> d.getCurrentUrl().endsWith("/settings/" + name));
            assertAccessible();
            assertThat(browser.findElement(By.id("settings-nav-" + name)).getDomAttribute("aria-current"))
                    .as(name)
                    .isEqualTo("page");
            assertThat(browser.findElements(By.cssSelector("nav.settings-nav a[aria-current=page]")))
                    .as(name)
                    .hasSize(1);
            assertNoHorizontalOverflow();
        }
        assertWithinWindow(browser.findElement(By.id("settings-nav-saved-replies")));

        open("/settings/branding");
        var brandName = browser.findElement(By.id("branding-name"));
        brandName.clear();
        brandName.sendKeys("Acme Help");
        browser.findElement(By.id("save-branding")).click();
        assertThat(waitFor(By.cssSelector("#branding [role=status]")).getText()).isEqualTo("Saved.");
        assertThat(browser.getCurrentUrl()).endsWith("/settings/branding");
        assertAccessible();

        open("/settings/api");
        browser.findElement(By.id("secret")).sendKeys("a-very-long-webhook-secret");
        browser.findElement(By.cssSelector("#webhook button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector("#webhook [role=status]")).getText()).isEqualTo("Saved.");
        assertThat(browser.findElement(By.cssSelector("#webhook code")).getText())
                .endsWith("/api/tickets/inbound-email");
        assertThat(browser.getCurrentUrl()).endsWith("/settings/api");

        open("/settings/branding");
        assertThat(browser.findElement(By.id("branding-name")).getDomProperty("value"))
                .isEqualTo("Acme Help");
        screenshot("settings-subpages-phone");
    }
}
