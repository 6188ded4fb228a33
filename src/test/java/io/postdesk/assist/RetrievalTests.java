package io.postdesk.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalTests {

    private final List<Bm25Index.Hit> words =
            List.of(new Bm25Index.Hit(1, 9.0, 4), new Bm25Index.Hit(2, 5.0, 3), new Bm25Index.Hit(3, 4.0, 1));
    private final List<VectorIndex.Hit> meaning =
            List.of(new VectorIndex.Hit(2, 0.8), new VectorIndex.Hit(4, 0.6), new VectorIndex.Hit(5, 0.2));

    @Test
    void eachRetrievalDropsMatchesBelowItsFloor() {
        // 3 shares one term only, 5 has a cosine below the floor.
        assertThat(Retrieval.BM25.rank(words, meaning, 3)).containsExactly(1L, 2L);
        assertThat(Retrieval.EMBEDDINGS.rank(words, meaning, 3)).containsExactly(2L, 4L);
    }

    @Test
    void hybridPutsWhatBothRankingsFoundFirstThenBreaksTiesTowardsMeaning() {
        assertThat(Retrieval.HYBRID.rank(words, meaning, 3)).containsExactly(2L, 1L, 4L);
        assertThat(Retrieval.HYBRID.rank(List.of(), List.of(), 3)).isEmpty();
        assertThat(Retrieval.HYBRID.rank(words, meaning, 1)).containsExactly(2L);
    }
}
