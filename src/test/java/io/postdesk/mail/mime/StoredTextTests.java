package io.postdesk.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredTextTests {

    @Test
    void dropsNulAndReplacesLoneSurrogatesButKeepsPairs() {
        assertThat(StoredText.clean("a\u0000b")).isEqualTo("ab");
        assertThat(StoredText.clean("a\uD83Db")).isEqualTo("a\uFFFDb");
        assertThat(StoredText.clean("a\uDE00b")).isEqualTo("a\uFFFDb");
        assertThat(StoredText.clean("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(StoredText.clean("smile \uD83D\uDE00")).isEqualTo("smile \uD83D\uDE00");
    }

    @Test
    void returnsCleanTextAsItIs() {
        String text = "nothing to do – ü \uD83D\uDE00";

        assertThat(StoredText.clean(text)).isSameAs(text);
    }

    @Test
    void boundsLongTextWithTheMarkerNeverSplittingAPair() {
        String text = "x".repeat(99) + "\uD83D\uDE00" + "y".repeat(200);
        int max = 100 + StoredText.CUT_MARKER.length();

        String bounded = StoredText.bounded(text, max);

        assertThat(bounded).endsWith(StoredText.CUT_MARKER).hasSizeLessThanOrEqualTo(max);
        assertThat(StoredText.clean(bounded)).isEqualTo(bounded);
        assertThat(StoredText.bounded("short", max)).isEqualTo("short");
    }
}
