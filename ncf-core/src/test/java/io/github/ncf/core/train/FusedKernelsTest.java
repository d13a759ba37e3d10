package io.github.ncf.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import io.github.ncf.core.Engines;
import io.github.ncf.core.model.MF;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.train.internal.Tuning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fused Java step ({@link TrainingKernels#JAVA}) computes the torch path's mathematics: with the
 * same initial weights, negatives and dropout masks, its losses and weights after several epochs
 * equal the torch path's up to float rounding, for every model, optimizer and pass layout.
 */
class FusedKernelsTest {

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    /** One fit's epoch losses and final weights. */
    private record Run(List<Double> losses, Map<String, float[]> weights) {
    }

    private static Run fit(Supplier<NcfBlock> block, NcfTrainer.Builder trainer, TrainingKernels kernels,
            TinyData data, int rowsPerPass) {
        try (Model m = Model.newInstance("t")) {
            m.setBlock(block.get());
            FitResult r = trainer.batchSize(data.batchPositives).epochs(3).seed(5).kernels(kernels)
                    .tuning(Tuning.builder().rowsPerPass(rowsPerPass).build()).build().fit(m, data);
            Map<String, float[]> w = new LinkedHashMap<>();
            for (Parameter p : m.getBlock().getParameters().values()) {
                w.put(p.getName(), p.getArray().toFloatArray());
            }
            return new Run(r.meanLosses(), w);
        }
    }

    /** Asserts the two paths agree to {@code tolerance} relative to each array's largest value. */
    private static void assertSameTraining(Supplier<NcfBlock> block, Supplier<NcfTrainer.Builder> trainer,
            TinyData data, int rowsPerPass, double tolerance) {
        Run torch = fit(block, trainer.get(), TrainingKernels.TORCH, data, rowsPerPass);
        Run java = fit(block, trainer.get(), TrainingKernels.JAVA, data, rowsPerPass);
        for (int e = 0; e < torch.losses().size(); e++) {
            assertThat(java.losses().get(e)).as("epoch %d loss", e + 1)
                    .isCloseTo(torch.losses().get(e), org.assertj.core.data.Offset.offset(
                            tolerance * Math.abs(torch.losses().get(e))));
        }
        assertThat(java.weights().keySet()).isEqualTo(torch.weights().keySet());
        for (String name : torch.weights().keySet()) {
            assertClose(name + ", torch against Java", torch.weights().get(name), java.weights().get(name),
                    tolerance);
        }
    }

    /** Asserts that no value of {@code actual} is further from {@code expected} than tolerance times its largest value. */
    private static void assertClose(String what, float[] expected, float[] actual, double tolerance) {
        double scale = 0;
        double diff = 0;
        for (int k = 0; k < expected.length; k++) {
            scale = Math.max(scale, Math.abs(expected[k]));
            diff = Math.max(diff, Math.abs(expected[k] - actual[k]));
        }
        assertThat(diff).as("largest difference in %s (largest value %s)", what, scale)
                .isLessThanOrEqualTo(tolerance * scale);
    }

    @Test
    void neuMf_withOddSizes_matchesTorch_inOneAndInManyPasses() {
        TinyData data = new TinyData(10, 9, 3, 4);
        for (int rowsPerPass : new int[] {1 << 16, 8}) {
            assertSameTraining(() -> Blocks.neuMf(10, 9, 3, 5, 0.2f, 8, 4),
                    () -> NcfTrainer.builder().learningRate(0.01f), data, rowsPerPass, 1e-4);
        }
    }

    @Test
    void neuMf_atTheReferenceSizes_matchesTorch_overSeveralBlocksPerPass() {
        // 70 positives per batch: 350 rows, more than one block of the fused step.
        TinyData data = new TinyData(60, 90, 4, 70);
        assertSameTraining(() -> Blocks.neuMf(60, 90, 32, 64, 0.2f, 128, 64, 32),
                () -> NcfTrainer.builder(), data, 1 << 16, 1e-4);
        assertSameTraining(() -> Blocks.neuMf(60, 90, 32, 64, 0.2f, 128, 64, 32),
                () -> NcfTrainer.builder(), data, 100, 1e-4);
    }

    @Test
    void gmfAndMlp_matchTorch() {
        TinyData data = new TinyData(10, 9, 3, 4);
        assertSameTraining(() -> Blocks.gmf(10, 9, 5), () -> NcfTrainer.builder().learningRate(0.01f), data,
                8, 1e-4);
        assertSameTraining(() -> Blocks.mlp(10, 9, 3, 0.2f, 6, 3),
                () -> NcfTrainer.builder().learningRate(0.01f), data, 8, 1e-4);
        TinyData wide = new TinyData(40, 50, 4, 30);
        assertSameTraining(() -> Blocks.gmf(40, 50, 48), () -> NcfTrainer.builder().learningRate(0.01f), wide,
                1 << 16, 1e-4);
        assertSameTraining(() -> Blocks.mlp(40, 50, 40, 0.1f, 80, 48, 24),
                () -> NcfTrainer.builder().learningRate(0.01f), wide, 1 << 16, 1e-4);
    }

    @Test
    void l2_lazyAdam_sgdAndAdagrad_matchTorch() {
        TinyData data = new TinyData(10, 9, 3, 4);
        assertSameTraining(() -> Blocks.neuMf(10, 9, 3, 5, 0.2f, 8, 4),
                () -> NcfTrainer.builder().learningRate(0.01f).l2(0.01f), data, 8, 1e-4);
        assertSameTraining(() -> Blocks.neuMf(10, 9, 3, 5, 0.2f, 8, 4),
                () -> NcfTrainer.builder().learningRate(0.01f).lazyEmbeddingUpdates(true), data, 8, 1e-4);
        for (OptimizerKind k : new OptimizerKind[] {OptimizerKind.SGD, OptimizerKind.ADAGRAD}) {
            assertSameTraining(() -> Blocks.neuMf(10, 9, 3, 5, 0.2f, 8, 4),
                    () -> NcfTrainer.builder().learningRate(0.1f).optimizer(k).l2(0.01f), data, 8, 1e-4);
        }
    }

    @Test
    void aRun_isRepeatable_bitForBit() {
        // Bits must not depend on what the JIT has compiled yet: the first fit of a JVM runs partly
        // interpreted, the second compiled.
        TinyData data = new TinyData(60, 90, 4, 70);
        Supplier<NcfBlock> block = () -> Blocks.neuMf(60, 90, 32, 64, 0.2f, 128, 64, 32);
        Run first = fit(block, NcfTrainer.builder(), TrainingKernels.JAVA, data, 1 << 16);
        Run again = fit(block, NcfTrainer.builder(), TrainingKernels.JAVA, data, 1 << 16);
        assertThat(again.losses()).isEqualTo(first.losses());
        for (String name : first.weights().keySet()) {
            assertThat(again.weights().get(name)).as(name).containsExactly(first.weights().get(name));
        }
    }

    @Test
    void twoThreads_areDeterministic_andAgreeWithOneThread() {
        // 70 positives per batch: 350 rows, two blocks, one per thread; lazy Adam checks the merged
        // touched rows too.
        TinyData data = new TinyData(60, 90, 4, 70);
        Supplier<NcfBlock> block = () -> Blocks.neuMf(60, 90, 32, 64, 0.2f, 128, 64, 32);
        for (boolean lazy : new boolean[] {false, true}) {
            Run one = fit(block, NcfTrainer.builder().lazyEmbeddingUpdates(lazy), TrainingKernels.JAVA, data,
                    1 << 16);
            Run two = fit(block, NcfTrainer.builder().lazyEmbeddingUpdates(lazy).threads(2), TrainingKernels.JAVA,
                    data, 1 << 16);
            Run twoAgain = fit(block, NcfTrainer.builder().lazyEmbeddingUpdates(lazy).threads(2),
                    TrainingKernels.JAVA, data, 1 << 16);
            assertThat(twoAgain.losses()).isEqualTo(two.losses());
            for (String name : two.weights().keySet()) {
                assertThat(twoAgain.weights().get(name)).as(name).containsExactly(two.weights().get(name));
                assertClose(name + ", one thread against two", one.weights().get(name), two.weights().get(name),
                        1e-4);
            }
        }
    }

    @Test
    void modelsTheStepDoesNotCover_failWithTheReason() {
        TinyData data = new TinyData(10, 9, 3, 4);
        try (Model m = Model.newInstance("t")) {
            m.setBlock(MF.builder().numUsers(10).numItems(9).dim(3).seed(2).build());
            NcfTrainer trainer = NcfTrainer.builder().kernels(TrainingKernels.JAVA).epochs(1).build();
            assertThatThrownBy(() -> trainer.fit(m, data)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("GMF, MLP and NeuMF").hasMessageContaining("TrainingKernels.TORCH");
        }
    }
}
