package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchWordsTests {

    @Test
    void splitsSubjectsAndAddressesIntoLowerCaseWords() {
        assertThat(SearchWords.of("Printer JAMMED again!", "dave@printers.example"))
                .containsExactly("printer", "jammed", "again", "dave", "printers", "example");
    }

    @Test
    void keepsLettersAndDigitsOfEveryScript() {
        assertThat(SearchWords.of("Größe 42 — 注文 #1042", null)).containsExactly("größe", "42", "注文", "1042");
    }

    @Test
    void capsVeryLongWords() {
        assertThat(SearchWords.of("x".repeat(500)))
                .singleElement()
                .satisfies(w -> assertThat(w).hasSize(100));
    }
}
