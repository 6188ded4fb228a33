package io.postdesk.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlQuoteTests {

    @Test
    void outlookHistoryRunsToTheEnd() {
        assertThat(HtmlQuote.withoutHistory("<div>Paid.</div><div id=\"appendonsend\"></div><hr>"
                        + "<div id=\"divRplyFwdMsg\"><b>From:</b> A</div><div>Old</div>"))
                .hasValue("Paid.");
    }

    @Test
    void outlookDesktopBorderTopHeaderBlock() {
        assertThat(HtmlQuote.withoutHistory("<p>Yes.</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">"
                        + "<p><b>From:</b> A</p></div><p>Old</p>"))
                .hasValue("Yes.");
    }

    @Test
    void aRuleWithoutAHeaderBelowIsNoHistory() {
        assertThat(HtmlQuote.withoutHistory("<p>Yes.</p><hr><p>Company footer</p>"))
                .isEmpty();
    }

    @Test
    void deeplyNestedHtmlIsBoundedNotRecursed() {
        String deep = "<div>".repeat(200_000) + "x" + "</div>".repeat(200_000);

        assertThat(HtmlQuote.withoutHistory(deep)).isEmpty();
    }

    @Test
    void oversizedHtmlIsNotSearched() {
        assertThat(HtmlQuote.withoutHistory(
                        "<blockquote type=\"cite\">q</blockquote>" + "x".repeat(HtmlQuote.MAX_HTML)))
                .isEmpty();
    }
}
