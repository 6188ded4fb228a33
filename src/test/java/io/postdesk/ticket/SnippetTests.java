package io.postdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnippetTests {

    @Test
    void marksWordsByPrefixAndPhrasesAsWritten() {
        String text = "Hello, the CSV exporter fails with Error 500 since Monday.";
        assertThat(Snippet.of(text, SearchQuery.parse("export \"error 500\"")))
                .isEqualTo("Hello, the CSV <mark>exporter</mark> fails with <mark>Error 500</mark> since Monday.");
    }

    @Test
    void aWordMatchesOnlyAtTheStartOfAWord() {
        assertThat(Snippet.of("Please refund me", SearchQuery.parse("fund"))).isNull();
    }

    @Test
    void escapesTheTextSoMailCannotInjectMarkup() {
        String snippet = Snippet.of("<script>alert(1)</script> invoice & \"more\"", SearchQuery.parse("invoice"));
        assertThat(snippet)
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; <mark>invoice</mark> &amp; &quot;more&quot;");
        assertThat(Snippet.of("a <b>x</b>", SearchQuery.parse("b")))
                .isEqualTo("a &lt;<mark>b</mark>&gt;x&lt;/<mark>b</mark>&gt;");
    }

    @Test
    void cutsAroundTheFirstMatch() {
        String text = "word ".repeat(100) + "needle " + "tail ".repeat(100);
        String snippet = Snippet.of(text, SearchQuery.parse("needle"));
        assertThat(snippet).startsWith("…").endsWith("…").contains("<mark>needle</mark>");
        assertThat(snippet.length()).isLessThan(Snippet.LENGTH + 40);
    }

    @Test
    void nothingToMarkWithoutWords() {
        assertThat(Snippet.of("text", SearchQuery.parse("tag:vip"))).isNull();
        assertThat(Snippet.of(null, SearchQuery.parse("x"))).isNull();
    }
}
