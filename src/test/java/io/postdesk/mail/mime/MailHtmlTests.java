package io.postdesk.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.attachment.Attachment;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allow-list on both moments: as stored when the mail arrives, and as shown after {@code cid:} references were
 * rewritten. Every shown result is also parsed the way a browser parses it, so a test fails on markup that only
 * becomes dangerous after a second parse (mXSS).
 */
class MailHtmlTests {

    private final MailHtml html = new MailHtml();

    private static final String HTMX_PAYLOAD = " hx-post=/settings/staff hx-trigger=load"
            + " hx-vals='{&quot;email&quot;:&quot;evil@example.com&quot;,&quot;role&quot;:&quot;admin&quot;}' z=";

    @Test
    void contentIdWithAQuoteCannotTurnATitleIntoAttributes() {
        Attachment logo = image(5, "<q\" title=>");
        String stored = html.sanitise("<img src=\"cid:q\" title=\"" + HTMX_PAYLOAD + "\" alt=\"\">");

        String shown = shown(stored, logo);

        Element image = browserParse(shown).selectFirst("img");
        assertThat(image).isNotNull();
        assertThat(image.attributes().asList())
                .extracting(a -> a.getKey())
                .containsOnly("title", "alt")
                .doesNotContain("src");
        assertThat(image.attr("title")).contains("hx-post");
        assertNoActiveAttributes(shown);
    }

    @Test
    void quotedContentIdIsMatchedOnlyAsAWholeValue() {
        Attachment tricky = image(6, "<q\" title=>");
        String stored = html.sanitise("<img src='cid:q\" title=' title=\"" + HTMX_PAYLOAD + "\">");

        String shown = shown(stored, tricky);

        Element image = browserParse(shown).selectFirst("img");
        assertThat(image.attr("src")).isEqualTo("/attachments/6?inline=true");
        assertThat(image.attributes().asList()).extracting(a -> a.getKey()).containsOnly("src", "title", "alt");
        assertNoActiveAttributes(shown);
    }

    @Test
    void pointsCidImagesAtTheirAttachmentAndReportsThem() {
        Attachment chart = image(7, "<chart@example.com>");
        var rendered = html.render(
                html.sanitise("<p>see <img src=\"cid:chart@example.com\" alt=\"chart\"></p>"),
                List.of(chart),
                a -> "/attachments/" + a.id() + "?inline=true",
                a -> "/attachments/" + a.id());

        assertThat(browserParse(rendered.html()).selectFirst("img").attr("src"))
                .isEqualTo("/attachments/7?inline=true");
        assertThat(rendered.inlineImageIds()).containsExactly(7L);
    }

    @Test
    void givesEveryImageATextAlternative() {
        Attachment chart = image(9, "<chart@example.com>");

        var page = browserParse(shown(
                html.sanitise("<img src=\"cid:chart@example.com\"><img src=\"https://tracker.example/p.gif\">"
                        + "<img src=\"cid:chart@example.com\" alt=\"Q3 chart\">"),
                chart));

        assertThat(page.select("img")).extracting(e -> e.attr("alt")).containsExactly(chart.filename(), "", "Q3 chart");
        assertThat(page.select("img")).allMatch(e -> e.hasAttr("alt"));
    }

    @Test
    void matchesPercentEncodedCidUrls() {
        Attachment chart = image(8, "<part 1@example.com>");

        String shown = shown(html.sanitise("<img src=\"cid:part%201@example.com\">"), chart);

        assertThat(browserParse(shown).selectFirst("img").attr("src")).isEqualTo("/attachments/8?inline=true");
    }

    @Test
    void dropsCidImagesThatAreNotThisMessagesRasterImages() {
        Attachment svg =
                new Attachment(9, 1L, null, "logo.svg", "image/svg+xml", 10, "x", "<logo@x>", true, Instant.EPOCH);

        var rendered = html.render(
                html.sanitise("<img src=\"cid:logo@x\"><img src=\"cid:unknown@x\">"),
                List.of(svg),
                a -> "/attachments/" + a.id() + "?inline=true",
                a -> "/attachments/" + a.id());

        assertThat(browserParse(rendered.html()).select("img[src]")).isEmpty();
        assertThat(rendered.inlineImageIds()).isEmpty();
    }

