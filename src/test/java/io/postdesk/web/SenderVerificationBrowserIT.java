package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.TestMails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The admin names the trusted server in Settings, and the processed-mail log shows each mail's sender verdict. */
class SenderVerificationBrowserIT extends BrowserTest {

    @Test
    void savesTrustedServersAndShowsTheVerdictInTheProcessedMailLog() throws Exception {
        signInAsAdmin();
        open("/settings/inbound");

        var ids = waitFor(By.id("trusted-authserv-ids"));
        ids.sendKeys("not a host;");
        browser.findElement(By.cssSelector("#sender-verification-form button[type=submit]"))
                .click();
        assertThat(waitFor(By.cssSelector("#sender-verification .error")).getText())
                .contains("host names");
        waitFor(By.id("trusted-authserv-ids")).clear();
        browser.findElement(By.id("trusted-authserv-ids")).sendKeys("MX.example.com\nmx2.example.com");
        browser.findElement(By.id("require-verified-staff")).click();
        browser.findElement(By.cssSelector("#sender-verification-form button[type=submit]"))
                .click();
        waitFor(By.cssSelector("#sender-verification .notice"));
        assertThat(browser.findElement(By.id("trusted-authserv-ids")).getDomProperty("value"))
                .isEqualTo("mx.example.com\nmx2.example.com");
        assertThat(browser.findElement(By.id("require-verified-staff")).isSelected())
                .isTrue();
        assertThat(admin().get("/api/v1/settings/sender-verification").<Boolean>json("$.requireVerifiedStaff"))
                .isTrue();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('sender-verification').scrollIntoView()");
        screenshot("settings-sender-verification");

        anonymous()
                .postRaw(
                        "/api/tickets/inbound-email",
                        "message/rfc822",
                        TestMails.from("rita@customer.test")
                                .header(
                                        "Authentication-Results",
                                        "mx.example.com; dmarc=fail header.from=customer.test")
                                .bytes());
        open("/settings/inbound");

        assertThat(waitFor(By.cssSelector("#inbound-log td.sender-verdict")).getText())
                .isEqualTo("unverified");
        browser.findElement(By.cssSelector("#inbound-log tbody a")).click();
        assertThat(waitFor(By.id("sender-verdict")).getText()).isEqualTo("unverified");
        assertThat(browser.findElement(By.id("steps")).getText())
                .contains("verify_sender")
                .contains("dmarc=fail");
    }
}
