package io.github.ncf.data.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.testing.TestData;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sampling properties over 10 epochs of MovieLens-100k; skipped when NCF_DATA_DIR is unset. */
class NegativeSamplingMl100kTest {

    private static final int EPOCHS = 10;
    private static Interactions train;
    private static NegativeSampler sampler;
    private static EpochSamples[] epochs;

    /** Loads once; each test calls this first, so each one is skipped with the message when the data is absent. */
    private static synchronized void sampleTenEpochs() throws IOException {
        java.nio.file.Path dir = TestData.ml100k();
        if (epochs != null) {
            return;
        }
        Interactions data = MovieLensReader.read(MovieLensVariant.ML_100K, dir).interactions();
        train = LeaveOneOutSplitter.builder().build().split(data).train();
        sampler = NegativeSampler.builder().train(train).build();
        epochs = new EpochSamples[EPOCHS];
        for (int e = 0; e < EPOCHS; e++) {
            epochs[e] = sampler.sample(e);
        }
    }

    @Test
    void epoch_has495285Rows() throws IOException {
        sampleTenEpochs();
        assertThat(epochs[0].rows()).isEqualTo(495_285);
        assertThat(epochs[0].positives()).isEqualTo(99_057);
    }

    @Test
    void noTrainingPositive_isEverANegative() throws IOException {
        sampleTenEpochs();
        for (EpochSamples s : epochs) {
            for (int slot = 0; slot < s.positives(); slot++) {
                int u = s.users()[slot * 5];
                for (int k = 1; k < 5; k++) {
                    if (train.contains(u, s.items()[slot * 5 + k])) {
                        throw new AssertionError("epoch " + s.epoch() + " slot " + slot + ": item "
                                + s.items()[slot * 5 + k] + " is a training positive of user " + u);
                    }
                }
            }
        }
    }

    @Test
    void negatives_areDistinctPerPositive() throws IOException {
        sampleTenEpochs();
        for (EpochSamples s : epochs) {
            for (int slot = 0; slot < s.positives(); slot++) {
                int[] negs = Arrays.copyOfRange(s.items(), slot * 5 + 1, slot * 5 + 5);
                assertThat(Arrays.stream(negs).distinct().count()).isEqualTo(4);
            }
        }
    }

    @Test
    void negatives_areFreshAcrossEpochs() throws IOException {
        sampleTenEpochs();
        // For each positive (user, item pair; ML-100k has no repeats), compare its negatives in
        // consecutive epochs: with ~1,580 candidates, the same 4-set twice is practically impossible.
        for (int e = 1; e < EPOCHS; e++) {
            Map<Long, int[]> previous = negativesByPositive(epochs[e - 1]);
            Map<Long, int[]> current = negativesByPositive(epochs[e]);
            long same = current.entrySet().stream()
                    .filter(x -> Arrays.equals(x.getValue(), previous.get(x.getKey()))).count();
            assertThat(same).as("positives with identical negatives in epochs %d and %d", e - 1, e).isZero();
        }
    }

    private static Map<Long, int[]> negativesByPositive(EpochSamples s) {
        Map<Long, int[]> map = new HashMap<>(s.positives() * 2);
        for (int slot = 0; slot < s.positives(); slot++) {
            int[] negs = Arrays.copyOfRange(s.items(), slot * 5 + 1, slot * 5 + 5);
            Arrays.sort(negs);
            map.put(((long) s.users()[slot * 5] << 32) | s.items()[slot * 5], negs);
        }
        return map;
    }

    @Test
    void sameSeed_sameDraws() throws IOException {
        sampleTenEpochs();
        NegativeSampler again = NegativeSampler.builder().train(train).seed(io.github.ncf.data.Seeds.DEFAULT).build();
        for (int e : new int[] {0, 9}) {
            EpochSamples s = again.sample(e);
            assertThat(s.users()).isEqualTo(epochs[e].users());
            assertThat(s.items()).isEqualTo(epochs[e].items());
        }
    }

    @Test
    void negativesOfOneUser_areUniformOverNonPositives_chiSquare() throws IOException {
        sampleTenEpochs();
        int user = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            if (train.rowCount(u) > train.rowCount(user)) {
                user = u;
            }
        }
        int[] counts = new int[train.numItems()];
        long draws = 0;
        for (EpochSamples s : epochs) {
            for (int slot = 0; slot < s.positives(); slot++) {
                if (s.users()[slot * 5] == user) {
                    for (int k = 1; k < 5; k++) {
                        counts[s.items()[slot * 5 + k]]++;
                        draws++;
                    }
                }
            }
        }
        int candidates = sampler.candidateCount(user);
        double expected = (double) draws / candidates;
        assertThat(expected).as("expected draws per candidate item").isGreaterThan(5);
        double chi2 = 0;
        for (int item = 0; item < counts.length; item++) {
            if (train.contains(user, item)) {
                assertThat(counts[item]).isZero();
            } else {
                double d = counts[item] - expected;
                chi2 += d * d / expected;
            }
        }
        int df = candidates - 1;
        // Wilson-Hilferty: the chi-square quantile at p = 0.999 is about df (1 - 2/(9df) + z sqrt(2/(9df)))^3.
        double z = 3.090;
        double critical = df * Math.pow(1 - 2.0 / (9 * df) + z * Math.sqrt(2.0 / (9 * df)), 3);
        double lower = df * Math.pow(1 - 2.0 / (9 * df) - z * Math.sqrt(2.0 / (9 * df)), 3);
        assertThat(chi2).as("chi-square over %d candidates, %d draws", candidates, draws)
                .isLessThan(critical).isGreaterThan(lower);
    }
}
