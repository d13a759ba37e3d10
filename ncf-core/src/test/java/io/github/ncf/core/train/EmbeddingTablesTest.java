package io.github.ncf.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import io.github.ncf.core.Engines;
import io.github.ncf.core.model.MF;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.train.internal.Tuning;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedding tables' row-sparse gradients and Java updates ({@link EmbeddingTables}) must give
 * the very floats of torch's dense embedding gradients and {@link TorchOptimizer}'s kernels: same
 * losses and same weights, bit for bit, for every model, optimizer and mode.
 */
class EmbeddingTablesTest {

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    /** Losses of every epoch, then every parameter's values, of one fit. */
    private static List<Object> fit(Supplier<NcfBlock> block, NcfTrainer.Builder trainer,
            boolean javaUpdates, int rowsPerPass) {
        // 10 users and 9 items with dims of 3 to 5: table sizes that are not multiples of the
        // native kernels' vector width, so their scalar tails are compared too.
        TinyData data = new TinyData(10, 9, 3, 4);
        List<Object> out = new ArrayList<>();
        try (Model m = Model.newInstance("t")) {
            m.setBlock(block.get());
            FitResult r = trainer.batchSize(data.batchPositives).epochs(3).seed(5)
                    .tuning(Tuning.builder().javaEmbeddingUpdates(javaUpdates)
                            .rowsPerPass(rowsPerPass).build())
                    .build().fit(m, data);
            out.add(r.meanLosses());
            for (Parameter p : m.getBlock().getParameters().values()) {
                out.add(p.getName() + "=" + java.util.Arrays.toString(p.getArray().toFloatArray()));
            }
        }
        return out;
    }

    private static void assertBitIdentical(Supplier<NcfBlock> block, Supplier<NcfTrainer.Builder> trainer,
            int rowsPerPass) {
        List<Object> torch = fit(block, trainer.get(), false, rowsPerPass);
        List<Object> java = fit(block, trainer.get(), true, rowsPerPass);
        assertThat(java).as("losses and weights with Java embedding updates").isEqualTo(torch);
    }

    @Test
    void adam_neuMf_isBitIdenticalToTorchsDenseGradients_inOneAndInManyPasses() {
        for (int rowsPerPass : new int[] {1 << 16, 8}) {
            assertBitIdentical(() -> Blocks.neuMf(10, 9, 3, 5, 0.2f, 8, 4),
                    () -> NcfTrainer.builder().learningRate(0.01f), rowsPerPass);
        }
    }

    @Test
    void adam_gmfMlpAndMf_areBitIdenticalToTorchsDenseGradients() {
        assertBitIdentical(() -> Blocks.gmf(10, 9, 5), () -> NcfTrainer.builder().learningRate(0.01f),
                8);
        assertBitIdentical(() -> Blocks.mlp(10, 9, 3, 0.2f, 6, 3),
                () -> NcfTrainer.builder().learningRate(0.01f), 8);
        assertBitIdentical(() -> MF.builder().numUsers(10).numItems(9).dim(3).seed(2).build(),
                () -> NcfTrainer.builder().learningRate(0.01f), 8);
    }

    @Test
    void l2_lazyAdam_sgdAndAdagrad_areBitIdenticalToTorchsDenseGradients() {
        assertBitIdentical(() -> Blocks.neuMf(10, 9, 3, 5, 0f, 8, 4),
                () -> NcfTrainer.builder().learningRate(0.01f).l2(0.01f), 8);
        assertBitIdentical(() -> Blocks.neuMf(10, 9, 3, 5, 0f, 8, 4),
                () -> NcfTrainer.builder().learningRate(0.01f).lazyEmbeddingUpdates(true), 8);
        assertBitIdentical(() -> Blocks.neuMf(10, 9, 3, 5, 0f, 8, 4),
                () -> NcfTrainer.builder().learningRate(0.01f).lazyEmbeddingUpdates(true).l2(0.01f), 8);
        for (OptimizerKind k : new OptimizerKind[] {OptimizerKind.SGD, OptimizerKind.ADAGRAD}) {
            assertBitIdentical(() -> Blocks.neuMf(10, 9, 3, 5, 0f, 8, 4),
                    () -> NcfTrainer.builder().learningRate(0.1f).optimizer(k).l2(0.01f), 8);
        }
    }
}
