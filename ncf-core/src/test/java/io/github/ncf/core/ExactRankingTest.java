package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ranks and top-K lists from screening scores equal those of the reference scores. */
class ExactRankingTest {

    /** A reference over a table of scores with a given bound; counts the items it scores. */
    private static final class TableReference implements ExactScreen.Reference {
        private final float[] scores;
        private final double bound;
        private int scored;

        TableReference(float[] scores, double bound) {
            this.scores = scores;
            this.bound = bound;
        }

        @Override
        public double bound() {
            return bound;
        }

        @Override
        public float score(int item) {
            scored++;
            return scores[item];
        }
    }

    /** Screening scores within the bound of the reference, at the bound's edges where it can. */
    private static float[] screen(float[] reference, double bound, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] screened = new float[reference.length];
        for (int i = 0; i < reference.length; i++) {
            float v = (float) (reference[i] + random.nextDouble(-bound, bound) * 0.999);
            screened[i] = v;
        }
        return screened;
    }

    /** Reference scores on a coarse grid, so that many items tie exactly. */
    private static float[] gridScores(int items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] s = new float[items];
        for (int i = 0; i < items; i++) {
            s[i] = random.nextInt(40) * 0.25f;
        }
        return s;
    }

    @Test
    void rank_countsHigherAndEqualItemsOfTheReference_tiesIncluded() {
        int items = 500;
        int[] masked = {3, 17, 18, 250, 499};
        for (long seed = 1; seed <= 20; seed++) {
            float[] reference = gridScores(items, seed);
            double bound = 0.3;
            float[] screened = screen(reference, bound, seed + 100);
            int test = (int) (seed * 37 % items);
            if (java.util.Arrays.binarySearch(masked, test) >= 0) {
                continue;
            }
            int higher = 0;
            int equal = 0;
            for (int i = 0; i < items; i++) {
                if (java.util.Arrays.binarySearch(masked, i) < 0) {
                    higher += reference[i] > reference[test] ? 1 : 0;
                    equal += reference[i] == reference[test] ? 1 : 0;
                }
            }
            int[] counts = new int[4];
            ExactRanking.rank(new TableReference(reference, bound), screened, 0, items, test, masked, 0,
                    masked.length, counts);
            assertThat(counts[0]).as("seed %d", seed).isEqualTo(higher);
            assertThat(counts[1]).as("seed %d", seed).isEqualTo(equal);
            assertThat(counts[2]).isZero();
        }
    }

    @Test
    void rank_scoresOnlyItemsTheScreenCannotDecide() {
        float[] reference = {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f};
        float[] screened = reference.clone();
        TableReference table = new TableReference(reference, 1.0);
        int[] counts = new int[4];
        ExactRanking.rank(table, screened, 0, 8, 4, new int[0], 0, 0, counts);
        // The held-out item 4 is scored for its target; items 3, 4 and 5 lie within the bound of it.
        assertThat(counts[3]).isEqualTo(3);
        assertThat(table.scored).isEqualTo(4);
        assertThat(counts[0]).isEqualTo(3);
        assertThat(counts[1]).isEqualTo(1);
    }

    @Test
    void rank_infiniteBound_scoresEveryUnmaskedItem() {
        float[] reference = {2f, 1f, 2f, 0f};
        int[] counts = new int[4];
        ExactRanking.rank(new TableReference(reference, Double.POSITIVE_INFINITY), new float[4], 0, 4,
                0, new int[] {3}, 0, 1, counts);
        assertThat(counts).containsExactly(0, 2, 0, 3);
    }

    @Test
    void rank_nanHeldOutReference_isRejected() {
        float[] reference = {Float.NaN, 1f};
        assertThatThrownBy(() -> ExactRanking.rank(new TableReference(reference, 0.1), reference, 0, 2,
                0, new int[0], 0, 0, new int[4]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("held-out item 0 is NaN");
    }

    @Test
    void topK_equalsTopKOfTheReferenceScores_tiesToTheLowerItem() {
        int items = 400;
        int[] masked = {0, 5, 6, 100, 399};
        for (long seed = 1; seed <= 20; seed++) {
            float[] reference = gridScores(items, seed);
            reference[(int) (seed * 11 % items)] = Float.NaN;
            double bound = 0.4;
            float[] screened = screen(reference, bound, seed + 7);
            for (int k : new int[] {1, 10, 37}) {
                int[] expected = TopK.select(reference, 0, items, masked, 0, masked.length, k);
                float[] topScores = new float[k];
                int[] actual = ExactRanking.topK(new TableReference(reference, bound), screened, 0,
                        items, masked, 0, masked.length, k, topScores);
                assertThat(actual).as("seed %d k %d", seed, k).containsExactly(expected);
                for (int j = 0; j < actual.length; j++) {
                    assertThat(topScores[j]).isEqualTo(reference[actual[j]]);
                }
            }
        }
    }

    @Test
    void topK_fewerUnmaskedItemsThanK_returnsThemAll() {
        float[] reference = {1f, 3f, 2f};
        int[] top = ExactRanking.topK(new TableReference(reference, 0.1), reference, 0, 3,
                new int[] {1}, 0, 1, 5, null);
        assertThat(top).containsExactly(2, 0);
    }
}
