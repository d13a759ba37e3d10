package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    /** The oracle: sort every unmasked item by score (NaN as -infinity), then by index. */
    private static int[] sorted(float[] row, int[] masked, int k) {
        return IntStream.range(0, row.length).filter(i -> Arrays.binarySearch(masked, i) < 0).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> Float.isNaN(row[i]) ? Float.NEGATIVE_INFINITY
                        : -row[i]).thenComparing(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void select_ordersByScore_thenByLowerIndex_withTiesAndMasks() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(60);
            float[] row = new float[n];
            for (int i = 0; i < n; i++) {
                row[i] = random.nextInt(5); // few levels: many ties
            }
            int[] masked = IntStream.range(0, n).filter(i -> random.nextInt(4) == 0).toArray();
            int k = 1 + random.nextInt(n + 3);
            int[] top = TopK.select(row, 0, n, masked, 0, masked.length, k);
            assertThat(top).as("trial %d", trial).containsExactly(sorted(row, masked, k));
        }
    }

    @Test
    void select_readsTheRowAtItsOffset_andTheMaskSlice() {
        float[] scores = {9, 9, 9, /* row: */ 1, 4, 3, 4, 0, /* after: */ 9};
        int[] masked = {2, 1, 3, 7};
        // Mask slice [1, 3) = items 1 and 3 of the row; items 2 (3), 0 (1), 4 (0) remain.
        assertThat(TopK.select(scores, 3, 5, masked, 1, 3, 2)).containsExactly(2, 0);
    }

    @Test
    void select_ordersNaNAsNegativeInfinity() {
        float[] row = {Float.NaN, -1f, Float.NEGATIVE_INFINITY, 2f, Float.NaN};
        assertThat(TopK.select(row, 0, 5, new int[0], 0, 0, 5)).containsExactly(3, 1, 0, 2, 4);
    }

    @Test
    void select_kLargerThanTheUnmaskedItems_returnsThemAll() {
        float[] row = {1, 2, 3};
        assertThat(TopK.select(row, 0, 3, new int[] {1}, 0, 1, 10)).containsExactly(2, 0);
        assertThat(TopK.select(row, 0, 3, new int[] {0, 1, 2}, 0, 3, 10)).isEmpty();
    }

    @Test
    void select_kZero_isRejected() {
        assertThatThrownBy(() -> TopK.select(new float[3], 0, 3, new int[0], 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be >= 1, got 0");
    }

    @Test
    void select_maskNotAscending_isRejected() {
        assertThatThrownBy(() -> TopK.select(new float[5], 0, 5, new int[] {3, 1}, 0, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("masked items must be ascending, distinct and in [0, 5), got 1 at position 1");
    }

    @Test
    void select_maskedItemOutOfRange_isRejected() {
        assertThatThrownBy(() -> TopK.select(new float[5], 0, 5, new int[] {5}, 0, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 5 at position 0");
    }

    @Test
    void select_rowOutsideScores_isRejected() {
        assertThatThrownBy(() -> TopK.select(new float[5], 2, 4, new int[0], 0, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score row [2, 2 + 4) lies outside scores of length 5");
    }

    @Test
    void select_maskRangeOutsideMasked_isRejected() {
        assertThatThrownBy(() -> TopK.select(new float[5], 0, 5, new int[1], 0, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mask range [0, 2) lies outside masked of length 1");
    }
}
