package io.github.ncf.data.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.testing.Fixtures;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sampling rules on small fixtures; the same rules on MovieLens-100k are in the integration test. */
class NegativeSamplerTest {

    private static final Interactions BAND = Fixtures.band(300, 60, 12);

    private static NegativeSampler sampler(Interactions train) {
        return NegativeSampler.builder().train(train).build();
    }

    @Test
    void layout_isPositiveThenItsNegatives_labelsOneThenZeros() {
        EpochSamples s = sampler(BAND).sample(0);
        int r = s.rowsPerPositive();
        assertThat(r).isEqualTo(5);
        assertThat(s.rows()).isEqualTo(BAND.size() * 5);
        for (int slot = 0; slot < s.positives(); slot++) {
            assertThat(s.labels()[slot * r]).isEqualTo(1f);
            assertThat(BAND.contains(s.users()[slot * r], s.items()[slot * r])).isTrue();
            for (int k = 1; k < r; k++) {
                assertThat(s.labels()[slot * r + k]).isZero();
                assertThat(s.users()[slot * r + k]).isEqualTo(s.users()[slot * r]);
            }
        }
    }

    @Test
    void everyTrainingRow_appearsOnceAsPositivePerEpoch() {
        EpochSamples s = sampler(BAND).sample(3);
        long[] drawn = new long[s.positives()];
        for (int slot = 0; slot < s.positives(); slot++) {
            drawn[slot] = ((long) s.users()[slot * 5] << 32) | s.items()[slot * 5];
        }
        long[] rows = new long[BAND.size()];
        for (int r = 0; r < BAND.size(); r++) {
            rows[r] = ((long) BAND.user(r) << 32) | BAND.item(r);
        }
        java.util.Arrays.sort(drawn);
        java.util.Arrays.sort(rows);
        assertThat(drawn).isEqualTo(rows);
    }

    @Test
    void negatives_areNeverTrainingPositives_andDistinctPerPositive() {
        NegativeSampler sampler = sampler(BAND);
        for (int epoch = 0; epoch < 5; epoch++) {
            EpochSamples s = sampler.sample(epoch);
            for (int slot = 0; slot < s.positives(); slot++) {
                int u = s.users()[slot * 5];
                Set<Integer> negs = new HashSet<>();
                for (int k = 1; k < 5; k++) {
                    int item = s.items()[slot * 5 + k];
                    assertThat(BAND.contains(u, item)).as("negative %d of user %d", item, u).isFalse();
                    negs.add(item);
                }
                assertThat(negs).hasSize(4);
            }
        }
    }

    @Test
    void sameSeedAndEpoch_sameDraws_differentEpochOrSeedDiffers() {
        int[] a = sampler(BAND).sample(2).items().clone();
        assertThat(sampler(BAND).sample(2).items()).isEqualTo(a);
        assertThat(sampler(BAND).sample(3).items()).isNotEqualTo(a);
        assertThat(NegativeSampler.builder().train(BAND).seed(7).build().sample(2).items()).isNotEqualTo(a);
    }

    @Test
    void threads_doNotChangeTheDraws() {
        Interactions big = Fixtures.band(4000, 500, 12); // > 2 chunks of positives
        int[] one = NegativeSampler.builder().train(big).threads(1).build().sample(1).items().clone();
        int[] two = NegativeSampler.builder().train(big).threads(2).build().sample(1).items();
        assertThat(two).isEqualTo(one);
    }

    @Test
    void sampleInto_reusesArrays_andMatchesFreshSample() {
        NegativeSampler sampler = sampler(BAND);
        EpochSamples reuse = sampler.sample(0);
        int[] itemsArray = reuse.items();
        EpochSamples again = sampler.sampleInto(4, reuse);
        assertThat(again).isSameAs(reuse);
        assertThat(again.items()).isSameAs(itemsArray);
        assertThat(again.epoch()).isEqualTo(4);
        assertThat(again.items()).isEqualTo(sampler.sample(4).items());
        assertThat(again.users()).isEqualTo(sampler.sample(4).users());
    }

    @Test
    void shuffle_givesAFreshOrderOfPositivesEachEpoch() {
        NegativeSampler sampler = sampler(BAND);
        int[] users0 = sampler.sample(0).users().clone();
        int[] users1 = sampler.sample(1).users();
        assertThat(users1).isNotEqualTo(users0);
        EpochSamples plain = NegativeSampler.builder().train(BAND).shuffle(false).build().sample(0);
        for (int slot = 0; slot < plain.positives(); slot++) {
            assertThat(plain.users()[slot * 5]).isEqualTo(BAND.user(slot));
            assertThat(plain.items()[slot * 5]).isEqualTo(BAND.item(slot));
        }
    }

    @Test
    void shuffle_acrossBuckets_mixesRowsUniformlyOverSlots() {
        Interactions big = Fixtures.band(4000, 500, 12); // 48,000 positives: a dozen shuffle buckets
        java.util.Map<Long, Integer> rowOf = new java.util.HashMap<>();
        for (int r = 0; r < big.size(); r++) {
            rowOf.put(((long) big.user(r) << 32) | big.item(r), r);
        }
        EpochSamples s = NegativeSampler.builder().train(big).build().sample(0);
        long[][] table = new long[10][10];
        for (int slot = 0; slot < s.positives(); slot++) {
            int row = rowOf.get(((long) s.users()[slot * 5] << 32) | s.items()[slot * 5]);
            table[row * 10 / big.size()][slot * 10 / s.positives()]++;
        }
        double expected = big.size() / 100.0;
        double chi2 = 0;
        for (long[] line : table) {
            for (long count : line) {
                chi2 += (count - expected) * (count - expected) / expected;
            }
        }
        // 81 degrees of freedom: the 0.999 quantile is about 124.8.
        assertThat(chi2).as("row decile x slot decile chi-square").isLessThan(124.8);
    }

