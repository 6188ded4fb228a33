package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The password reset flow in Chromium: an admin gets a member's reset link in Settings → Team (copy button, expiry,
 * whether it was mailed, a toast), the member opens it signed out, is refused a weak password with the reason, sets a
 * good one, lands on sign-in and signs in with it; the spent link then says so. The reset page fits a 360 px phone.
 */
class StaffPasswordResetBrowserIT extends BrowserTest {

    private static final String NEW_PASSWORD = "violet harbour 2026 lantern";

    @Test
    void anAdminHandsOverAResetLinkAndTheMemberSetsANewPassword() {
        long ann = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"Ann\", \"email\": \"ann@postdesk.test\", \"role\": \"agent\","
                                + " \"password\": \"correct horse battery staple\"}")
                .id();
        signInAsAdmin();
        open("/settings/team");
        browser.findElement(By.cssSelector("tr[data-staff='" + ann + "'] summary"))
                .click();
        waitFor(By.id("password-reset-" + ann)).click();

        String url = waitFor(By.id("reset-link-url")).getAttribute("value");
        assertThat(url).contains("/password-reset?token=");
        assertThat(browser.findElement(By.cssSelector("#reset-link button[data-copy='reset-link-url']"))
                        .isDisplayed())
                .isTrue();
        // The expiry is shown in the browser's local time (data-local), not as the server's UTC text.
        assertThat(browser.findElement(By.cssSelector("#reset-link time")).getAttribute("datetime"))
                .isNotBlank();
        assertThat(browser.findElement(By.id("reset-link-mail")).getText()).contains("Not emailed");
        assertThat(waitFor(By.cssSelector("#toasts .toast")).getText()).isEqualTo("Reset link created.");
        assertAccessible();

        browser.manage().deleteAllCookies();
        String path = url.substring(url.indexOf("/password-reset"));
        browser.manage().window().setSize(new Dimension(360, 800));
        open(path);
        assertThat(browser.findElement(By.cssSelector("main strong")).getText()).isEqualTo("ann@postdesk.test");
        assertNoHorizontalOverflow();
        browser.findElement(By.id("new-password")).sendKeys("password1234");
        browser.findElement(By.id("new-password-confirmation")).sendKeys("password1234");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        assertThat(waitFor(By.id("reset-error")).getText()).contains("most common passwords");
        assertAccessible();

        browser.findElement(By.id("new-password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("new-password-confirmation")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        assertThat(waitFor(By.id("reset-done")).getText()).contains("Your password is set");
        assertAccessible();
        browser.findElement(By.id("email")).sendKeys("ann@postdesk.test");
        browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/"));
        assertThat(browser.findElement(By.cssSelector(".topbar .who")).getText())
                .isEqualTo("Ann");

        open(path);
        assertThat(waitFor(By.id("reset-gone")).getText()).contains("Ask an admin for a new link");
        assertNoHorizontalOverflow();
    }
}
