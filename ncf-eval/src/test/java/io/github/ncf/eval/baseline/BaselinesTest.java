package io.github.ncf.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.protocol.FullRanking;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    // Items c (3 rows), a (2 rows), d (1 row), b (0 rows in training); users x, y, z.
    private static Interactions train() {
        IdMapping users = IdMapping.of("x", "y", "z");
        IdMapping items = IdMapping.of("a", "b", "c", "d");
        return Interactions.of(users, items, new int[] {0, 1, 0, 1, 2, 2},
                new int[] {0, 0, 2, 2, 2, 3}, null, null);
    }

    @Test
    void itemPopularity_scoresTrainingCounts() {
        ItemPopularity pop = ItemPopularity.fit(train());
        float[] out = new float[4];
        pop.score(new int[] {0, 1, 2, 0}, new int[] {0, 1, 2, 3}, out);
        assertThat(out).containsExactly(2f, 0f, 3f, 1f);
        assertThat(pop.count(2)).isEqualTo(3);
    }

    @Test
    void itemPopularity_givesTheExpectedRanking() {
        // User z trains on c and d; holding out a leaves b as the only other candidate: top = a, b.
        Interactions train = train();
        Interactions test = Interactions.of(train.userIds(), train.itemIds(), new int[] {0, 2},
                new int[] {3, 0}, null, null);
        FullRanking full = FullRanking.builder().train(train).test(test).build();
        int[][] top = full.topK(ItemPopularity.fit(train), 4);
        // User x trains on a and c: candidates d (1) then b (0).
        assertThat(top[0]).containsExactly(3, 1);
        assertThat(top[1]).containsExactly(0, 1);
        assertThat(full.rank(ItemPopularity.fit(train)).ranks()).containsExactly(0, 0);
    }

    @Test
    void itemPopularity_scoreAllItems_equalsScore() {
        ItemPopularity pop = ItemPopularity.fit(train());
        float[] all = new float[8];
        pop.scoreAllItems(new int[] {2, 0}, all);
        assertThat(all).containsExactly(2f, 0f, 3f, 1f, 2f, 0f, 3f, 1f);
    }

    @Test
    void itemPopularity_unknownUser_isRejected() {
        ItemPopularity pop = ItemPopularity.fit(train());
        assertThatThrownBy(() -> pop.score(new int[] {3}, new int[] {0}, new float[1]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void randomScorer_repeatedCallsAgree() {
        RandomScorer r = RandomScorer.builder().numUsers(50).numItems(70).seed(3L).build();
        float[] first = new float[70];
        float[] second = new float[70];
        r.scoreAllItems(new int[] {17}, first);
        r.scoreAllItems(new int[] {17}, second);
        assertThat(second).containsExactly(first);
    }

    @Test
    void randomScorer_scoreDependsOnlyOnThePair_notTheBatch() {
        RandomScorer r = RandomScorer.builder().numUsers(50).numItems(70).seed(3L).build();
        float[] batch = new float[3];
        r.score(new int[] {4, 9, 4}, new int[] {10, 11, 12}, batch);
        assertThat(batch).containsExactly(r.score(4, 10), r.score(9, 11), r.score(4, 12));
        RandomScorer same = RandomScorer.builder().numUsers(50).numItems(70).seed(3L).build();
        assertThat(same.score(9, 11)).isEqualTo(r.score(9, 11));
    }

    @Test
    void randomScorer_otherSeed_givesOtherScores() {
        RandomScorer a = RandomScorer.builder().numUsers(5).numItems(100).seed(1L).build();
        RandomScorer b = RandomScorer.builder().numUsers(5).numItems(100).seed(2L).build();
        int equal = 0;
        for (int i = 0; i < 100; i++) {
            if (a.score(0, i) == b.score(0, i)) {
                equal++;
            }
        }
        assertThat(equal).isLessThan(3);
    }

    @Test
    void randomScorer_scoresLieInUnitInterval_withMeanNearHalf() {
        RandomScorer r = RandomScorer.builder().numUsers(100).numItems(100).build();
        double sum = 0;
        for (int u = 0; u < 100; u++) {
            for (int i = 0; i < 100; i++) {
                float s = r.score(u, i);
                assertThat(s).isBetween(0f, 1f).isLessThan(1f);
                sum += s;
            }
        }
        // 10,000 uniforms: mean 0.5, sd 0.0029.
        assertThat(sum / 10_000).isBetween(0.49, 0.51);
    }

    @Test
    void randomScorer_numItems_zero_isRejected() {
        assertThatThrownBy(() -> RandomScorer.builder().numItems(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numItems must be >= 1, got 0");
    }

    @Test
    void randomScorer_withoutSizes_isRejected() {
        assertThatThrownBy(() -> RandomScorer.builder().numUsers(3).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("numItems=-1");
    }
}
