package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The dedupe key is read from the raw header block without a full parse. */
class HeaderMessageIdTests {

    private static String of(String raw) {
        return RawMails.headerMessageId(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsTheMessageIdInAnyCase() {
        assertThat(of("From: a@b.test\r\nMESSAGE-ID: <x1@b.test>\r\n\r\nbody")).isEqualTo("<x1@b.test>");
        assertThat(of("Message-Id:<x2@b.test>\n\nbody")).isEqualTo("<x2@b.test>");
    }

    @Test
    void followsAFoldedHeader() {
        assertThat(of("Subject: hi\r\nMessage-ID:\r\n  <folded@b.test>\r\nTo: c@d.test\r\n\r\nbody"))
                .isEqualTo("<folded@b.test>");
    }

    @Test
    void ignoresTheBodyAndMalformedValues() {
        assertThat(of("Subject: hi\r\n\r\nMessage-ID: <in-body@b.test>")).isNull();
        assertThat(of("Message-ID: not-bracketed@b.test\r\n\r\n")).isNull();
        assertThat(of("X-Original-Message-ID: <other@b.test>\r\n\r\n")).isNull();
    }
}
