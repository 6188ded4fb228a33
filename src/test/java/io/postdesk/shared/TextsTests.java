package io.postdesk.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTests {

    @Test
    void singleLineRejectsLineBreaksSoNothingReachesAMailHeader() {
        assertThatThrownBy(() -> Texts.singleLine("Hello\r\nBcc: victim@example.com", "subject", 255, true))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void trimsAndTreatsBlankOptionalAsAbsent() {
        assertThat(Texts.singleLine("  Hi  ", "subject", 255, true)).isEqualTo("Hi");
        assertThat(Texts.trimmed("   ", "description", 10, false)).isNull();
    }

    @Test
    void enforcesLengthAfterTrimming() {
        assertThat(Texts.singleLine(" " + "x".repeat(255) + " ", "subject", 255, true))
                .hasSize(255);
        assertThatThrownBy(() -> Texts.singleLine("x".repeat(256), "subject", 255, true))
                .hasMessage("must be at most 255 characters");
    }
}
