package io.github.ncf.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.ncf.core.Engines;
import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.train.internal.EpochSource;
import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.core.train.internal.Tuning;
import io.github.ncf.data.sampling.NegativeSampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NcfTrainerTest {

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    private static Model model(NcfBlock block) {
        Model m = Model.newInstance("test");
        m.setBlock(block);
        return m;
    }

    private static List<float[]> weights(Model model) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : model.getBlock().getParameters().values()) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void epochs_zero_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().epochs(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs")
                .hasMessageContaining("0");
    }

    @Test
    void learningRate_negative_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().learningRate(-0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate")
                .hasMessageContaining("-0.1");
    }

    @Test
    void learningRate_nan_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().learningRate(Float.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
    }

    @Test
    void threads_zero_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().threads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }

    @Test
    void device_invisibleGpu_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().device(ai.djl.Device.gpu(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device");
    }

    @Test
    void fit_userIndexOutOfRange_isRejectedNamingRowAndValue() {
        EpochSource bad = (EpochSource) e -> EpochSamples.of(new int[] {0, 9}, new int[] {0, 1},
                new float[] {1, 0}, 2);
        try (Model m = model(Blocks.gmf(3, 3, 4))) {
            assertThatThrownBy(() -> NcfTrainer.builder().epochs(1).build().fit(m, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 1").hasMessageContaining("user index 9");
        }
    }

    @Test
    void loss_isMeanSigmoidCrossEntropy_andStableForHugeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {-3f, 0f, 2f, 200f, -200f};
            float[] y = {0f, 1f, 1f, 0f, 1f};
            double expected = 0;
            for (int k = 0; k < x.length; k++) {
                // max(x,0) - x*y + log(1 + exp(-|x|)) is the textbook stable form
                expected += Math.max(x[k], 0) - x[k] * y[k] + Math.log1p(Math.exp(-Math.abs(x[k])));
            }
            expected /= x.length;
            float got = NcfTrainer.sigmoidBinaryCrossEntropy(m.create(x), m.create(y)).getFloat();
            assertThat((double) got).isCloseTo(expected, within(1e-4));
            assertThat(Float.isFinite(got)).isTrue();
        }
    }

    @Test
    void adam_followsTorchRule_epsAddedAfterBiasCorrection() {
        // Gradients of 1e-7 make eps (1e-8) matter: DJL's own Adam would differ here by ~3x.
        float[] c = {1e-7f, -2e-7f, 5e-8f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {0.5f, -0.25f, 1f});
            w.setRequiresGradient(true);
            double[] ew = {0.5, -0.25, 1};
            double[] em = new double[3];
            double[] ev = new double[3];
            float lr = 0.01f;
            try (TorchOptimizer opt = new TorchOptimizer(OptimizerKind.ADAM, lr, 0f, false, List.of(w),
                    List.of(TorchOptimizer.Rows.DENSE), m, 1, 1, null)) {
                for (int t = 1; t <= 3; t++) {
                    try (NDManager scope = m.newSubManager();
                            ai.djl.training.GradientCollector gc =
                                    ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                        NDArray loss = w.mul(scope.create(c)).sum();
                        gc.backward(loss);
                        gc.close();
                        opt.step(scope, new int[0], new int[0], 0, 0);
                    }
                    for (int k = 0; k < 3; k++) {
                        em[k] = 0.9 * em[k] + 0.1 * c[k];
                        ev[k] = 0.999 * ev[k] + 0.001 * c[k] * (double) c[k];
                        double mh = em[k] / (1 - Math.pow(0.9, t));
                        double vh = Math.sqrt(ev[k]) / Math.sqrt(1 - Math.pow(0.999, t));
                        ew[k] -= lr * mh / (vh + 1e-8);
                    }
                }
            }
            float[] got = w.toFloatArray();
            for (int k = 0; k < 3; k++) {
                assertThat((double) got[k]).as("weight %d", k).isCloseTo(ew[k], within(2e-6));
            }
        }
    }

    @Test
    void l2_onSgd_addsDecayTimesWeightToTheGradient_asTorchWeightDecay() {
        float[] c = {0.3f, -0.2f, 0.1f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {0.5f, -0.25f, 1f});
            w.setRequiresGradient(true);
            double[] ew = {0.5, -0.25, 1};
            float lr = 0.1f;
            float l2 = 0.05f;
            try (TorchOptimizer opt = new TorchOptimizer(OptimizerKind.SGD, lr, l2, false, List.of(w),
                    List.of(TorchOptimizer.Rows.DENSE), m, 1, 1, null)) {
                for (int t = 1; t <= 2; t++) {
                    try (NDManager scope = m.newSubManager();
                            ai.djl.training.GradientCollector gc =
                                    ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                        gc.backward(w.mul(scope.create(c)).sum());
                        gc.close();
                        opt.step(scope, new int[0], new int[0], 0, 0);
                    }
                    for (int k = 0; k < 3; k++) {
                        ew[k] -= lr * (c[k] + l2 * ew[k]);
                    }
                }
            }
            float[] got = w.toFloatArray();
            for (int k = 0; k < 3; k++) {
                assertThat((double) got[k]).as("weight %d", k).isCloseTo(ew[k], within(1e-6));
            }
        }
    }

    @Test
    void l2_negative_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().l2(-0.1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l2 must be finite and >= 0, got -0.1");
    }

    @Test
    void fit_learnsTheTinyProblem_lossFalls() {
        TinyData data = new TinyData(12, 12, 2, 8);
        try (Model m = model(Blocks.neuMf(12, 12, 8, 8, 0f, 16, 8))) {
            FitResult r = NcfTrainer.builder().batchSize(data.batchPositives).epochs(30).learningRate(0.01f).build().fit(m, data);
            assertThat(r.epochsRun()).isEqualTo(30);
            assertThat(r.meanLosses().get(29)).isLessThan(r.meanLosses().get(0) * 0.5);
        }
    }

    @Test
    void fit_sameSeed_sameLosses() {
        TinyData data = new TinyData(10, 9, 2, 4);
        List<Double> a;
        List<Double> b;
        NcfTrainer t = NcfTrainer.builder().batchSize(data.batchPositives).epochs(3).seed(7).build();
        try (Model m = model(Blocks.mlp(10, 9, 4, 0.2f, 8, 4))) {
            a = t.fit(m, data).meanLosses();
        }
        try (Model m = model(Blocks.mlp(10, 9, 4, 0.2f, 8, 4))) {
            b = t.fit(m, data).meanLosses();
        }
        assertThat(a).isEqualTo(b);
    }

    @Test
    void dropoutMasks_javaAndTorch_areEachDeterministic_andTheBlockIsLeftAsFound() {
        TinyData data = new TinyData(10, 9, 2, 4);
        List<List<Double>> runs = new ArrayList<>();
        for (boolean java : new boolean[] {true, true, false, false}) {
            NcfTrainer t = NcfTrainer.builder().batchSize(data.batchPositives).epochs(3).seed(7).tuning(Tuning.builder().javaDropoutMasks(java).build()).build();
            io.github.ncf.core.model.NcfBlock block = Blocks.mlp(10, 9, 4, 0.5f, 8, 4);
            try (Model m = model(block)) {
                runs.add(t.fit(m, data).meanLosses());
            }
            assertThat(block.dropoutMasks()).isNull();
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
        assertThat(runs.get(2)).isEqualTo(runs.get(3));
        // Same distribution, different random streams: the losses differ.
        assertThat(runs.get(0)).isNotEqualTo(runs.get(2));
    }

    @Test
    void groupedForward_trainsLikeThePlainForward() {
        TinyData data = new TinyData(10, 9, 3, 4);
        List<List<Double>> runs = new ArrayList<>();
        for (boolean grouped : new boolean[] {true, false}) {
            NcfTrainer t = NcfTrainer.builder().batchSize(data.batchPositives).epochs(4).seed(7).learningRate(0.01f)
                    .tuning(Tuning.builder().groupedForward(grouped).build()).build();
            try (Model m = model(Blocks.neuMf(10, 9, 4, 4, 0f, 8, 4))) {
                runs.add(t.fit(m, data).meanLosses());
            }
        }
        for (int e = 0; e < 4; e++) {
            assertThat(runs.get(0).get(e)).isCloseTo(runs.get(1).get(e), within(1e-5));
        }
    }

    @Test
    void rowsPerPass_splitsABatch_intoPassesWithTheWholeBatchsGradient() {
        TinyData data = new TinyData(10, 9, 3, 6); // 6 positives x 4 rows = 24 rows per batch
        List<List<Double>> runs = new ArrayList<>();
        List<List<float[]>> finalWeights = new ArrayList<>();
        for (int rowsPerPass : new int[] {1 << 16, 8, 5}) {
            NcfTrainer t = NcfTrainer.builder().batchSize(data.batchPositives).epochs(3).seed(7).learningRate(0.01f)
                    .tuning(Tuning.builder().rowsPerPass(rowsPerPass).build()).build();
            try (Model m = model(Blocks.neuMf(10, 9, 4, 4, 0f, 8, 4))) {
                runs.add(t.fit(m, data).meanLosses());
                finalWeights.add(weights(m));
            }
        }
        for (int run = 1; run < 3; run++) {
            for (int e = 0; e < 3; e++) {
                assertThat(runs.get(run).get(e)).isCloseTo(runs.get(0).get(e), within(1e-5));
            }
            for (int w = 0; w < finalWeights.get(0).size(); w++) {
                float[] a = finalWeights.get(0).get(w);
                float[] b = finalWeights.get(run).get(w);
                for (int k = 0; k < a.length; k++) {
                    assertThat(b[k]).isCloseTo(a[k], within(1e-4f));
                }
            }
        }
    }

    @Test
    void maskBeforeActivation_trainsLikeTheDefault_groupedAndPlain() {
        TinyData data = new TinyData(10, 9, 3, 4);
        for (boolean grouped : new boolean[] {true, false}) {
            List<List<Double>> runs = new ArrayList<>();
            List<List<float[]>> finalWeights = new ArrayList<>();
            for (boolean before : new boolean[] {false, true}) {
                NcfTrainer t = NcfTrainer.builder().batchSize(data.batchPositives).epochs(3).seed(7)
                        .learningRate(0.01f).tuning(Tuning.builder().groupedForward(grouped)
                                .maskBeforeActivation(before).build()).build();
                try (Model m = model(Blocks.neuMf(10, 9, 4, 4, 0.3f, 8, 4))) {
                    runs.add(t.fit(m, data).meanLosses());
                    finalWeights.add(weights(m));
                }
            }
            for (int e = 0; e < 3; e++) {
                assertThat(runs.get(1).get(e)).as("grouped %s, epoch %d", grouped, e + 1)
                        .isCloseTo(runs.get(0).get(e), within(1e-6));
            }
            for (int w = 0; w < finalWeights.get(0).size(); w++) {
                float[] a = finalWeights.get(0).get(w);
                float[] b = finalWeights.get(1).get(w);
                for (int k = 0; k < a.length; k++) {
                    assertThat(b[k]).isCloseTo(a[k], within(1e-6f));
                }
            }
        }
    }

    @Test
    void maskBeforeActivation_withTorchsDropout_isRejected() {
        assertThatThrownBy(() -> Tuning.builder().javaDropoutMasks(false).maskBeforeActivation(true)
                .build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maskBeforeActivation").hasMessageContaining("javaDropoutMasks");
    }

    @Test
    void rowsPerPass_zero_isRejected() {
        assertThatThrownBy(() -> Tuning.builder().rowsPerPass(0)).hasMessageContaining("rowsPerPass");
    }

    @Test
    void usersShareGroups_detectsTheLayout() {
        assertThat(NcfTrainer.usersShareGroups(new int[] {1, 1, 1, 4, 4, 4}, 3)).isTrue();
        assertThat(NcfTrainer.usersShareGroups(new int[] {1, 1, 2, 4, 4, 4}, 3)).isFalse();
        assertThat(NcfTrainer.usersShareGroups(new int[] {1, 2}, 1)).isTrue();
    }

    @Test
    void listeners_hearEveryBatchAndEpoch() {
        TinyData data = new TinyData(6, 6, 1, 5); // 12 positives -> 3 batches of <= 5
        List<BatchEvent> batches = new ArrayList<>();
        List<EpochEvent> epochs = new ArrayList<>();
        EpochListener l = new EpochListener() {
            @Override
            public void onBatchEnd(BatchEvent e) {
                batches.add(e);
            }

            @Override
            public void onEpochEnd(EpochEvent e) {
                epochs.add(e);
            }
        };
        try (Model m = model(Blocks.gmf(6, 6, 4))) {
            NcfTrainer.builder().batchSize(data.batchPositives).epochs(2).listener(l).build().fit(m, data);
        }
        assertThat(epochs).hasSize(2);
        assertThat(batches).hasSize(6);
        assertThat(batches.get(2).batches()).isEqualTo(3);
        assertThat(batches.get(2).samples()).isEqualTo(24);
        assertThat(epochs.get(0).samples()).isEqualTo(24);
        assertThat(epochs.get(1).scorer().numItems()).isEqualTo(6);
    }

    @Test
    void nativeMemory_isFlat_over50Epochs() {
        TinyData data = new TinyData(8, 8, 2, 4);
        List<Integer> counts = new ArrayList<>();
        try (Model m = model(Blocks.neuMf(8, 8, 4, 4, 0.2f, 8, 4))) {
            NDManager manager = m.getNDManager();
            EpochListener l = new EpochListener() {
                @Override
                public void onEpochEnd(EpochEvent e) {
                    float[] s = new float[8];
                    e.scorer().score(new int[8], new int[8], s); // scoring must not leak either
                    counts.add(manager.getManagedArrays().size());
                }
            };
            NcfTrainer.builder().batchSize(data.batchPositives).epochs(50).listener(l).build().fit(m, data);
            assertThat(counts).hasSize(50);
            assertThat(counts).containsOnly(counts.get(0));
        }
    }

    @ParameterizedTest(name = "javaEmbeddingUpdates={0}")
    @ValueSource(booleans = {false, true})
    void earlyStopping_stopsAfterPatience_andRestoresBestWeights(boolean javaEmbeddingUpdates) {
        TinyData data = new TinyData(8, 8, 1, 4);
        double[] script = {0.1, 0.3, 0.2, 0.25, 0.1, 0.9};
        int[] calls = {0};
        List<List<float[]>> seen = new ArrayList<>();
        EarlyStopping stop = EarlyStopping.builder().metric(s -> script[calls[0]++]).patience(2).build();
        try (Model m = model(Blocks.gmf(8, 8, 4))) {
            EpochListener capture = new EpochListener() {
                @Override
                public void onEpochEnd(EpochEvent e) {
                    seen.add(weights(m));
                }
            };
            FitResult r = NcfTrainer.builder().batchSize(data.batchPositives).epochs(6).listener(capture).earlyStopping(stop)
                    .tuning(Tuning.builder().javaEmbeddingUpdates(javaEmbeddingUpdates).build())
                    .build().fit(m, data);
            assertThat(r.stoppedEarly()).isTrue();
            assertThat(r.epochsRun()).isEqualTo(4);
            assertThat(r.bestEpoch()).isEqualTo(2);
            assertThat(stop.history()).containsExactly(0.1, 0.3, 0.2, 0.25);
            List<float[]> now = weights(m);
            for (int k = 0; k < now.size(); k++) {
                assertThat(now.get(k)).containsExactly(seen.get(1).get(k));
                assertThat(now.get(k)).isNotEqualTo(seen.get(3).get(k));
            }
        }
    }

    @Test
    void earlyStopping_withoutMetric_isRejected() {
        assertThatThrownBy(() -> EarlyStopping.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("metric");
    }

    @Test
    void earlyStopping_zeroPatience_isRejected() {
        assertThatThrownBy(() -> EarlyStopping.builder().patience(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patience");
    }

    @Test
    void lazyAdam_whenEveryRowIsTouched_equalsDenseAdam() {
        // Every batch holds every user and item, so the row-sparse update must equal the dense one.
        int n = 4;
        int[] u = new int[n * n];
        int[] it = new int[n * n];
        float[] y = new float[n * n];
        for (int k = 0; k < n * n; k++) {
            u[k] = k / n;
            it[k] = k % n;
            y[k] = TinyData.likes(u[k], it[k]) ? 1f : 0f;
        }
        EpochSource all = e -> EpochSamples.of(u, it, y, 1);
        List<float[]> dense;
        List<float[]> lazy;
        try (Model m = model(Blocks.neuMf(n, n, 3, 3, 0f, 4))) {
            NcfTrainer.builder().batchSize(n * n).epochs(3).learningRate(0.05f).build().fit(m, all);
            dense = weights(m);
        }
        try (Model m = model(Blocks.neuMf(n, n, 3, 3, 0f, 4))) {
            NcfTrainer.builder().batchSize(n * n).epochs(3).learningRate(0.05f).lazyEmbeddingUpdates(true).build()
                    .fit(m, all);
            lazy = weights(m);
        }
        for (int k = 0; k < dense.size(); k++) {
            float[] d = dense.get(k);
            float[] l = lazy.get(k);
            for (int j = 0; j < d.length; j++) {
                assertThat(l[j]).isCloseTo(d[j], within(1e-6f));
            }
        }
    }

    @Test
    void lazyAdam_leavesUntouchedRowsAlone() {
        // Only user 0 and items 0..1 appear; the other embedding rows must not move.
        EpochSource few = e -> EpochSamples.of(new int[] {0, 0}, new int[] {0, 1},
                new float[] {1, 0}, 2);
        try (Model m = model(Blocks.gmf(3, 4, 2))) {
            NcfTrainer.builder().batchSize(1).epochs(1).build().fit(m,
                    (EpochSource) e -> EpochSamples.of(new int[] {1, 2}, new int[] {2, 3}, new float[] {1, 0}, 2));
            List<float[]> before = weights(m);
            NcfTrainer.builder().batchSize(1).epochs(2).lazyEmbeddingUpdates(true).build().fit(m, few);
            List<float[]> after = weights(m);
            float[] userBefore = before.get(0);
            float[] userAfter = after.get(0);
            // user table is (3, 2): rows 1 and 2 untouched, row 0 moved
            assertThat(java.util.Arrays.copyOfRange(userAfter, 2, 6))
                    .containsExactly(java.util.Arrays.copyOfRange(userBefore, 2, 6));
            assertThat(java.util.Arrays.copyOfRange(userAfter, 0, 2))
                    .isNotEqualTo(java.util.Arrays.copyOfRange(userBefore, 0, 2));
        }
    }

    @Test
    void sgd_andAdagrad_train() {
        TinyData data = new TinyData(9, 9, 2, 6);
        for (OptimizerKind k : new OptimizerKind[] {OptimizerKind.SGD, OptimizerKind.ADAGRAD}) {
            try (Model m = model(Blocks.gmf(9, 9, 8))) {
                FitResult r = NcfTrainer.builder().batchSize(data.batchPositives).epochs(40).optimizer(k).learningRate(0.5f)
                        .build().fit(m, data);
                assertThat(r.meanLosses().get(39)).as(k.name()).isLessThan(r.meanLosses().get(0));
            }
        }
    }

    @Test
    void profile_splitsTheStepIntoPhases() {
        TinyData data = new TinyData(6, 6, 1, 4);
        try (Model m = model(Blocks.gmf(6, 6, 4))) {
            FitResult r = NcfTrainer.builder().batchSize(data.batchPositives).epochs(2).tuning(Tuning.builder().profile(true).build()).build().fit(m, data);
            assertThat(r.phaseSeconds()).containsOnlyKeys("sampling", "batchCreation", "forward",
                    "backward", "embeddingGradients", "optimizer");
            assertThat(r.phaseSeconds().get("forward")).isPositive();
            assertThat(r.phaseSeconds().get("optimizer")).isPositive();
        }
    }

    @Test
    void withoutProfile_onlySamplingIsTimed() {
        TinyData data = new TinyData(6, 6, 1, 4);
        try (Model m = model(Blocks.gmf(6, 6, 4))) {
            FitResult r = NcfTrainer.builder().batchSize(data.batchPositives).epochs(1).build().fit(m, data);
            assertThat(r.phaseSeconds()).containsOnlyKeys("sampling");
        }
    }

    @Test
    void medianEpochSeconds_isTheMiddleValue() {
        FitResult r = new FitResult(4, List.of(1.0, 1.0, 1.0, 1.0),
                List.of(5.0, 1.0, 3.0, 2.0), 4, false, java.util.Map.of());
        assertThat(r.medianEpochSeconds()).isEqualTo(2.5);
    }

    @Test
    void perBatchUpload_andEpochUpload_trainIdentically() {
        TinyData data = new TinyData(8, 8, 2, 5);
        List<Double> a;
        List<Double> b;
        try (Model m = model(Blocks.gmf(8, 8, 4))) {
            a = NcfTrainer.builder().batchSize(data.batchPositives).epochs(3).tuning(Tuning.builder().uploadEpochOnce(true).build()).build().fit(m, data).meanLosses();
        }
        try (Model m = model(Blocks.gmf(8, 8, 4))) {
            b = NcfTrainer.builder().batchSize(data.batchPositives).epochs(3).tuning(Tuning.builder().uploadEpochOnce(false).build()).build().fit(m, data).meanLosses();
        }
        assertThat(a).isEqualTo(b);
    }

    @Test
    void samplerSource_givesTheSamplersEpochs() {
        io.github.ncf.data.Interactions train = io.github.ncf.data.testing.Fixtures.band(10, 30, 6);
        NegativeSampler sampler = NegativeSampler.builder().train(train).numNegatives(3).seed(5).build();
        EpochSource source = EpochSource.of(sampler);
        EpochSamples e1 = source.sample(1);
        io.github.ncf.data.sampling.EpochSamples direct = sampler.sample(1);
        assertThat(e1.rowsPerPositive()).isEqualTo(4);
        assertThat(e1.users()).containsExactly(direct.users());
        assertThat(e1.items()).containsExactly(direct.items());
        assertThat(e1.labels()).containsExactly(direct.labels());
    }

    @Test
    void fit_ncfModelOnInteractions_trainsAndHandsTheModelToListeners() {
        io.github.ncf.data.Interactions train = io.github.ncf.data.testing.Fixtures.band(10, 30, 6);
        List<io.github.ncf.core.Scorer> scorers = new ArrayList<>();
        try (NcfModel model = NcfModel.create(Blocks.gmf(train.numUsers(), train.numItems(), 4), train)) {
            FitResult r = NcfTrainer.builder().epochs(2).negatives(2).batchSize(8)
                    .listener(new EpochListener() {
                        @Override
                        public void onEpochEnd(EpochEvent e) {
                            scorers.add(e.scorer());
                        }
                    }).build().fit(model, train);
            assertThat(r.epochsRun()).isEqualTo(2);
            assertThat(scorers).containsOnly(model);
        }
    }

    @Test
    void fit_block_infersSizesFromTheInteractions_andReturnsTheTrainedModel() {
        io.github.ncf.data.Interactions train = io.github.ncf.data.testing.Fixtures.band(10, 30, 6);
        try (NcfModel model = NcfTrainer.builder().epochs(1).batchSize(8).build()
                .fit(GMF.builder().embeddingDim(4).build(), train)) {
            assertThat(model.numUsers()).isEqualTo(train.numUsers());
            assertThat(model.numItems()).isEqualTo(train.numItems());
            assertThat(model.provenance()).containsEntry("epochsRun", "1");
        }
    }

    @Test
    void fit_blockWithDisagreeingSize_isRejectedNamingBoth() {
        io.github.ncf.data.Interactions train = io.github.ncf.data.testing.Fixtures.band(10, 30, 6);
        NcfTrainer trainer = NcfTrainer.builder().epochs(1).build();
        assertThatThrownBy(() -> trainer.fit(GMF.builder().numItems(7).build(), train))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numItems 7").hasMessageContaining(train.numItems() + " items");
    }

    @Test
    void runSeed_drivesInitNegativesAndDropout_andEachCanBeOverridden() {
        io.github.ncf.data.Interactions train = io.github.ncf.data.testing.Fixtures.band(10, 30, 6);
        NcfBlock mlp = MLP.builder().embeddingDim(4).layers(8, 4).dropout(0.3).build();
        List<List<Double>> runs = new ArrayList<>();
        for (NcfTrainer t : List.of(NcfTrainer.builder().epochs(2).batchSize(8).seed(3).build(),
                NcfTrainer.builder().epochs(2).batchSize(8).seed(3).build(),
                NcfTrainer.builder().epochs(2).batchSize(8).seed(4).build(),
                NcfTrainer.builder().epochs(2).batchSize(8).seed(3).samplingSeed(9).build(),
                NcfTrainer.builder().epochs(2).batchSize(8).seed(3).dropoutSeed(9).build())) {
            try (NcfModel model = t.fit(mlp, train)) {
                runs.add(List.of(Double.valueOf(model.block().seed()),
                        Double.valueOf(weightSum(model))));
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
        assertThat(runs.get(0).get(0)).isEqualTo(3.0);
        assertThat(runs.get(2).get(0)).isEqualTo(4.0);
        assertThat(runs.get(2).get(1)).isNotEqualTo(runs.get(0).get(1));
        assertThat(runs.get(3).get(0)).isEqualTo(3.0);
        assertThat(runs.get(3).get(1)).isNotEqualTo(runs.get(0).get(1));
        assertThat(runs.get(4).get(0)).isEqualTo(3.0);
        assertThat(runs.get(4).get(1)).isNotEqualTo(runs.get(0).get(1));
    }

    @Test
    void fit_block_equalsCreateThenFit_withTheRunSeedAsTheBlockSeed() {
        io.github.ncf.data.Interactions train = io.github.ncf.data.testing.Fixtures.band(10, 30, 6);
        NcfTrainer t = NcfTrainer.builder().epochs(2).batchSize(8).seed(5).build();
        double oneStep;
        double twoSteps;
        try (NcfModel model = t.fit(MLP.builder().embeddingDim(4).layers(8, 4).build(), train)) {
            oneStep = weightSum(model);
        }
        try (NcfModel model = NcfModel.create(MLP.builder().embeddingDim(4).layers(8, 4).seed(5).build(),
                train)) {
            t.fit(model, train);
            twoSteps = weightSum(model);
        }
        assertThat(oneStep).isEqualTo(twoSteps);
    }

    @Test
    void blockSeed_setOnTheBuilder_winsOverTheRunSeed() {
        io.github.ncf.data.Interactions train = io.github.ncf.data.testing.Fixtures.band(10, 30, 6);
        try (NcfModel model = NcfTrainer.builder().epochs(1).seed(3).build()
                .fit(GMF.builder().embeddingDim(4).seed(11).build(), train)) {
            assertThat(model.block().seed()).isEqualTo(11);
        }
    }

    @Test
    void batchSize_zero_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().batchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize")
                .hasMessageContaining("0");
    }

    @Test
    void negatives_zero_isRejected() {
        assertThatThrownBy(() -> NcfTrainer.builder().negatives(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("negatives must be >= 1, got 0");
    }

    /** A fingerprint of the trained weights: the sum of every parameter's values. */
    private static double weightSum(NcfModel model) {
        double sum = 0;
        for (Parameter p : model.block().getParameters().values()) {
            for (float v : p.getArray().toFloatArray()) {
                sum += v;
            }
        }
        return sum;
    }
}