    @Test
    void pointsCidLinksAtTheAttachmentDownload() {
        Attachment pdf = new Attachment(
                10, 1L, null, "offer.pdf", "application/pdf", 10, "x", "<offer@x>", false, Instant.EPOCH);

        String shown = shown(html.sanitise("<a href=\"cid:offer@x\">offer</a> <a href=\"cid:gone@x\">gone</a>"), pdf);

        var links = browserParse(shown).select("a");
        assertThat(links.get(0).attr("href")).isEqualTo("/attachments/10");
        assertThat(links.get(1).hasAttr("href")).isFalse();
    }

    @Test
    void mailCannotPointAtOtherAttachmentsOfOurs() {
        String shown = shown("<img src=\"/attachments/1?inline=true\"><a href=\"/attachments/1\">x</a>"
                + "<img src=\"https://tracker.example/pixel.gif\">");

        Element page = browserParse(shown);
        assertThat(page.select("img[src]")).isEmpty();
        assertThat(page.select("a[href]")).isEmpty();
    }

    @Test
    void linksOpenInANewTabWithoutReferrerOrOpener() {
        String shown = shown("<a href=\"https://example.com/a\" target=\"_top\" rel=\"opener\">a</a>");

        Element link = browserParse(shown).selectFirst("a");
        assertThat(link.attr("href")).isEqualTo("https://example.com/a");
        assertThat(link.attr("rel")).isEqualTo("noopener noreferrer nofollow");
        assertThat(link.attr("target")).isEqualTo("_blank");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
                "<a href=\"&#106;avascript:alert(1)\">x</a>",
                "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
                "<a href=\"java&#x09;script:alert(1)\">x</a>",
                "<a href=\"  javascript:alert(1)\">x</a>",
                "<a href=\"vbscript:msgbox(1)\">x</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
                "<a href=\"/settings/staff\">x</a>",
                "<a href=\"//evil.example/x\">x</a>"
            })
    void dropsLinksThatAreNotWebOrMailAddresses(String mail) {
        String shown = shown(mail);

        assertThat(browserParse(shown).select("a[href]")).isEmpty();
        assertNoActiveAttributes(shown);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
                "<img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\">",
                "<img src=\"javascript:alert(1)\">",
                "<img src=x onerror=\"window.__xss=1\">",
                "<img srcset=\"https://tracker.example/a.png 1x\">"
            })
    void showsNoImageSourceButOurs(String mail) {
        String shown = shown(mail);

        Element image = browserParse(shown).selectFirst("img");
        assertThat(image == null ? List.of() : image.attributes().asList())
                .extracting(a -> a.getKey())
                .doesNotContain("src", "srcset", "onerror");
        assertNoActiveAttributes(shown);
    }

    @Test
    void stripsHtmxThymeleafDataAndEventAttributes() {
        String shown = shown("<div hx-post=\"/settings/staff\" hx-trigger=\"load\" data-hx-post=\"/settings/staff\""
                + " data-hx-trigger=\"load\" hx-on:click=\"x()\" hx-on::load=\"x()\" th:utext=\"${x}\""
                + " data-open-dialog=\"create\" data-th-text=\"${x}\" onclick=\"x()\" onmouseover=\"x()\""
                + " style=\"position:fixed\" class=\"primary\" id=\"composer\" name=\"x\">text</div>");

        Element div = browserParse(shown).child(0);
        assertThat(div.attributes().asList()).isEmpty();
        assertThat(div.text()).isEqualTo("text");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>window.__xss=1</script>",
                "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\"></noscript>",
                "<svg><style><img src=x onerror=window.__xss=1></style></svg>",
                "<svg><script>window.__xss=1</script></svg>",
                "<svg onload=\"window.__xss=1\"><circle r=\"5\"/></svg>",
                "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
                "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1></style></mglyph></table></mtext></math>",
                "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
                "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=window.__xss=1>\">"
                        + "</style></mtext></svg></mglyph></h1></mtext></math>",
                "<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__xss=1>",
                "<style>@import 'https://evil.example/x.css'; body{background:url(javascript:alert(1))}</style>",
                "<p style=\"background:url(javascript:alert(1))\">x</p>",
                "<p style=\"width: expression(alert(1))\">x</p>",
                "<p style=\"background-image:url('https://tracker.example/p.gif')\">x</p>",
                "<base href=\"https://evil.example/\"><a href=\"x\">x</a>",
                "<form action=\"/settings/staff\" method=\"post\"><input name=\"email\"><button>go</button></form>",
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
                "<iframe src=\"https://evil.example/\"></iframe>",
                "<iframe srcdoc=\"&lt;script&gt;parent.__xss=1&lt;/script&gt;\"></iframe>",
                "<object data=\"https://evil.example/x.swf\"></object>",
                "<embed src=\"https://evil.example/x.swf\">",
                "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
                "<video><source onerror=\"window.__xss=1\"></video>",
                "<details open ontoggle=\"window.__xss=1\">x</details>",
                "<template><img src=x onerror=window.__xss=1></template>",
                "<textarea><img src=x onerror=window.__xss=1></textarea>",
                "<title><img src=x onerror=window.__xss=1></title>",
                "<xmp><img src=x onerror=window.__xss=1></xmp>",
                "<noembed><img src=x onerror=window.__xss=1></noembed>",
                "<a href=\"https://example.com\" ping=\"https://evil.example/p\">x</a>",
                "<!--><img src=x onerror=window.__xss=1>-->",
                "<img src=\"cid:x\" title=\"&quot; onerror=window.__xss=1 x=&quot;\">"
            })
    void neutralisesTheXssCorpus(String mail) {
        String stored = html.sanitise(mail);
        String shown = shown(stored);

        assertNoActiveAttributes(stored);
        assertNoActiveAttributes(shown);
        Element page = browserParse(shown);
        assertThat(page.select("script, style, svg, math, base, form, input, button, meta, iframe, object, embed, link,"
                        + " video, source, details, template, textarea, title, xmp, noembed, noscript"))
                .isEmpty();
        // The shown HTML is a fixed point: cleaning it again changes nothing, so no second parse finds more markup.
        assertThat(shown(shown)).isEqualTo(shown);
    }

    @Test
    void keepsFormattingListsTablesAndQuotes() {
        String mail = "<p>Hello <b>bold</b> <i>it</i></p><ul><li>one</li></ul>"
                + "<table><tbody><tr><td colspan=\"2\">cell</td></tr></tbody></table>"
                + "<blockquote>quoted</blockquote><a href=\"mailto:a@example.com\">mail</a>";

        Element page = browserParse(shown(html.sanitise(mail)));

        assertThat(page.select("p b, p i, ul li, td[colspan=2], blockquote")).hasSize(5);
        assertThat(page.selectFirst("a").attr("href")).isEqualTo("mailto:a@example.com");
    }

    @Test
    void storedHtmlKeepsCidReferencesForLater() {
        String stored =
                html.sanitise("<img src=\"cid:a@x\"><a href=\"cid:b@x\">b</a><img src=\"https://t.example/p\">");

        Element page = browserParse(stored);
        assertThat(page.select("img[src]")).extracting(e -> e.attr("src")).containsExactly("cid:a@x");
        assertThat(page.selectFirst("a").attr("href")).isEqualTo("cid:b@x");
    }

    private String shown(String stored, Attachment... attachments) {
        return html.render(
                        stored,
                        List.of(attachments),
                        a -> "/attachments/" + a.id() + "?inline=true",
                        a -> "/attachments/" + a.id())
                .html();
    }

    /** Parses the HTML as a browser does when it meets it inside the page's container; answers the container. */
    private static Element browserParse(String fragment) {
        Document page = Parser.htmlParser().parseInput("<!DOCTYPE html><html><body><div hx-disable>", "");
        page.body().child(0).append(fragment);
        return Jsoup.parse(page.outerHtml()).body().child(0);
    }

    private static void assertNoActiveAttributes(String fragment) {
        Document page = Jsoup.parse(fragment);
        for (Element element : page.body().getAllElements()) {
            for (var attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase(java.util.Locale.ROOT);
                assertThat(key)
                        .as("attribute of <%s> in %s", element.tagName(), fragment)
                        .doesNotStartWith("on")
                        .doesNotStartWith("hx-")
                        .doesNotStartWith("data-")
                        .doesNotStartWith("th:")
                        .doesNotContain(":")
                        .isNotIn("style", "srcdoc", "formaction", "action", "ping", "srcset", "xlink:href");
                if (key.equals("href") || key.equals("src")) {
                    assertThat(attribute.getValue().strip().toLowerCase(java.util.Locale.ROOT))
                            .as("URL in %s", fragment)
                            .matches("(https?:|mailto:|cid:|/attachments/\\d+(\\?inline=true)?$).*");
                }
            }
        }
    }

    private static Attachment image(long id, String contentId) {
        return new Attachment(id, 1L, null, "image.png", "image/png", 10, "x", contentId, true, Instant.EPOCH);
    }
}
