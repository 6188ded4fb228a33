package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.mail.outbound.OutboxWorker;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A customer's whole path in the help center, in a real browser, signing in with the link from their inbox. */
@TestPropertySource(properties = "postdesk.mail.outbound.dashboard-url=https://help.acme.test")
class PortalBrowserIT extends BrowserTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Autowired
    OutboxWorker worker;

    @Test
    void customerSignsInByMagicLinkOpensTicketSeesReplyButNeverTheNoteAndAnswers() throws Exception {
        admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "password": "smtp-password", "fromEmail": "support@acme.test"}""".formatted(smtp.getSmtp().getPort()));
        var brand = admin().put("/api/v1/settings/branding", "{\"name\": \"Acme Help\", \"color\": \"#0f766e\"}");
        assertThat(brand.status()).as(brand.body()).isEqualTo(200);
        admin().post("/api/v1/tickets", "{\"subject\": \"Earlier question\", \"contactEmail\": \"quinn@example.com\"}");

        open("/portal/login");
        assertThat(browser.findElement(By.cssSelector(".topbar .brand")).getText())
                .isEqualTo("Acme Help");
        browser.findElement(By.id("link-email")).sendKeys("quinn@example.com");
        browser.findElement(By.id("send-link")).click();
        waitFor(By.id("link-sent"));
        worker.deliverDue();
        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        var signInMail = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> GreenMailUtil.getHeaders(m).contains("sign-in link"))
                .findFirst()
                .orElseThrow();
        String body = GreenMailUtil.getBody(signInMail).replace("=\r\n", "").replace("=3D", "=");
        // The link is on the configured public address; the browser opens its path here.
        Matcher link = Pattern.compile("https://help\\.acme\\.test(/portal/sign-in\\?token=[A-Za-z0-9_-]+)")
                .matcher(body);
        assertThat(link.find()).as(body).isTrue();

        open(link.group(1));
        waitFor(By.id("my-tickets"));
        assertThat(browser.findElement(By.id("my-tickets")).getText()).contains("Earlier question");

        browser.findElement(By.id("new-ticket")).click();
        waitFor(By.id("subject")).sendKeys("Cannot download invoice");
        browser.findElement(By.id("description")).sendKeys("The download button does nothing.");
        browser.findElement(By.id("submit-ticket")).click();
        waitUntil(d -> d.getCurrentUrl().matches(".*/portal/tickets/\\d+$"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/", ""));
        assertThat((String) admin().get("/api/v1/tickets/" + id).json("$.source"))
                .isEqualTo("portal");

        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"Try the new link in your account page.\"}");
        admin().post(
                        "/api/v1/tickets/" + id + "/replies",
                        "{\"body\": \"Note: customer is on the old plan\", \"internal\": true}");
        browser.navigate().refresh();
        String thread = waitFor(By.id("thread")).getText();
        assertThat(thread).contains("Try the new link").doesNotContain("old plan");
        screenshot("portal-ticket");

        browser.findElement(By.id("reply-body")).sendKeys("That worked, thanks!");
        browser.findElement(By.id("send")).click();
        waitUntil(d -> d.findElement(By.id("thread")).getText().contains("That worked"));
        assertThat((java.util.List<?>)
                        admin().get("/api/v1/tickets/" + id + "/messages").json("$"))
                .hasSize(4);
    }

    @Test
    void everyPortalPageFitsAPhoneScreen() throws Exception {
        long id = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"My parcel went to a very long street name somewhere else entirely\","
                                + " \"contactEmail\": \"someone.with.a.long.address@example.com\"}")
                .id();
        admin().post("/api/v1/tickets/" + id + "/replies", "{\"body\": \"We have asked the courier.\"}");
        long contact = ((Number) admin().get("/api/v1/contacts?email=someone.with.a.long.address@example.com")
                        .json("$[0].id"))
                .longValue();
        String url =
                admin().post("/api/v1/contacts/" + contact + "/portal-link", "").json("$.url");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));

        open("/portal/login");
        assertNoHorizontalOverflow();
        open(url.substring(url.indexOf("/portal/")));
        waitFor(By.id("my-tickets"));
        assertNoHorizontalOverflow();
        open("/portal/tickets/" + id);
        assertNoHorizontalOverflow();
        assertWithinWindow(browser.findElement(By.id("send")));
        open("/portal/tickets/new");
        assertNoHorizontalOverflow();
        open("/contact");
        assertNoHorizontalOverflow();
    }

    @Test
    void contactFormConfirmsAndOpensATicket() {
        open("/contact");
        browser.findElement(By.id("name")).sendKeys("Rita");
        browser.findElement(By.id("email")).sendKeys("rita@example.com");
        browser.findElement(By.id("subject")).sendKeys("Opening hours");
        browser.findElement(By.id("message")).sendKeys("Are you open on Sundays?");
        browser.findElement(By.id("send-form")).click();

        assertThat(waitFor(By.id("confirmation")).getText()).contains("We received your message");
        assertThat((String) admin().get("/api/v1/tickets?q=Opening").json("$.items[0].source"))
                .isEqualTo("contact_form");
    }
}
