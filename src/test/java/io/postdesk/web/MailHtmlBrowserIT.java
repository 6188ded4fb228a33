package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.mail.outbound.OutboxWorker;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.HasCdp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The XSS corpus ({@code mail/xss/*.eml}, one attack per mail) posted through the real inbound webhook and opened as
 * an admin in Chromium. A mail fails the test if any script of its runs (every payload sets {@code window.__xss} or
 * calls {@code alert}), if the page tries to load or post anything but our own assets, if the CSP had to block
 * anything (a blocked inline handler means the sanitiser let it through), if an {@code hx-*}/{@code data-*} or other
 * active attribute from the mail reaches the DOM, or if a staff member appears.
 */
class MailHtmlBrowserIT extends BrowserTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Autowired
    OutboxWorker worker;

    /** Runs before any script of each page (and frame): records script that runs and what the CSP blocked. */
    private static final String TRAPS = """
            window.__xss = 0;
            window.__blocked = [];
            ['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
              window[name] = function () { window.__xss = 1; };
            });
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__blocked.push({directive: e.violatedDirective, uri: e.blockedURI, source: e.sourceFile});
            });
            """;

    /** What the page did and shows; one string per problem. */
    private static final String INSPECT = """
            var problems = [];
            if (window.__xss !== 0) { problems.push('script ran: window.__xss=' + window.__xss); }
            window.__blocked.forEach(function (b) {
              // Our own poll's trigger filter ([document.visibilityState === 'visible']) needs eval, which the CSP
              // refuses; that is the page, not the mail (a filter from mail would fail the attribute checks below).
              if (!(b.uri === 'eval' && /\\/webjars\\/htmx\\.org\\//.test(b.source))) {
                problems.push('CSP blocked ' + b.directive + ' ' + b.uri + ' from ' + b.source);
              }
            });
            var ours = /^\\/(css|js|webjars)\\/|^\\/attachments\\/\\d+\\?inline=true$|^\\/tickets\\/\\d+\\/(thread|saved-replies|presence)$/;
            performance.getEntriesByType('resource').forEach(function (r) {
              var url = new URL(r.name);
              if (url.origin !== location.origin || !ours.test(url.pathname + url.search)) {
                problems.push('request ' + r.initiatorType + ' ' + r.name);
              }
            });
            if (document.baseURI !== location.href) { problems.push('base URI ' + document.baseURI); }
            var bodies = document.querySelectorAll('.html-body');
            if (bodies.length === 0) { problems.push('no HTML body shown'); }
            bodies.forEach(function (body) {
              if (!body.hasAttribute('hx-disable')) { problems.push('container without hx-disable'); }
              body.querySelectorAll('*').forEach(function (el) {
                Array.prototype.forEach.call(el.attributes, function (a) {
                  var n = a.name.toLowerCase();
                  if (/^(hx-|data-|on)|:/.test(n) || ['style', 'srcdoc', 'srcset', 'formaction', 'action', 'ping',
                      'id', 'class', 'name', 'autofocus'].indexOf(n) >= 0) {
                    problems.push('attribute ' + el.tagName + '[' + n + ']');
                  }
                });
              });
              body.querySelectorAll('script, style, svg, math, iframe, frame, object, embed, applet, form, input,'
                  + ' button, base, meta, link, noscript, template, textarea, video, audio, source, details')
                  .forEach(function (el) { problems.push('element ' + el.tagName); });
              body.querySelectorAll('a[href]').forEach(function (a) {
                var url = new URL(a.href);
                var isOurs = url.origin === location.origin && /^\\/attachments\\/\\d+$/.test(url.pathname);
                if (!isOurs && ['http:', 'https:', 'mailto:'].indexOf(url.protocol) < 0) {
                  problems.push('link ' + a.href);
                }
                if (a.rel !== 'noopener noreferrer nofollow' || a.target !== '_blank') {
                  problems.push('link without rel/target ' + a.href);
                }
              });
              body.querySelectorAll('img[src]').forEach(function (img) {
                var url = new URL(img.src);
                if (url.origin !== location.origin || !/^\\/attachments\\/\\d+$/.test(url.pathname)) {
                  problems.push('image ' + img.src);
                }
              });
            });
            document.querySelectorAll('[hx-vals], [data-hx-vals], [data-hx-post], [data-hx-get], [data-hx-trigger]')
                .forEach(function (el) { problems.push('htmx attribute on ' + el.outerHTML.slice(0, 80)); });
            document.querySelectorAll('[hx-post], [hx-get], [hx-put], [hx-patch], [hx-delete]').forEach(function (el) {
              var url = el.getAttribute('hx-post') || el.getAttribute('hx-get') || el.getAttribute('hx-put')
                  || el.getAttribute('hx-patch') || el.getAttribute('hx-delete');
              if (el.closest('.html-body') || !/^\\/(tickets|outbox)\\//.test(url)) {
                problems.push('htmx request ' + url + ' on ' + el.tagName);
              }
            });
            return problems;
            """;

    @Test
    void noMailOfTheXssCorpusRunsScriptSendsRequestsOrCarriesHtmxIntoTheDashboard() throws Exception {
        Map<String, Long> tickets = postCorpus();
        long staffBefore = staffCount();
        ((HasCdp) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRAPS));
        signInAsAdmin();

        var softly = new SoftAssertions();
        tickets.forEach((mail, id) -> {
            open("/tickets/" + id);
            settle();
            softly.assertThat(inspect()).as("%s on /tickets/%d", mail, id).isEmpty();
            // The thread is swapped in again by htmx every 10 s: swap it now and look again.
            ((JavascriptExecutor) browser)
                    .executeScript(
                            "htmx.ajax('GET', '/tickets/' + arguments[0] + '/thread', {target: '#thread', swap: 'outerHTML'})"
                                    + ".then(function () { window.__swapped = true; })",
                            id);
            waitUntil(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.__swapped")));
            settle();
            softly.assertThat(inspect()).as("%s after the thread poll", mail).isEmpty();
            softly.assertThat(browser.getCurrentUrl())
                    .as("%s stays on the ticket", mail)
                    .endsWith("/tickets/" + id);
        });
        softly.assertThat(staffCount()).as("staff members").isEqualTo(staffBefore);
        softly.assertAll();
    }

    @Test
    void inlineCidImagesStillShowAndCidLinksDownloadTheirPart() throws Exception {
        Map<String, Long> tickets = postCorpus();
        signInAsAdmin();

        open("/tickets/" + tickets.get("cid-quote-title-htmx"));
        var logo = waitFor(By.cssSelector(".html-body img[alt=logo]"));
        assertThat(logo.getDomAttribute("src")).matches("/attachments/\\d+\\?inline=true");
        waitUntil(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth === 1", logo));
        // The trick image's src pointed at no part: it shows no image, and its title stayed a title.
        var trick = browser.findElement(By.cssSelector(".html-body img[alt='']"));
        assertThat(trick.getDomAttribute("src")).isNull();
        assertThat(trick.getDomAttribute("title")).contains("hx-post=/settings/staff");
        assertThat(browser.findElement(By.id("thread")).findElements(By.cssSelector(".attachments li")))
                .as("the logo is not listed again, the unused part is")
                .singleElement()
                .satisfies(item -> assertThat(item.getText()).contains("q.png"));

        open("/tickets/" + tickets.get("cid-link"));
        var offer = waitFor(By.linkText("the offer"));
        assertThat(offer.getDomAttribute("href")).matches("/attachments/\\d+");
        assertThat(browser.findElement(By.linkText("a missing part")).getDomAttribute("href"))
                .isNull();
    }

    @Test
    void theSenderSeesTheMailAsEscapedTextInThePortal() throws Exception {
        admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "password": "smtp-password", "fromEmail": "support@acme.test"}""".formatted(smtp.getSmtp().getPort()));
        Map<String, Long> tickets = postCorpus();
        ((HasCdp) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRAPS));

        open("/portal/login");
        browser.findElement(By.id("link-email")).sendKeys("mallory@attacker.example");
        browser.findElement(By.id("send-link")).click();
        waitFor(By.id("link-sent"));
        worker.deliverDue();
        String body = signInMail();
        // The link is built on the configured public URL, not this test server's address: follow its path here.
        Matcher link = Pattern.compile("https?://[^\\s\"</]+(/portal/sign-in\\?token=[A-Za-z0-9_-]+)")
                .matcher(body);
        assertThat(link.find()).as(body).isTrue();
        open(link.group(1));
        waitFor(By.id("my-tickets"));

        for (String mail : List.of("cid-quote-title-htmx", "htmx-attributes", "mxss-noscript")) {
            open("/portal/tickets/" + tickets.get(mail));
            settle();
            var thread = waitFor(By.id("thread"));
            assertThat(thread.findElements(
                            By.cssSelector("img:not(.attachments a.preview > img), [hx-post], [hx-get], [data-hx-post],"
                                    + " [hx-vals]")))
                    .as(mail)
                    .isEmpty();
            // The one kind of image the portal draws: its own preview of an attached image, by its own address.
            for (var preview : thread.findElements(By.cssSelector(".attachments a.preview > img"))) {
                assertThat(preview.getDomAttribute("src")).as(mail).matches("/portal/attachments/\\d+");
            }
            assertThat((Object) ((JavascriptExecutor) browser).executeScript("return window.__xss"))
                    .as(mail)
                    .isEqualTo(0L);
            assertThat((List<?>) ((JavascriptExecutor) browser).executeScript("return window.__blocked"))
                    .as(mail)
                    .isEmpty();
        }
    }

    /** Posts every mail of the corpus through the inbound webhook; answers the ticket of each, by file name. */
    private Map<String, Long> postCorpus() throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getResource("/mail/xss").toURI());
        Map<String, Long> tickets = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(corpus)) {
            listed.filter(p -> p.toString().endsWith(".eml")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        for (Path file : files) {
            var created = anonymous().postRaw("/api/tickets/inbound-email", "message/rfc822", Files.readAllBytes(file));
            assertThat(created.status()).as("%s: %s", file, created.body()).isBetween(200, 202);
            Number id = created.json("$.ticketId");
            assertThat(id).as("%s: %s", file, created.body()).isNotNull();
            tickets.put(file.getFileName().toString().replace(".eml", ""), id.longValue());
        }
        return tickets;
    }

    /** Lets the page finish: loaded, then time for load triggers (htmx's included) and image errors to fire. */
    private void settle() {
        waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return document.readyState === 'complete'"));
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> inspect() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(INSPECT);
    }

    private long staffCount() {
        return jdbc.sql("SELECT COUNT(*) FROM staff").query(Long.class).single();
    }

    private String signInMail() throws Exception {
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        var mail = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> GreenMailUtil.getHeaders(m).contains("sign-in link"))
                .findFirst()
                .orElseThrow();
        return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
    }
}
