package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/** An agent's day in the dashboard, in a real browser. */
class DashboardBrowserIT extends BrowserTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
            })
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Test
    void filtersByStatusAndPriorityWithCounts() throws Exception {
        ticket("Printer on fire", "high", "bob@example.com");
        ticket("Invoice missing", "low", "carol@example.com");
        long pending = ticket("Password reset", "high", "dave@example.com");
        admin().patch("/api/v1/tickets/" + pending, "{\"status\": \"pending\"}");
        signInAsAdmin();

        assertThat(count("all")).isEqualTo("3");
        assertThat(count("open")).isEqualTo("2");
        assertThat(count("pending")).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("table.tickets tbody tr[data-ticket]")))
                .hasSize(3);
        assertThat(browser.findElement(By.cssSelector("table.tickets tbody")).getText())
                .contains("bob@example.com")
                .contains("—");
        assertNoHorizontalOverflow();
        screenshot("ticket-list");

        browser.findElement(By.cssSelector("a[data-status=open]")).click();
        waitUntil(d -> d.getCurrentUrl().contains("status=open"));
        assertThat(browser.findElements(By.cssSelector("table.tickets tbody tr[data-ticket]")))
                .hasSize(2);

        new Select(browser.findElement(By.id("priority"))).selectByValue("high");
        waitUntil(d -> d.getCurrentUrl().contains("priority=high"));
        waitUntil(d -> d.findElements(By.cssSelector("table.tickets tbody tr[data-ticket]"))
                        .size()
                == 1);
        assertThat(count("all")).isEqualTo("2");
        assertThat(count("open")).isEqualTo("1");

        open("/?status=pending&priority=high");
        assertThat(browser.findElement(By.cssSelector("table.tickets tbody")).getText())
                .contains("Password reset");
    }

    @Test
    void createsTicketThroughTheModalWithInlineValidation() {
        signInAsAdmin();

        browser.findElement(By.id("create-ticket")).click();
        waitFor(By.id("subject"));
        browser.findElement(By.id("contactEmail")).sendKeys("not-an-email");
        browser.findElement(By.id("create-submit")).click();
        waitFor(By.cssSelector("#create-form .error"));
        assertThat(browser.findElement(By.cssSelector("#create-form .error")).getText())
                .isEqualTo("Please correct the 2 fields marked below.");
        assertThat(browser.findElements(By.cssSelector("#create-form .field-error")))
                .extracting(org.openqa.selenium.WebElement::getText)
                .containsExactly("Subject is required.", "Contact email is not a valid email address.");
        assertThat(browser.findElement(By.id("create-form")).getText()).doesNotContain("contactEmail");
        assertAccessible();

        // Cancelled and opened again, the form starts without the old messages.
        browser.findElement(By.cssSelector("[data-close-dialog=create-dialog]")).click();
        browser.findElement(By.id("create-ticket")).click();
        waitFor(By.id("subject"));
        assertThat(browser.findElements(By.cssSelector("#create-form .error, #create-form .field-error")))
                .isEmpty();

        browser.findElement(By.id("subject")).sendKeys("Laptop will not boot");
        browser.findElement(By.id("description")).sendKeys("Black screen since the update.");
        new Select(browser.findElement(By.id("create-priority"))).selectByValue("urgent");
        browser.findElement(By.id("contactName")).sendKeys("Erin");
        var email = browser.findElement(By.id("contactEmail"));
        email.clear();
        email.sendKeys("erin@example.com");
        browser.findElement(By.id("create-submit")).click();

        waitUntil(d -> d.getCurrentUrl().matches(".*/tickets/\\d+$"));
        assertThat(browser.findElement(By.id("sidebar")).getText())
                .contains("Laptop will not boot")
                .contains("erin@example.com")
                .contains("source admin");
        assertThat(new Select(browser.findElement(By.id("ticket-priority")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Urgent");
    }

    @Test
    void changesStatusInTheSidebarAndRepliesWithCtrlEnterAndAnImage() throws Exception {
        long id = ticket("Broken screen", "medium", "frank@example.com");
        signInAsAdmin();
        open("/tickets/" + id);

        new Select(browser.findElement(By.id("status"))).selectByValue("pending");
        waitUntil(
                d -> (Boolean)
                        ((org.openqa.selenium.JavascriptExecutor) d)
                                .executeScript(
                                        "return document.querySelector('#status').value === 'pending' && !document.querySelector('.htmx-request')"));
        Thread.sleep(300);
        assertThat(statusOf(id)).isEqualTo("pending");

        Path image = Files.createTempFile("screen", ".png");
        BufferedImage pixels = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        pixels.setRGB(5, 5, 0xff0000);
        ImageIO.write(pixels, "png", image.toFile());
        browser.findElement(By.id("files")).sendKeys(image.toString());
        var body = browser.findElement(By.id("reply-body"));
        body.sendKeys("Here is what we see on our side.");
        body.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        waitFor(By.cssSelector(".message.outbound .attachments img"));
        assertThat(browser.findElement(By.cssSelector(".message.outbound")).getText())
                .contains("Here is what we see on our side.")
                .contains("Email not sent");
        var preview = browser.findElement(By.cssSelector(".message.outbound .attachments img"));
        waitUntil(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth === 40", preview));

        browser.findElement(By.id("internal")).click();
        browser.findElement(By.id("reply-body")).sendKeys("Team: customer dropped it twice.");
        browser.findElement(By.id("send")).click();
        waitFor(By.cssSelector(".message.internal"));
        assertThat(browser.findElement(By.cssSelector(".message.internal")).getText())
                .contains("Team note")
                .contains("customer dropped it twice");
        assertNoHorizontalOverflow();
        screenshot("ticket-detail");
    }

    @Test
    void marksSpamAndDeletesWithConfirmation() {
        long spam = ticket("Cheap watches", "low", "spammer@junk.example");
        long doomed = ticket("Delete me", "low", "gone@example.com");
        signInAsAdmin();

        open("/tickets/" + spam);
        browser.findElement(By.id("mark-spam")).click();
        browser.switchTo().alert().accept();
        waitUntil(d -> d.getCurrentUrl().endsWith("/?markedSpam=" + spam));
        assertThat(browser.findElement(By.cssSelector("#toasts .toast")).getText())
                .isEqualTo("Ticket #" + spam + " was marked as spam; its sender is on the spam list.");
        assertThat(browser.findElement(By.cssSelector("table.tickets")).getText())
                .doesNotContain("Cheap watches");
        assertThat((String) admin().get("/api/v1/spam-list").json("$[0].entry")).isEqualTo("spammer@junk.example");

        open("/tickets/" + doomed);
        browser.findElement(By.id("delete-ticket")).click();
        browser.switchTo().alert().dismiss();
        assertThat(admin().get("/api/v1/tickets/" + doomed).status()).isEqualTo(200);
        browser.findElement(By.id("delete-ticket")).click();
        browser.switchTo().alert().accept();
        waitUntil(d -> d.getCurrentUrl().endsWith("/?deleted=" + doomed));
        assertThat(browser.findElement(By.cssSelector("#toasts .toast")).getText())
                .isEqualTo("Ticket #" + doomed + " was deleted.");
        assertThat(admin().get("/api/v1/tickets/" + doomed).status()).isEqualTo(404);
        // A notice is only ever about a ticket number: other words in the address are not shown.
        open("/?deleted="
                + java.net.URLEncoder.encode("1 and call +1-555 now", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.findElements(By.cssSelector("#toasts .toast"))).isEmpty();
    }

    @Test
    void savesSmtpSettingsAndRunsTestConnection() throws Exception {
        signInAsAdmin();
        open("/settings/email");

        browser.findElement(By.id("supportAddress")).sendKeys("help@acme.test");
        browser.findElement(By.id("host")).sendKeys("127.0.0.1");
        var port = browser.findElement(By.id("port"));
        port.clear();
        port.sendKeys(Integer.toString(smtp.getSmtp().getPort()));
        browser.findElement(By.id("username")).sendKeys("smtp-user");
        browser.findElement(By.id("smtp-password")).sendKeys("smtp-password");
        browser.findElement(By.id("fromEmail")).sendKeys("support@acme.test");
        browser.findElement(By.id("fromName")).sendKeys("Acme Support");
        browser.findElement(By.id("save-email")).click();
        waitFor(By.cssSelector("#email .notice"));
        assertThat(browser.findElement(By.id("smtp-password")).getDomProperty("value"))
                .isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("value=\"smtp-password\"");

        browser.findElement(By.id("test-connection")).click();
        waitFor(By.id("test-result"));
        assertThat(browser.findElement(By.id("test-result")).getText()).contains("Test email sent");
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        assertNoHorizontalOverflow();
        screenshot("settings");
    }

    /** Nothing on the page is wider than the window: no sideways scrolling; names what sticks out if it is. */
    @Test
    void everyPageFitsAPhoneScreen() throws Exception {
        long id = ticket(
                "A rather long subject line that a customer wrote about their broken order",
                "high",
                "someone.with.a.long.address@example.com");
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"We are on it.\"}");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        signInAsAdmin();

        assertNoHorizontalOverflow();
        assertThat(browser.findElement(By.id("q")).getSize().getWidth()).isGreaterThan(120);
        browser.findElement(By.id("create-ticket")).click();
        var submit = waitFor(By.id("create-submit"));
        assertWithinWindow(submit);
        browser.findElement(By.cssSelector("[data-close-dialog=create-dialog]")).click();
        screenshot("ticket-list-phone");

        open("/tickets/" + id);
        assertNoHorizontalOverflow();
        assertWithinWindow(browser.findElement(By.id("send")));
        screenshot("ticket-phone");

        open("/settings/email");
        assertNoHorizontalOverflow();
        assertWithinWindow(browser.findElement(By.cssSelector("nav.topbar button.link")));

        open("/settings/inbound");
        assertNoHorizontalOverflow();
    }

    @Test
    void savesAnImapMailboxAndFetchesFromIt() throws Exception {
        var support = smtp.setUser("support@acme.test", "support", "mailbox-secret");
        support.deliver(new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(("From: gus@example.com\r\nTo: support@acme.test\r\n"
                                + "Subject: Fetched by IMAP\r\nMessage-ID: <browser-imap@example.com>\r\n\r\nHi!\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        signInAsAdmin();
        open("/settings/mailbox");

        waitFor(By.id("mailbox-form"));
        browser.findElement(By.id("mailbox-enabled")).click();
        browser.findElement(By.id("mailbox-host")).sendKeys("127.0.0.1");
        browser.findElement(By.id("mailbox-ssl")).click();
        var port = browser.findElement(By.id("mailbox-port"));
        port.clear();
        port.sendKeys(Integer.toString(smtp.getImap().getPort()));
        browser.findElement(By.id("mailbox-username")).sendKeys("support");
        browser.findElement(By.id("mailbox-password")).sendKeys("mailbox-secret");
        browser.findElement(By.id("save-mailbox")).click();
        waitFor(By.cssSelector("#mailbox .notice"));
        browser.findElement(By.id("test-mailbox")).click();
        assertThat(waitFor(By.id("mailbox-check")).getText()).contains("1 message(s) waiting in INBOX");
        browser.findElement(By.id("fetch-mailbox")).click();

        var lastPoll = waitFor(By.id("mailbox-last-poll"));
        assertThat(lastPoll.getText()).contains("1 mail(s)");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('mailbox').scrollIntoView()");
        assertNoHorizontalOverflow();
        screenshot("settings-mailbox");
        open("/");
        assertThat(waitFor(By.cssSelector("main")).getText()).contains("Fetched by IMAP");
    }

    @Test
    void showsProcessedMailWithItsStepsAndReleasesAnIgnoredOne() throws Exception {
        anonymous()
                .postRaw(
                        "/api/tickets/inbound-email",
                        "message/rfc822",
                        io.postdesk.mail.inbound.TestMails.from("nina@example.com")
                                .header("Subject", "Out of Office: back Monday")
                                .body("Real question hidden in an auto-reply: where is my refund?")
                                .bytes());
        signInAsAdmin();

        open("/settings/inbound?outcome=ignored");
        assertThat(browser.findElement(By.id("inbound-log")).getText())
                .contains("nina@example.com")
                .contains("ignored");
        browser.findElement(By.cssSelector("#inbound-log tbody a")).click();
        waitFor(By.id("steps"));
        assertThat(browser.findElement(By.id("steps")).getText())
                .contains("drop_auto_generated")
                .contains("Out of Office");
        assertNoHorizontalOverflow();
        screenshot("processed-mail");

        browser.findElement(By.id("release")).click();
        waitFor(By.cssSelector(".notice"));
        assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("created");
    }

    @Test
    void rendersSanitisedHtmlMailWithItsInlineImage() {
        String raw = "From: Maria <maria@example.com>\r\nTo: help@acme.test\r\nSubject: VAT\r\n"
                + "Message-ID: <html-1@example.com>\r\nMIME-Version: 1.0\r\n" + DemoData.htmlMail();
        var created = anonymous()
                .postRaw(
                        "/api/tickets/inbound-email",
                        "message/rfc822",
                        raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long id = ((Number) created.json("$.ticketId")).longValue();
        signInAsAdmin();

        open("/tickets/" + id);

        var message = waitFor(By.cssSelector(".message.inbound .html-body"));
        assertThat(message.getText()).contains("invoice #4411");
        var image = message.findElement(By.tagName("img"));
        assertThat(image.getDomAttribute("src")).startsWith("/attachments/");
        waitUntil(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth === 240", image));
        assertThat(browser.getPageSource()).doesNotContain("alert('never runs')");
    }

    @Test
    void refusesWrongPasswords() {
        open("/login");
        browser.findElement(By.id("email")).sendKeys(ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys("wrong-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        waitFor(By.cssSelector(".error"));
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    private String count(String status) {
        return browser.findElement(By.cssSelector("a[data-status=" + status + "] .count"))
                .getText();
    }

    @Test
    void aRefusedAttachmentSaysWhyUnderTheComposer() throws Exception {
        long id = ticket("Logs attached", "medium", "gale@example.com");
        signInAsAdmin();
        open("/tickets/" + id);

        Path script = Files.createTempFile("cleanup", ".sh");
        Files.writeString(script, "rm -rf /tmp/cache\n");
        browser.findElement(By.id("files")).sendKeys(script.toString());
        browser.findElement(By.id("reply-body")).sendKeys("Here is the script.");
        browser.findElement(By.id("send")).click();
        assertThat(waitFor(By.id("composer-error")).getText())
                .startsWith("Not sent:")
                .contains("file type not allowed");

        Path big = Files.createTempFile("manual", ".pdf");
        Files.write(big, new byte[11 * 1024 * 1024]);
        var files = browser.findElement(By.id("files"));
        files.clear();
        files.sendKeys(big.toString());
        browser.findElement(By.id("send")).click();
        waitUntil(d -> d.findElement(By.id("composer-error")).getText().contains("larger than"));
        assertThat(browser.findElements(By.cssSelector("#thread article.message")))
                .isEmpty();
        assertThat(browser.findElement(By.id("reply-body")).getAttribute("value"))
                .as("the draft is kept")
                .isEqualTo("Here is the script.");
    }

    @Test
    void threadNamesItsAuthorsAndShowsTimesInTheViewersZone() {
        long id = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"Delivery late\", \"contactName\": \"Hana Ito\","
                                + " \"contactEmail\": \"hana@example.com\"}")
                .id();
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"It ships today.\"}");
        signInAsAdmin();
        open("/tickets/" + id);

        var header = waitFor(By.cssSelector("#thread article.message header"));
        assertThat(header.findElement(By.tagName("strong")).getText()).isNotEqualTo(ADMIN_EMAIL);
        assertThat(header.getText()).contains(ADMIN_EMAIL);
        var time = header.findElement(By.tagName("time"));
        String expected = (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "var d = new Date(arguments[0]); var p = function (n) { return (n < 10 ? '0' : '') + n; };"
                                + " return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' '"
                                + " + p(d.getHours()) + ':' + p(d.getMinutes());",
                        time.getAttribute("datetime"));
        assertThat(time.getText()).isEqualTo(expected);
        assertThat(time.getAttribute("title")).isNotBlank();
    }

    private long ticket(String subject, String priority, String email) {
        return admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"priority\": \"" + priority + "\", \"contactEmail\": \""
                                + email + "\"}")
                .id();
    }

    private String statusOf(long id) {
        return admin().get("/api/v1/tickets/" + id).json("$.status");
    }
}
