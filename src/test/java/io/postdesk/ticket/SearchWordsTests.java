package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @Test
    void aPrefixEndsJustAfterAllItsContinuations() {
        String end = SearchWords.prefixEnd("refu");
        assertThat(end).isEqualTo("refv");
        assertThat(List.of("refu", "refund", "refu\uD7FEzz", "注文"))
                .filteredOn(w -> w.compareTo("refu") >= 0 && w.compareTo(end) < 0)
                .containsExactly("refu", "refund", "refu\uD7FEzz");
        assertThat(SearchWords.prefixEnd("注")).isEqualTo("\u6CE9");
    }

    @Test
    void noRangeWhereCodePointAndUtf16OrderPart() {
        assertThat(SearchWords.prefixEnd("a\uD7FF")).isNull();
        assertThat(SearchWords.prefixEnd("a\uD835\uDC00")).isNull(); // a supplementary letter (MATHEMATICAL BOLD A)
        assertThat(SearchWords.prefixEnd("")).isNull();
    }
}
