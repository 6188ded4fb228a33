package io.postdesk.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.mail.inbound.HostileMails;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MimeParserTests {

    @Test
    void decodesUtf7Bodies() {
        byte[] raw = ("From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=UTF-7\r\n\r\n"
                        + "Hi Mom -+Jjo--! A+ImIDkQ. 1 +- 1 = 2")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(MimeParser.parse(raw, new MailHtml()).text()).isEqualTo("Hi Mom -\u263a-! A\u2262\u0391. 1 + 1 = 2");
    }

    @Test
    void decodesUtf7EncodedWordsInHeaders() {
        // "Grüße" in UTF-7 is "Gr+APwA3w-e": once Q-encoded, once B-encoded, split over two adjacent words.
        byte[] raw = ("From: =?utf-7?B?Sm9zK0FPay0=?= <jose@example.com>\r\n"
                        + "Subject: =?UTF-7?Q?Gr+APwA3w-e?= =?UTF-7?Q?_aus_K+APY-ln?= and more\r\n"
                        + "Content-Type: text/plain\r\n\r\nbody")
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(message.subject()).isEqualTo("Grüße aus Köln and more");
        assertThat(message.from().name()).isEqualTo("José");
        assertThat(message.headers().get("subject")).containsExactly("Grüße aus Köln and more");
    }

    @Test
    void decodesIso2022JpBodiesAndEncodedWordSubjects() {
        Charset jis = Charset.forName("ISO-2022-JP");
        byte[] head = ("From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>\r\n"
                        + "Subject: =?UTF-8?B?5LiN5YW35ZCI?=\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = "こんにちは".getBytes(jis);
        byte[] raw = new byte[head.length + body.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(body, 0, raw, head.length, body.length);

        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(message.text()).isEqualTo("こんにちは");
        assertThat(message.subject()).isEqualTo("不具合");
        assertThat(message.from().name()).isEqualTo("山田");
    }

    @Test
    void keepsInlineImagesAsAttachmentsWithTheirContentId() {
        byte[] raw = ("From: a@example.com\r\nSubject: x\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/html\r\n\r\n<p>see <img src=\"cid:pic@x\"><script>x()</script></p>\r\n"
                        + "--b\r\nContent-Type: image/png\r\nContent-ID: <pic@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + "iVBORw0KGgo=\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(message.attachments()).singleElement().satisfies(a -> {
            assertThat(a.contentId()).isEqualTo("<pic@x>");
            assertThat(a.inline()).isTrue();
        });
        assertThat(message.html()).contains("cid:pic@x").doesNotContain("script");
        assertThat(message.text()).contains("see");
    }

    @Test
    void toleratesBrokenMail() {
        byte[] raw = "this is not\r\n a mail at all: \u0000\u0001 --boundary\r\n".getBytes(StandardCharsets.ISO_8859_1);

        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(message.from()).isNull();
    }

    @Test
    void cutsHugeEncodedWordSubjectsBeforeDecodingThem() {
        byte[] raw = HostileMails.hugeEncodedWordSubject("a@example.com", 4 * 1024 * 1024);

        long start = System.nanoTime();
        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(message.subject().length()).isLessThanOrEqualTo(ParseInput.MAX_FIELD);
        assertThat(message.cuts()).anyMatch(cut -> cut.contains("header fields longer than"));
        assertThat(message.text()).isEqualTo("slow subject\r\n");
    }

    @Test
    void walksDeepNestingWithoutRecursionAndSaysWhatItLeftOut() {
        byte[] raw = HostileMails.deepNesting("a@example.com", 150_000);

        long start = System.nanoTime();
        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(message.from()).isNotNull();
        assertThat(message.cuts()).anyMatch(cut -> cut.contains("multiparts"));
    }

    @Test
    void keepsTextOfNestingWithinTheBounds() {
        ParsedMessage message = MimeParser.parse(HostileMails.deepNesting("a@example.com", 40), new MailHtml());

        assertThat(message.text()).contains("at the bottom");
        assertThat(message.cuts()).isEmpty();
    }

    @Test
    void leavesOutNestingDeeperThanItsDepthBound() {
        ParsedMessage message =
                MimeParser.parse(HostileMails.deepNesting("a@example.com", MimeParser.MAX_DEPTH + 10), new MailHtml());

        assertThat(message.text()).doesNotContain("at the bottom");
        assertThat(message.cuts()).anyMatch(cut -> cut.contains("deeper than " + MimeParser.MAX_DEPTH));
    }

    @Test
    void keepsAtMostItsPartBoundOfTwentyThousandParts() {
        ParsedMessage message = MimeParser.parse(HostileMails.manyParts("a@example.com", 20_000), new MailHtml());

        assertThat(message.text()).contains("part 0");
        assertThat(message.attachments()).hasSize(MimeParser.MAX_PARTS - 1);
        assertThat(message.cuts()).anyMatch(cut -> cut.contains("parts after the first"));
    }

    @Test
    void dropsNulFromSubjectBodyAndNames() {
        byte[] raw = ("From: Ann\u0000 Nul <ann@example.com>\r\nSubject: be\u0000fore\r\n"
                        + "Content-Type: text/plain\r\n\r\nbo\u0000dy\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(message.subject()).isEqualTo("before");
        assertThat(message.text()).isEqualTo("body\r\n");
        assertThat(message.from().name()).doesNotContain("\u0000");
        assertThat(message.headers().get("subject")).containsExactly("before");
    }

    @Test
    void replacesLoneSurrogatesThatUtf7CanSmuggleIn() {
        // "+2D3-" is UTF-7 for the lone high surrogate U+D83D, which no database can store as UTF-8.
        byte[] raw = ("From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=UTF-7\r\n\r\n"
                        + "a+2D3-b")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(MimeParser.parse(raw, new MailHtml()).text()).isEqualTo("a\uFFFDb");
    }

    @Test
    void keepsVeryLongTextCutWithAMarkerInsteadOfRefusingTheMail() {
        ParsedMessage message = MimeParser.parse(HostileMails.longText("a@example.com", 200_000), new MailHtml());

        assertThat(message.text()).hasSize(MimeParser.MAX_TEXT).endsWith(StoredText.CUT_MARKER);
        assertThat(message.cuts()).anyMatch(cut -> cut.startsWith("text beyond"));
    }

    @Test
    void refusesANestedPartHeaderBeyondMime4jsBoundClearly() {
        byte[] raw = ("From: a@example.com\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain; name=\"" + "x".repeat(70_000) + "\"\r\n\r\nhi\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> MimeParser.parse(raw, new MailHtml()))
                .isInstanceOf(MimeParser.UnparsableMail.class)
                .hasMessageContaining("header");
    }

    @Test
    void ignoresMessageIdsLongerThanAHeaderLine() {
        byte[] raw = ("From: a@example.com\r\nMessage-ID: <" + "x".repeat(2000) + "@example.com>\r\n"
                        + "In-Reply-To: <short@example.com>\r\n\r\nhi")
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMessage message = MimeParser.parse(raw, new MailHtml());

        assertThat(message.messageId()).isNull();
        assertThat(message.inReplyTo()).isEqualTo("<short@example.com>");
    }
}
