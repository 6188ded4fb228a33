package io.postdesk.assist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the offline provider finds similar resolved tickets (ADR 0025): {@code bm25} (words), {@code embeddings}
 * (sentence meaning) or {@code hybrid}, both fused by reciprocal rank fusion.
 */
public enum Retrieval {
    BM25,
    EMBEDDINGS,
    HYBRID;

    /** Fewer distinct shared terms than this and a BM25 match is not "similar", whatever its score. */
    static final int MIN_MATCHED_TERMS = 2;

    /**
     * Below this cosine an embedding match is not "similar". all-MiniLM-L6-v2 gives unrelated support mails about
     * 0.0–0.3 and two mails on the same problem 0.5 and more (measured in SuggestBench).
     */
    static final double MIN_COSINE = 0.4;

    /** How many candidates each ranking contributes to the fusion. */
    static final int CANDIDATES = 20;

    /** The usual RRF constant: rank 1 scores 1/61, rank 20 scores 1/80, so one list cannot drown the other. */
    private static final int RRF_K = 60;

    /** Whether this retrieval needs the embedding model. */
    boolean embeds() {
        return this != BM25;
    }

    /**
     * The ticket ids of the best {@code limit} matches, best first, from both rankings as this retrieval uses them.
     * Matches below the similarity floors are dropped first, so "nothing similar" stays possible.
     */
    List<Long> rank(List<Bm25Index.Hit> words, List<VectorIndex.Hit> meaning, int limit) {
        List<Long> lexical = words.stream()
                .filter(h -> h.matchedTerms() >= MIN_MATCHED_TERMS)
                .map(Bm25Index.Hit::ticketId)
                .toList();
        List<Long> semantic = meaning.stream()
                .filter(h -> h.cosine() >= MIN_COSINE)
                .map(VectorIndex.Hit::ticketId)
                .toList();
        return switch (this) {
            case BM25 -> lexical.subList(0, Math.min(limit, lexical.size()));
            case EMBEDDINGS -> semantic.subList(0, Math.min(limit, semantic.size()));
            case HYBRID -> fuse(lexical, semantic, limit);
        };
    }

    private static List<Long> fuse(List<Long> lexical, List<Long> semantic, int limit) {
        Map<Long, Double> scores = new HashMap<>();
        for (int i = 0; i < lexical.size(); i++) {
            scores.merge(lexical.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
        }
        for (int i = 0; i < semantic.size(); i++) {
            scores.merge(semantic.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
        }
        List<Map.Entry<Long, Double>> ranked = new ArrayList<>(scores.entrySet());
        // Ties (one list's rank i against the other's rank i) go to the semantic list, which crosses wordings.
        ranked.sort((a, b) -> {
            int byScore = Double.compare(b.getValue(), a.getValue());
            if (byScore != 0) {
                return byScore;
            }
            return Integer.compare(position(semantic, a.getKey()), position(semantic, b.getKey()));
        });
        return ranked.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    private static int position(List<Long> list, long id) {
        int at = list.indexOf(id);
        return at < 0 ? Integer.MAX_VALUE : at;
    }
}
