package io.github.ncf.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.core.Engines;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.pretrain.Pretraining;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Does pretraining help on MovieLens-100k? For 3 seeds: GMF (dim 32) and MLP (emb 64, 128-64-32,
 * dropout 0.2) trained 10 epochs with Adam, transplanted into NeuMF (alpha 0.5), then fine-tuned 10
 * epochs with Adam (0.001) and, as the paper does, with plain SGD (0.001). Prints HR@10 / NDCG@10 of
 * the transplant before fine-tuning and after each fine-tuning; the mean must clear the CI floor.
 * Runs only with NCF_PARITY_FULL=1 and NCF_DATA_DIR holding ml-100k (about 10 minutes).
 */
class PretrainingFiguresTest {

    @Test
    void pretrainedNeuMf_threeSeeds_figures() throws Exception {
        Optional<Path> dir = Ml100kHarness.dataDir();
        Assumptions.assumeTrue(dir.isPresent() && "1".equals(System.getenv("NCF_PARITY_FULL")),
                "set NCF_PARITY_FULL=1 and NCF_DATA_DIR (with ml-100k) to run the pretraining figures");
        Engines.start();
        Ml100kHarness h = Ml100kHarness.load(dir.get());
        long[] seeds = {1, 2, 3};
        String[] names = {"transplant", "fine-tune Adam", "fine-tune SGD"};
        double[][] mean = new double[3][4];
        for (long seed : seeds) {
            io.github.ncf.data.Interactions data = h.train;
            NcfTrainer adam = NcfTrainer.builder().epochs(10).seed(seed).build();
            try (NcfModel gmf = NcfModel.create(Blocks.gmf(h.numUsers, h.numItems, 32, seed), h.train);
                    NcfModel mlp = NcfModel.create(
                            Blocks.mlp(seed, h.numUsers, h.numItems, 64, 0.2f, 128, 64, 32), h.train)) {
                adam.fit(gmf, data);
                adam.fit(mlp, data);
                Pretraining pre = Pretraining.builder().build();
                for (int v = 0; v < 3; v++) {
                    try (NcfModel neumf = pre.transplant(gmf, mlp)) {
                        if (v == 1) {
                            adam.fit(neumf, data);
                        } else if (v == 2) {
                            NcfTrainer.builder().epochs(10).seed(seed).optimizer(OptimizerKind.SGD)
                                    .learningRate(0.001f).build().fit(neumf, data);
                        }
                        double[] m = h.evaluate(neumf, seed);
                        System.out.printf(Locale.ROOT, "PRETRAIN seed %d %s: full HR@10 %.4f NDCG@10 %.4f |"
                                + " sampled HR@10 %.4f NDCG@10 %.4f%n", seed, names[v], m[0], m[1], m[2], m[3]);
                        for (int k = 0; k < 4; k++) {
                            mean[v][k] += m[k] / seeds.length;
                        }
                    }
                }
            }
        }
        for (int v = 0; v < 3; v++) {
            System.out.printf(Locale.ROOT, "PRETRAIN mean %s: full HR@10 %.4f NDCG@10 %.4f | sampled HR@10"
                    + " %.4f NDCG@10 %.4f%n", names[v], mean[v][0], mean[v][1], mean[v][2], mean[v][3]);
        }
        assertThat(mean[1][0]).as("fine-tuned (Adam) full HR@10").isGreaterThanOrEqualTo(0.10);
        assertThat(mean[1][2]).as("fine-tuned (Adam) sampled HR@10").isGreaterThanOrEqualTo(0.60);
    }
}
