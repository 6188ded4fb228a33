package io.postdesk.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf7Tests {

    @Test
    void isFoundByNameAndAliasesThroughTheRegisteredProvider() {
        assertThat(Charset.forName("UTF-7")).isSameAs(Utf7.UTF_7);
        assertThat(Charset.forName("utf7")).isSameAs(Utf7.UTF_7);
        assertThat(Charset.forName("x-utf-7")).isSameAs(Utf7.UTF_7);
        assertThat(Charset.forName("unicode-1-1-utf-7")).isSameAs(Utf7.UTF_7);
        assertThat(Charset.isSupported("utf-7")).isTrue();
    }

    @Test
    void decodesShiftedRunsLiteralPlusSignsAndPlainAscii() {
        assertThat(decode("Hi Mom -+Jjo--!")).isEqualTo("Hi Mom -\u263A-!");
        assertThat(decode("Gr+APwA3w-e")).isEqualTo("Grüße");
        assertThat(decode("1 +- 1 = 2")).isEqualTo("1 + 1 = 2");
        assertThat(decode("+ZeVnLIqe-")).isEqualTo("日本語");
        assertThat(decode("a+AOk.")).isEqualTo("aé.");
        assertThat(decode("trailing +")).isEqualTo("trailing +");
    }

    @Test
    void decodesTheSameWhenTheBytesArriveOneAtATime() {
        CharsetDecoder decoder = Utf7.UTF_7.newDecoder();
        byte[] bytes = "x+AOkA6Q-y +-".getBytes(StandardCharsets.US_ASCII);
        CharBuffer out = CharBuffer.allocate(32);
        for (int i = 0; i < bytes.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(bytes, i, 1);
            decoder.decode(one, out, i == bytes.length - 1);
            assertThat(one.hasRemaining()).isFalse();
        }
        decoder.flush(out);
        assertThat(out.flip().toString()).isEqualTo("xééy +");
    }

    @Test
    void neverWrites() {
        assertThat(Utf7.UTF_7.canEncode()).isFalse();
    }

    private static String decode(String utf7) {
        return new String(utf7.getBytes(StandardCharsets.US_ASCII), Utf7.UTF_7);
    }
}
