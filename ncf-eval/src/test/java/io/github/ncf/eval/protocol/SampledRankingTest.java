package io.github.ncf.eval.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.sampling.DistinctItems;
import io.github.ncf.eval.baseline.RandomScorer;
import io.github.ncf.eval.testing.EvalFixtures;
import io.github.ncf.eval.testing.TableScorer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampledRankingTest {

    // Sparse: 100 users x 500 items, 30 each -> the rejection-sampling path.
    private static final Interactions[] SPARSE = EvalFixtures.randomSplit(100, 500, 30, 1L);
    // Dense: 40 users x 60 items, 30 each -> 30 free items, within 4 x 20 negatives: the pool path.
    private static final Interactions[] DENSE = EvalFixtures.randomSplit(40, 60, 30, 2L);

    private static SampledRanking sampled(Interactions[] split, int negatives, long seed) {
        return SampledRanking.builder().train(split[0]).test(split[1]).negatives(negatives).seed(seed)
                .build();
    }

    private static void assertNeverSamplesAPositive(Interactions[] split, SampledRanking s, int n) {
        int[] users = s.users();
        int[] heldOut = s.testItems();
        for (int p = 0; p < users.length; p++) {
            int[] candidates = s.candidates(p);
            assertThat(candidates).hasSize(n + 1);
            assertThat(candidates[0]).isEqualTo(heldOut[p]);
            int[] negatives = Arrays.copyOfRange(candidates, 1, candidates.length);
            assertThat(negatives).doesNotHaveDuplicates().doesNotContain(heldOut[p]);
            for (int item : negatives) {
                assertThat(split[0].contains(users[p], item)).as("training positive %d", item).isFalse();
                assertThat(split[1].contains(users[p], item)).as("test positive %d", item).isFalse();
            }
        }
    }

    @Test
    void sparseSampling_neverSamplesAPositive() {
        assertNeverSamplesAPositive(SPARSE, sampled(SPARSE, 99, 42L), 99);
    }

    @Test
    void denseSampling_neverSamplesAPositive() {
        assertNeverSamplesAPositive(DENSE, sampled(DENSE, 20, 42L), 20);
    }

    @Test
    void sameSeed_givesIdenticalCandidates() {
        SampledRanking a = sampled(SPARSE, 99, 7L);
        SampledRanking b = sampled(SPARSE, 99, 7L);
        for (int p = 0; p < a.evaluatedUsers(); p++) {
            assertThat(b.candidates(p)).containsExactly(a.candidates(p));
        }
    }

    @Test
    void candidates_areThoseOfDistinctItems_forEachUser() {
        // What a Spark executor relies on: one user's candidates from DistinctItems alone.
        for (Interactions[] split : new Interactions[][] {SPARSE, DENSE}) {
            int negatives = split == SPARSE ? 99 : 20;
            SampledRanking s = sampled(split, negatives, 11L);
            for (int p = 0; p < s.evaluatedUsers(); p++) {
                int user = s.users()[p];
                int[] excluded = DistinctItems.union(split[0].itemsOf(user), split[1].itemsOf(user));
                int[] c = s.candidates(p);
                assertThat(Arrays.copyOfRange(c, 1, c.length)).containsExactly(
                        DistinctItems.candidates(11L, user, excluded, split[0].numItems(), negatives));
            }
        }
    }

    @Test
    void otherSeed_givesOtherCandidates() {
        SampledRanking a = sampled(SPARSE, 99, 7L);
        SampledRanking b = sampled(SPARSE, 99, 8L);
        assertThat(b.candidates(0)).isNotEqualTo(a.candidates(0));
    }

    @Test
    void candidates_areSampledOnce_andReusedByEveryEvaluation() {
        SampledRanking s = sampled(SPARSE, 99, 3L);
        int[] before = s.candidates(5);
        RandomScorer random = RandomScorer.builder().numUsers(100).numItems(500).seed(9L).build();
        Ranks first = s.rank(random);
        Ranks second = s.rank(random);
        assertThat(second).isEqualTo(first);
        assertThat(s.candidates(5)).containsExactly(before);
    }

    @Test
    void negatives_areRoughlyUniformOverFreeItems() {
        // One user, 200 free items, 99 drawn per seed: over 400 seeds each item is drawn
        // 400 * 99 / 200 = 198 times on average (sd ~10); all counts must lie within +-60.
        Interactions[] one = EvalFixtures.randomSplit(1, 210, 10, 5L);
        int[] counts = new int[210];
        for (long seed = 0; seed < 400; seed++) {
            int[] c = sampled(one, 99, seed).candidates(0);
            for (int k = 1; k < c.length; k++) {
                counts[c[k]]++;
            }
        }
        for (int item = 0; item < 210; item++) {
            boolean positive = one[0].contains(0, item) || one[1].contains(0, item);
            if (positive) {
                assertThat(counts[item]).isZero();
            } else {
                assertThat(counts[item]).as("item %d", item).isBetween(138, 258);
            }
        }
    }

    @Test
    void rank_countsNegativesScoredStrictlyHigher() {
        SampledRanking s = sampled(SPARSE, 99, 42L);
        RandomScorer random = RandomScorer.builder().numUsers(100).numItems(500).seed(4L).build();
        Ranks ranks = s.rank(random);
        for (int p = 0; p < s.evaluatedUsers(); p++) {
            int user = s.users()[p];
            int[] c = s.candidates(p);
            float target = random.score(user, c[0]);
            long higher = Arrays.stream(c, 1, c.length).filter(i -> random.score(user, i) > target).count();
            assertThat(ranks.rank(p)).isEqualTo((int) higher);
            assertThat(ranks.candidates()[p]).isEqualTo(100);
        }
    }

    @Test
    void ties_countInTheHeldOutItemsFavour() {
        SampledRanking s = sampled(SPARSE, 99, 42L);
        Ranks ranks = s.rank(new TableScorer(new float[100][500]));
        assertThat(ranks.ranks()).containsOnly(0);
        assertThat(ranks.ties()).containsOnly(99);
    }

    @Test
    void pairsPerBatch_doesNotChangeRanks() {
        RandomScorer random = RandomScorer.builder().numUsers(100).numItems(500).seed(4L).build();
        Ranks big = sampled(SPARSE, 99, 42L).rank(random);
        TableScorer counting = new TableScorer(tableOf(random));
        Ranks small = SampledRanking.builder().train(SPARSE[0]).test(SPARSE[1]).pairsPerBatch(1000)
                .build().rank(counting);
        assertThat(small).isEqualTo(big);
        assertThat(counting.scoreCalls()).isEqualTo(10); // 100 users x 100 candidates / 1000
    }

    @Test
    void threads_doNotChangeRanks() {
        RandomScorer random = RandomScorer.builder().numUsers(100).numItems(500).seed(4L).build();
        SampledRanking s = sampled(SPARSE, 99, 42L);
        Ranks one = s.rank(random);
        Ranks two = s.withThreads(2).rank(random);
        Ranks threeSmall = SampledRanking.builder().train(SPARSE[0]).test(SPARSE[1]).seed(42L)
                .threads(3).pairsPerBatch(777).build().rank(random);
        assertThat(two).isEqualTo(one);
        assertThat(threeSmall).isEqualTo(one);
        assertThat(s.withThreads(2).candidates(9)).containsExactly(s.candidates(9));
    }

    @Test
    void threads_zero_isRejected() {
        assertThatThrownBy(() -> sampled(SPARSE, 99, 42L).withThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be >= 1, got 0");
    }

    private static float[][] tableOf(RandomScorer random) {
        float[][] t = new float[random.numUsers()][random.numItems()];
        for (int u = 0; u < t.length; u++) {
            for (int i = 0; i < t[u].length; i++) {
                t[u][i] = random.score(u, i);
            }
        }
        return t;
    }

    @Test
    void usersWithoutTestRow_areCountedAsSkipped() {
        SampledRanking s = SampledRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test())
                .negatives(3).build();
        assertThat(s.evaluatedUsers()).isEqualTo(3);
        assertThat(s.skippedUsers()).isEqualTo(1);
        assertThat(s.name()).isEqualTo("sampled-3");
    }

    @Test
    void userWithTooFewFreeItems_isRejected() {
        // User 0 of the fixture has 8 - 2 train - 1 test = 5 free items.
        assertThatThrownBy(() -> SampledRanking.builder().train(EvalFixtures.train())
                .test(EvalFixtures.test()).negatives(6).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user \"0\"").hasMessageContaining("only 5 items")
                .hasMessageContaining("negatives=6");
    }

    @Test
    void negatives_zero_isRejected() {
        assertThatThrownBy(() -> SampledRanking.builder().negatives(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negatives must be >= 1, got 0");
    }

    @Test
    void pairsPerBatch_zero_isRejected() {
        assertThatThrownBy(() -> SampledRanking.builder().pairsPerBatch(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairsPerBatch");
    }

    @Test
    void scorerWithAnotherItemCount_isRejected() {
        SampledRanking s = sampled(SPARSE, 99, 42L);
        assertThatThrownBy(() -> s.rank(new TableScorer(new float[100][499])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("499 items");
    }

    @Test
    void nanScore_isRejected() {
        SampledRanking s = sampled(SPARSE, 99, 42L);
        float[][] t = new float[100][500];
        t[0][s.candidates(0)[7]] = Float.NaN;
        assertThatThrownBy(() -> s.rank(new TableScorer(t)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
    }
}
