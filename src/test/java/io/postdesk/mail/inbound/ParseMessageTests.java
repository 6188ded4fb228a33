package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParseMessageTests {

    @Test
    void decodesUtf7Bodies() {
        byte[] raw = ("From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=UTF-7\r\n\r\n"
                        + "Hi Mom -+Jjo--! A+ImIDkQ. 1 +- 1 = 2")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(ParseMessage.parse(raw, new MailHtml()).text())
                .isEqualTo("Hi Mom -\u263a-! A\u2262\u0391. 1 + 1 = 2");
    }

    @Test
    void decodesUtf7EncodedWordsInHeaders() {
        // "Grüße" in UTF-7 is "Gr+APwA3w-e": once Q-encoded, once B-encoded, split over two adjacent words.
        byte[] raw = ("From: =?utf-7?B?Sm9zK0FPay0=?= <jose@example.com>\r\n"
                        + "Subject: =?UTF-7?Q?Gr+APwA3w-e?= =?UTF-7?Q?_aus_K+APY-ln?= and more\r\n"
                        + "Content-Type: text/plain\r\n\r\nbody")
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMessage message = ParseMessage.parse(raw, new MailHtml());

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

        ParsedMessage message = ParseMessage.parse(raw, new MailHtml());

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

        ParsedMessage message = ParseMessage.parse(raw, new MailHtml());

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

        ParsedMessage message = ParseMessage.parse(raw, new MailHtml());

        assertThat(message.from()).isNull();
    }
}