    @Test
    void excludeTestItems_heldOutItemIsNeverANegative() {
        Split split = LeaveOneOutSplitter.builder().build().split(Fixtures.band(50, 20, 15));
        NegativeSampler sampler = NegativeSampler.builder().train(split.train())
                .excludeTestItems(split.test()).numNegatives(4).build();
        Interactions test = split.test();
        for (int epoch = 0; epoch < 20; epoch++) {
            EpochSamples s = sampler.sample(epoch);
            for (int slot = 0; slot < s.positives(); slot++) {
                for (int k = 1; k < 5; k++) {
                    assertThat(test.contains(s.users()[slot * 5], s.items()[slot * 5 + k])).isFalse();
                }
            }
        }
        assertThat(sampler.candidateCount(1)).isEqualTo(20 - 15);
    }

    @Test
    void fewCandidates_floydPath_negativesValidDistinctAndUniform() {
        // Each user has 40 of 60 items, so fewer than half are candidates: the rank-mapping path.
        Interactions dense = Fixtures.band(200, 60, 40);
        NegativeSampler sampler = NegativeSampler.builder().train(dense).build();
        int user = 0;
        int[] counts = new int[dense.numItems()];
        int epochs = 200;
        for (int epoch = 0; epoch < epochs; epoch++) {
            EpochSamples s = sampler.sample(epoch);
            for (int slot = 0; slot < s.positives(); slot++) {
                int u = s.users()[slot * 5];
                Set<Integer> negs = new HashSet<>();
                for (int k = 1; k < 5; k++) {
                    int item = s.items()[slot * 5 + k];
                    if (dense.contains(u, item)) {
                        throw new AssertionError("epoch " + epoch + ": item " + item + " is a positive of user " + u);
                    }
                    negs.add(item);
                    if (u == user) {
                        counts[item]++;
                    }
                }
                assertThat(negs).hasSize(4);
            }
        }
        double expected = 40.0 * 4 * epochs / 20; // 1,600 draws per candidate
        for (int item = 0; item < counts.length; item++) {
            if (!dense.contains(user, item)) {
                assertThat((double) counts[item]).as("draws of item %d", item)
                        .isBetween(expected * 0.85, expected * 1.15);
            }
        }
    }

    @Test
    void userWithTooFewCandidates_isRejectedNamingUserAndCounts() {
        Interactions data = Interactions.builder().add("ann", "a").add("ann", "b").add("ann", "c")
                .add("bob", "d").add("bob", "a").build();
        assertThatThrownBy(() -> NegativeSampler.builder().train(data).numNegatives(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user \"ann\"").hasMessageContaining("has 1 candidate")
                .hasMessageContaining("4 items").hasMessageContaining("3 in training")
                .hasMessageContaining("numNegatives=2");
    }

    @Test
    void exactlyAsManyCandidatesAsNegatives_drawsAllOfThem() {
        Interactions data = Interactions.builder().add("ann", "a").add("bob", "b").add("cat", "c")
                .add("dan", "d").build();
        EpochSamples s = NegativeSampler.builder().train(data).numNegatives(3).build().sample(0);
        for (int slot = 0; slot < 4; slot++) {
            Set<Integer> negs = new HashSet<>();
            for (int k = 1; k < 4; k++) {
                negs.add(s.items()[slot * 4 + k]);
            }
            Set<Integer> others = new HashSet<>(Set.of(0, 1, 2, 3));
            others.remove(s.items()[slot * 4]);
            assertThat(negs).isEqualTo(others);
        }
    }

    @Test
    void numNegatives_zero_isRejected() {
        assertThatThrownBy(() -> NegativeSampler.builder().numNegatives(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("numNegatives must be >= 1, got 0");
    }

    @Test
    void build_withoutTrain_isRejected() {
        assertThatThrownBy(() -> NegativeSampler.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("train");
    }

    @Test
    void negativeEpoch_isRejected() {
        assertThatThrownBy(() -> sampler(BAND).sample(-1)).hasMessage("epoch must be >= 0, got -1");
    }

    @Test
    void epochSamplesOf_wrapsTheArrays_andIsNeverRefilled() {
        NegativeSampler sampler = sampler(BAND);
        int rows = sampler.positives() * sampler.rowsPerPositive();
        int[] users = new int[rows];
        float[] labels = new float[rows];
        EpochSamples own = EpochSamples.of(users, new int[rows], labels, sampler.rowsPerPositive());

        assertThat(own.users()).isSameAs(users);
        assertThat(own.positives()).isEqualTo(sampler.positives());
        assertThat(sampler.sampleInto(0, own)).isNotSameAs(own);
        assertThat(labels).containsOnly(0f);
    }

    @Test
    void epochSamplesOf_ragged_isRejected() {
        assertThatThrownBy(() -> EpochSamples.of(new int[5], new int[5], new float[5], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows (5) must be a multiple of rowsPerPositive (2)");
    }
}
