package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.shared.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SearchQueryTests {

    @Test
    void wordsAreLowerCasedAndSplitLikeTheIndex() {
        var q = SearchQuery.parse("Refund  CSV-export");
        assertThat(q.words()).containsExactly("refund", "csv", "export");
        assertThat(q.phrases()).isEmpty();
        assertThat(q.ticketNumber()).isNull();
    }

    @Test
    void quotedPhrasesStayWholeAndAnUnclosedQuoteRunsToTheEnd() {
        var q = SearchQuery.parse("printer \"Error 500\" \"csv export");
        assertThat(q.words()).containsExactly("printer");
        assertThat(q.phrases()).containsExactly("error 500", "csv export");
    }

    @Test
    void minusExcludesWordsAndPhrases() {
        var q = SearchQuery.parse("invoice -paid -\"late fee\" a-b");
        assertThat(q.words()).containsExactly("invoice", "a", "b");
        assertThat(q.excluded()).containsExactly("paid", "late", "fee");
    }

    @Test
    void fieldsNarrow() {
        var q = SearchQuery.parse("from:Dave@Printers.example to:anna tag:Billing status:pending priority:urgent"
                + " before:2026-03-31 after:2026-01-01 crash");
        assertThat(q.from()).containsExactly("dave@printers.example");
        assertThat(q.to()).containsExactly("anna");
        assertThat(q.tags()).containsExactly("billing");
        assertThat(q.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(q.priority()).isEqualTo(TicketPriority.URGENT);
        assertThat(q.before()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(q.after()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(q.words()).containsExactly("crash");
        assertThat(q.isTicketNumberOnly()).isFalse();
    }

    @Test
    void assigneeForms() {
        assertThat(SearchQuery.parse("assignee:me").assignee()).isEqualTo(SearchQuery.Assignee.ME);
        assertThat(SearchQuery.parse("assignee:none").assignee()).isEqualTo(SearchQuery.Assignee.NONE);
        assertThat(SearchQuery.parse("is:unassigned").assignee()).isEqualTo(SearchQuery.Assignee.NONE);
        var byEmail = SearchQuery.parse("assignee:Alice@Example.com");
        assertThat(byEmail.assignee()).isEqualTo(SearchQuery.Assignee.EMAIL);
        assertThat(byEmail.assigneeEmail()).isEqualTo("alice@example.com");
        assertThat(SearchQuery.parse("crash").assignee()).isEqualTo(SearchQuery.Assignee.ANY);
    }

    @Test
    void aTicketNumberAloneOpensTheTicket() {
        assertThat(SearchQuery.parse("#42").ticketNumber()).isEqualTo(42L);
        assertThat(SearchQuery.parse("#42").words()).isEmpty();
        assertThat(SearchQuery.parse("#42").isTicketNumberOnly()).isTrue();
        assertThat(SearchQuery.parse("42").isTicketNumberOnly()).isTrue();
        assertThat(SearchQuery.parse("42").words()).containsExactly("42");
        assertThat(SearchQuery.parse("#42 tag:x").isTicketNumberOnly()).isFalse();
        assertThat(SearchQuery.parse("error 500").isTicketNumberOnly()).isFalse();
    }

    @Test
    void unknownFieldsAreSearchedAsWords() {
        var q = SearchQuery.parse("re:invoice https://example.com/x");
        assertThat(q.words()).containsExactly("re", "invoice", "https", "example", "com", "x");
        assertThat(SearchQuery.parse("from:").words()).containsExactly("from");
    }

    @Test
    void badValuesOfKnownFieldsAreTheCallersError() {
        assertThatThrownBy(() -> SearchQuery.parse("status:sleeping"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("open");
        assertThatThrownBy(() -> SearchQuery.parse("before:yesterday")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SearchQuery.parse("is:open")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void emptyAndSymbolOnlyQueriesHaveNoTerms() {
        assertThat(SearchQuery.parse(null)).isEqualTo(SearchQuery.parse(""));
        assertThat(SearchQuery.parse("  %  ").words()).isEmpty();
        assertThat(SearchQuery.parse("-").words()).isEmpty();
    }

    @Test
    void longQueriesAreCut() {
        var q = SearchQuery.parse("a b c d e f g h i j k l m n o p");
        assertThat(q.words()).hasSize(SearchQuery.MAX_TERMS);
    }

    @Test
    void splitsTextIntoLowerCaseWordsOfLettersAndDigitsOfEveryScript() {
        assertThat(SearchQuery.words("Printer JAMMED again! dave@printers.example"))
                .containsExactly("printer", "jammed", "again", "dave", "printers", "example");
        assertThat(SearchQuery.words("Größe 42 — 注文 #1042")).containsExactly("größe", "42", "注文", "1042");
        assertThat(SearchQuery.words("x".repeat(500)))
                .singleElement()
                .satisfies(w -> assertThat(w).hasSize(SearchQuery.MAX_WORD));
    }

    @Test
    void theIndexSplitsTextTheSameWay() {
        assertThat(SearchDocument.words("Re: <b>Error-500</b> on CSV_export!"))
                .isEqualTo("re b error 500 b on csv export");
        assertThat(SearchDocument.words("y".repeat(SearchDocument.MAX_PART + 10)))
                .hasSize(SearchDocument.MAX_PART);
    }
}
