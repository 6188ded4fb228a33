package io.postdesk.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedReplyTests {

    @Test
    void trailingSpacesOfEachLineGo() {
        assertThat(QuotedReply.visiblePart(
                        "Thanks.   \nIt works.  \n\nOn Mon, 1 Dec 2026, Bo <bo@x.example> wrote:\n> ?"))
                .isEqualTo("Thanks.\nIt works.");
    }

    @Test
    void contactBlockWithoutDashesIsASignature() {
        assertThat(QuotedReply.visiblePart("It arrived.\n\nNora Berg\nKunde GmbH\nTel. +49 30 1234567\n"))
                .isEqualTo("It arrived.");
    }

    @Test
    void aShortLastParagraphWithoutContactDetailsStays() {
        assertThat(QuotedReply.visiblePart("It arrived.\n\nNora Berg\nKunde GmbH\n"))
                .isEqualTo("It arrived.\n\nNora Berg\nKunde GmbH");
    }

    @Test
    void closingAndNameOnOneLineAtTheEndIsASignature() {
        assertThat(QuotedReply.visiblePart("Please resend it.\n\nThanks, John\n"))
                .isEqualTo("Please resend it.");
        assertThat(QuotedReply.visiblePart("Please resend it.\n\nThanks!\n")).isEqualTo("Please resend it.\n\nThanks!");
    }

    @Test
    void textAfterSentFromMyPhoneStaysWhenTheHistoryComesLater() {
        assertThat(
                        QuotedReply.visiblePart(
                                "Yes.\n\nSent from my iPhone\n\nPS: call first.\n\nOn 1 Dec 2026, at 10:00, Bo <bo@x.example> wrote:\n> ?"))
                .isEqualTo("Yes.\n\nPS: call first.");
    }

    @Test
    void bottomPostedAnswerIsKeptAndTheQuoteDropped() {
        assertThat(QuotedReply.visiblePart(
                        "On Mon, Dec 1, 2026 at 10:00 AM Bo <bo@x.example> wrote:\n> Which model?\n\nThe LX-200.\n"))
                .isEqualTo("The LX-200.");
    }

    @Test
    void quoteHeaderRightUnderTheReply() {
        assertThat(QuotedReply.visiblePart(
                        "The LX-200.\nOn Mon, Dec 1, 2026 at 10:00 AM Bo <bo@x.example> wrote:\n> ?"))
                .isEqualTo("The LX-200.");
    }

    @Test
    void htmlQuoteIsUsedWhenTheTextHasNoHistory() {
        String html = "<div>See you.</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Bo wrote:</div>"
                + "<blockquote class=\"gmail_quote\">Old text</blockquote></div>";

        assertThat(QuotedReply.visiblePart("See you.\n\nOld text", html)).isEqualTo("See you.");
    }

    @Test
    void textPartMarkersWinOverTheHtml() {
        String html = "<div>A</div><blockquote type=\"cite\">B</blockquote>";

        assertThat(QuotedReply.visiblePart("Mine.\n\n> quoted", html)).isEqualTo("Mine.");
    }

    @Test
    void htmlWithoutQuoteBlocksLeavesTheText() {
        assertThat(QuotedReply.visiblePart("Just text.", "<p>Just <b>text</b>.</p><hr><p>Footer</p>"))
                .isEqualTo("Just text.");
    }
}
