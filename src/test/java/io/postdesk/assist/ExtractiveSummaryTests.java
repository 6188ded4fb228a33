package io.postdesk.assist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtractiveSummaryTests {

    @Test
    void keySentenceSharesMostWordsWithTheSubject() {
        assertThat(ExtractiveSummary.keySentence(
                        "Hello team. My invoice for March shows a double charge! Thanks a lot.",
                        "Double charge on invoice"))
                .isEqualTo("My invoice for March shows a double charge!");
    }

    @Test
    void fallsBackToTheFirstSentenceAndClipsLongOnes() {
        assertThat(ExtractiveSummary.keySentence("Something odd happened. Then more.", "Zebra"))
                .isEqualTo("Something odd happened.");
        assertThat(ExtractiveSummary.keySentence("word ".repeat(100), "Zebra"))
                .hasSizeLessThanOrEqualTo(220)
                .endsWith("…");
        assertThat(ExtractiveSummary.keySentence("  ", "Zebra")).isEmpty();
    }
}
