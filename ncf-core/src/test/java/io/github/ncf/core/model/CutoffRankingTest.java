package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.Engines;
import io.github.ncf.core.ExactRanking;
import io.github.ncf.core.ExactScreen;
import io.github.ncf.data.Interactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ranking through the screen with a cut-off: below it the counts are those of {@link
 * ExactRanking#rank} over all items, at it the Java screen stops early; the item order of the
 * screen's tiles changes no score.
 */
class CutoffRankingTest {

    private static final int USERS = 23;
    private static final int ITEMS = 300;
    private static Interactions data;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(USERS, ITEMS, 3, 9);
    }

    private static List<NcfModel> models() {
        List<NcfModel> models = new ArrayList<>();
        for (NcfBlock block : List.of(
                GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).seed(1).build(),
                MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(5).layers(10, 7, 3).seed(6)
                        .build(),
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).seed(4).build(),
                MF.builder().numUsers(USERS).numItems(ITEMS).dim(8).seed(5).build())) {
            NcfModel model = NcfModel.create(block, data);
            NcfModelTest.scaleEmbeddings(model.block(), 30f);
            models.add(model);
        }
        return models;
    }

    private static int[] shuffled(SplittableRandom random) {
        int[] order = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            order[i] = i;
        }
        for (int i = ITEMS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Test
    void orderedScreen_givesEveryItemTheScoresOfTheItemOrder() {
        SplittableRandom random = new SplittableRandom(3);
        int[] users = {0, 5, 22};
        for (NcfModel model : models()) {
            int[] order = shuffled(random);
            try (model; ExactScreen plain = model.openScreen(true); ExactScreen ordered = model.openScreen(order)) {
                float[] a = new float[users.length * ITEMS];
                float[] b = new float[users.length * ITEMS];
                plain.screenAllItems(users, a);
                ordered.screenAllItems(users, b);
                assertThat(b).as(model.block().kind().toString()).containsExactly(a);
                int[] items = Arrays.copyOf(order, 57);
                float[] ra = new float[items.length];
                float[] rb = new float[items.length];
                plain.reference(5).scores(items, items.length, ra);
                ordered.reference(5).scores(items, items.length, rb);
                assertThat(rb).containsExactly(ra);
            }
        }
    }

    @Test
    void cutRanks_equalTheExactCountsBelowTheCutoff_andTheJavaScreenStopsEarly() {
        SplittableRandom random = new SplittableRandom(17);
        int stoppedEarly = 0;
        for (NcfModel model : models()) {
            int[] order = shuffled(random);
            for (boolean javaScreen : new boolean[] {true, false}) {
                try (ExactScreen screen = model.openScreen(javaScreen, javaScreen ? order : null)) {
                    assertThat(screen.stopsAtCutoff()).isEqualTo(javaScreen);
                    float[] scores = new float[ITEMS];
                    int[] full = new int[4];
                    int[] cut = new int[4];
                    for (int u = 0; u < USERS; u++) {
                        int testItem = random.nextInt(ITEMS);
                        int[] masked = random.ints(20, 0, ITEMS).filter(i -> i != testItem).distinct().sorted()
                                .toArray();
                        screen.screenAllItems(new int[] {u}, scores);
                        ExactRanking.rank(screen.reference(u), scores, 0, ITEMS, testItem, masked, 0, masked.length,
                                full);
                        for (int cutoff : new int[] {1, 3, 10, 100, Integer.MAX_VALUE}) {
                            screen.rank(u, testItem, masked, 0, masked.length, cutoff, cut);
                            String what = model.block().kind() + " java=" + javaScreen + " user " + u + " cutoff "
                                    + cutoff;
                            if (full[0] < cutoff) {
                                assertThat(cut).as(what).containsExactly(full);
                            } else if (!Arrays.equals(cut, full)) {
                                // Stopped: at least the cut-off, at most the true count, nothing else.
                                assertThat(cut[0]).as(what).isBetween(cutoff, full[0]);
                                assertThat(Arrays.copyOfRange(cut, 1, 4)).as(what).containsOnly(0);
                                assertThat(javaScreen).as(what + ": only the Java screen stops").isTrue();
                                if (cut[0] < full[0]) {
                                    stoppedEarly++;
                                }
                            }
                        }
                    }
                }
            }
            model.close();
        }
        assertThat(stoppedEarly).as("rankings that stopped before the last tile").isPositive();
    }

    @Test
    void vectorisedBoundSums_areTheScalarSumsBitForBit() {
        assertThat(ScreenKernels.available()).isTrue();
        SplittableRandom random = new SplittableRandom(5);
        for (int in : new int[] {1, 5, 64}) {
            for (int out : new int[] {3, 7, 10, 32, 128}) {
                double[] wT = random.doubles(in * out, 0, 2).toArray();
                double[] vT = random.doubles(in * out, -1, 1).toArray();
                double[] x = random.doubles(in, 0, 3).toArray();
                double[] y = random.doubles(in, 0, 1e-3).toArray();
                double[] start = random.doubles(out, -1, 1).toArray();
                double[][] vector = {start.clone(), start.clone(), start.clone()};
                double[][] scalar = {start.clone(), start.clone(), start.clone()};
                ScreenKernels.accumulate(wT, vT, in, out, x, y, vector[0], vector[1], vector[2]);
                ScreenKernels.accumulateScalar(wT, vT, in, out, x, y, scalar[0], scalar[1], scalar[2]);
                for (int j = 0; j < 3; j++) {
                    for (int o = 0; o < out; o++) {
                        assertThat(Double.doubleToLongBits(vector[j][o])).as("in %d out %d sum %d unit %d", in, out,
                                j, o).isEqualTo(Double.doubleToLongBits(scalar[j][o]));
                    }
                }
                double[] single = start.clone();
                double[] singleScalar = start.clone();
                ScreenKernels.accumulate(wT, null, in, out, x, null, single, null, null);
                ScreenKernels.accumulateScalar(wT, null, in, out, x, null, singleScalar, null, null);
                assertThat(single).containsExactly(singleScalar);
            }
        }
    }

    @Test
    void vectorisedItemHalf_isTheScalarItemHalfBitForBit() {
        SplittableRandom random = new SplittableRandom(8);
        for (int in : new int[] {1, 5, 64}) {
            for (int out : new int[] {3, 10, 16, 40, 128}) {
                float[] wT = new float[in * out];
                for (int j = 0; j < wT.length; j++) {
                    wT[j] = (float) random.nextGaussian();
                }
                float[] x = new float[3 * in];
                for (int j = 0; j < x.length; j++) {
                    x[j] = (float) (random.nextGaussian() * 0.1);
                }
                float[] sums = new float[out];
                double[] mags = new double[out];
                float[] sumsScalar = new float[out];
                double[] magsScalar = new double[out];
                ScreenKernels.itemHalf(wT, in, out, x, in, sums, mags);
                ScreenKernels.itemHalfScalar(wT, in, out, x, in, sumsScalar, magsScalar);
                for (int o = 0; o < out; o++) {
                    assertThat(Float.floatToIntBits(sums[o])).as("in %d out %d unit %d", in, out, o)
                            .isEqualTo(Float.floatToIntBits(sumsScalar[o]));
                    assertThat(Double.doubleToLongBits(mags[o])).as("in %d out %d unit %d", in, out, o)
                            .isEqualTo(Double.doubleToLongBits(magsScalar[o]));
                }
            }
        }
    }

    @Test
    void rank_checksItsArguments() {
        try (NcfModel model = NcfModel.create(NeuMF.builder().numUsers(USERS).numItems(ITEMS).seed(4).build(), data);
                ExactScreen screen = model.openScreen(true)) {
            int[] counts = new int[4];
            assertThatThrownBy(() -> screen.rank(0, 1, new int[0], 0, 0, 0, counts))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("cutoff must be >= 1, got 0");
            assertThatThrownBy(() -> screen.rank(0, ITEMS, new int[0], 0, 0, 10, counts))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("testItem must be in [0, " + ITEMS + "), got " + ITEMS);
            assertThatThrownBy(() -> screen.rank(USERS, 1, new int[0], 0, 0, 10, counts))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void openScreen_withAnOrderThatIsNoPermutation_isRejected() {
        try (NcfModel model = NcfModel.create(GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).seed(1)
                .build(), data)) {
            int[] order = shuffled(new SplittableRandom(1));
            int[] repeated = order.clone();
            repeated[7] = repeated[8];
            assertThatThrownBy(() -> model.openScreen(repeated)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("itemOrder must hold each of the model's 300 items once, got item "
                            + repeated[8] + " twice at position 8");
            assertThatThrownBy(() -> model.openScreen(Arrays.copyOf(order, 10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("itemOrder must hold each of the model's 300 items once, got 10 entries");
            int[] outOfRange = order.clone();
            outOfRange[0] = -1;
            assertThatThrownBy(() -> model.openScreen(outOfRange)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got item -1 (out of range) at position 0");
        }
    }
}
