package io.postdesk.assist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Bm25IndexTests {

    private final Bm25Index index = new Bm25Index();

    {
        index.add(1, "I was charged twice for my subscription this month, please refund the duplicate charge");
        index.add(2, "I cannot log in, the password reset email never arrives");
        index.add(3, "My parcel has not been delivered, tracking shows no movement for a week");
        index.add(4, "Ich kann mich nicht anmelden, das Passwort wird nicht akzeptiert");
    }

    @Test
    void ranksTheTicketAboutTheSameProblemFirst() {
        assertThat(index.search("Double charge on my card, I want a refund", 3, 0)
                        .getFirst()
                        .ticketId())
                .isEqualTo(1);
        assertThat(index.search("package not delivered yet, tracking stuck", 3, 0)
                        .getFirst()
                        .ticketId())
                .isEqualTo(3);
    }

    @Test
    void foldsWordFormsAcrossLanguagesByStem() {
        var hits = index.search("Passwort vergessen, Anmeldung geht nicht", 3, 0);

        assertThat(hits.getFirst().ticketId()).isEqualTo(4);
    }

    @Test
    void leavesOutTheExcludedTicketAndUnrelatedOnes() {
        var hits = index.search("refund the duplicate charge", 3, 1);

        assertThat(hits).extracting(Bm25Index.Hit::ticketId).doesNotContain(1L);
        assertThat(index.search("zebra giraffe", 3, 0)).isEmpty();
    }

    @Test
    void aNewerEntryForTheSameTicketReplacesTheOlder() {
        index.add(2, "Where is my invoice for March");

        assertThat(index.size()).isEqualTo(4);
        assertThat(index.search("password reset email", 3, 0))
                .extracting(Bm25Index.Hit::ticketId)
                .doesNotContain(2L);
        assertThat(index.search("invoice March", 3, 0).getFirst().ticketId()).isEqualTo(2);
    }
}
