package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 13, defect 4 and the portal bullets: a customer's attachments show in their portal thread with an image
 * preview that really loads and each file's size; the public contact form wears the helpdesk's branding.
 */
class PortalFilesBrowserIT extends BrowserTest {

    @Test
    void portalAttachmentsShowAnImagePreviewAndTheirSizes() throws Exception {
        long id = admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"Broken lid\", \"contactEmail\": \"pia@example.com\","
                                + " \"description\": \"The lid arrived cracked.\"}")
                .id();
        long contact =
                ((Number) admin().get("/api/v1/contacts?email=pia@example.com").json("$[0].id")).longValue();
        String url =
                admin().post("/api/v1/contacts/" + contact + "/portal-link", "").json("$.url");
        open(url.substring(url.indexOf("/portal/")));
        waitFor(By.id("my-tickets"));
        open("/portal/tickets/" + id);

        Path image = Files.createTempFile("lid", ".png");
        BufferedImage pixels = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        pixels.setRGB(5, 5, 0xff0000);
        ImageIO.write(pixels, "png", image.toFile());
        Path notes = Files.createTempFile("order-notes", ".txt");
        Files.writeString(notes, "x".repeat(3000));
        browser.findElement(By.id("files")).sendKeys(image + "\n" + notes);
        browser.findElement(By.id("reply-body")).sendKeys("Photo and my notes attached.");
        browser.findElement(By.id("send")).click();

        var preview = waitFor(By.cssSelector("#thread .attachments a.preview > img"));
        waitUntil(d -> ((Number) ((JavascriptExecutor) d)
                                .executeScript(
                                        "return arguments[0].complete ? arguments[0].naturalWidth : 0;", preview))
                        .intValue()
                == 64);
        assertThat(preview.getDomAttribute("src")).matches("/portal/attachments/\\d+");
        var items = browser.findElements(By.cssSelector("#thread .attachments li"));
        assertThat(items).hasSize(2);
        assertThat(items.stream().map(li -> li.getText()).toList())
                .anySatisfy(text -> assertThat(text).startsWith("lid").endsWith(" B"))
                .anySatisfy(text -> assertThat(text).startsWith("order-notes").endsWith("2 KB"));
        assertAccessible();
        assertNoHorizontalOverflow();
    }

    @Test
    void theContactFormWearsTheBranding() {
        var brand = admin().put("/api/v1/settings/branding", "{\"name\": \"Acme Help\", \"color\": \"#0f766e\"}");
        assertThat(brand.status()).as(brand.body()).isEqualTo(200);

        open("/contact");

        assertThat(browser.findElement(By.cssSelector(".topbar .brand")).getText())
                .isEqualTo("Acme Help");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Contact Acme Help");
        assertThat(browser.getTitle()).endsWith("Acme Help");
        Object accent = ((JavascriptExecutor) browser)
                .executeScript(
                        "return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim();");
        assertThat(accent).isEqualTo("#0f766e");
        Object button = ((JavascriptExecutor) browser)
                .executeScript("return getComputedStyle(document.getElementById('send-form')).backgroundColor;");
        assertThat(button).isEqualTo("rgb(15, 118, 110)");

        browser.findElement(By.id("email")).sendKeys("rita@example.com");
        browser.findElement(By.id("subject")).sendKeys("Opening hours");
        browser.findElement(By.id("message")).sendKeys("Are you open on Sundays?");
        browser.findElement(By.id("send-form")).click();
        waitFor(By.id("confirmation"));
        assertAccessible();
        assertThat(browser.findElement(By.cssSelector(".topbar .brand")).getText())
                .isEqualTo("Acme Help");
    }
}
