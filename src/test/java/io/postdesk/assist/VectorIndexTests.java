package io.postdesk.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorIndexTests {

    private static float[] unit(Random random, int dimensions) {
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dimensions; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void int8CosineIsCloseToTheExactOneAndRanksBestFirst() {
        Random random = new Random(3);
        VectorIndex index = new VectorIndex(384);
        float[][] rows = new float[50][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = unit(random, 384);
            index.add(i, VectorIndex.quantize(rows[i]));
        }
        float[] query = rows[17].clone();
        query[0] += 0.05f;

        List<VectorIndex.Hit> hits = index.search(query, 3, -1);

        assertThat(hits).hasSize(3);
        assertThat(hits.getFirst().ticketId()).isEqualTo(17);
        for (VectorIndex.Hit hit : hits) {
            assertThat(hit.cosine()).isCloseTo(cosine(query, rows[(int) hit.ticketId()]), within(0.01));
        }
        assertThat(hits.get(0).cosine()).isGreaterThanOrEqualTo(hits.get(1).cosine());
        assertThat(index.search(query, 3, 17).getFirst().ticketId()).isNotEqualTo(17);
    }

    @Test
    void aNewerRowReplacesTheTicketsOldOneAndRemoveForgetsIt() {
        Random random = new Random(5);
        VectorIndex index = new VectorIndex(8);
        float[] a = unit(random, 8);
        float[] b = unit(random, 8);
        index.add(1, VectorIndex.quantize(a));
        index.add(1, VectorIndex.quantize(b));
        index.add(2, VectorIndex.quantize(a));

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(b, 1, -1).getFirst().ticketId()).isEqualTo(1);
        index.remove(1);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search(b, 5, -1)).extracting(VectorIndex.Hit::ticketId).containsExactly(2L);
        assertThatThrownBy(() -> index.add(3, new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }
}
