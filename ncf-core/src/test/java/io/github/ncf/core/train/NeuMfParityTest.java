package io.github.ncf.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CI guard of quality parity: NeuMF in the reference configuration, trained 10 epochs on
 * MovieLens-100k with one seed through the library path ({@code NcfTrainer},
 * {@code NcfModel}), must clear a floor (full-ranking HR@10 >= 0.10, sampled HR@10 >=
 * 0.60), with torch's kernels and with the fused Java step. The default path: {@code NcfTrainer.fit(model, train)} draws the negatives itself. Skipped when NCF_DATA_DIR does not hold ml-100k.
 */
class NeuMfParityTest {

    @ParameterizedTest
    @EnumSource(TrainingKernels.class)
    void neuMf_referenceConfig_tenEpochs_clearsTheHitRateFloor(TrainingKernels kernels) throws Exception {
        Ml100kHarness h = Ml100kHarness.loadOrSkip("ML-100k parity test");
        Engines.start();
        long seed = 1;
        try (NcfModel model = NcfModel.create(NeuMF.builder().seed(seed).build(), h.train)) {
            FitResult r = NcfTrainer.builder().epochs(10).batchSize(256).negatives(4).seed(seed)
                    .kernels(kernels).build().fit(model, h.train);
            double[] m = h.evaluate(model, seed);
            System.out.printf("NeuMF seed %d, %s kernels: loss %s, full HR@10 %.4f NDCG@10 %.4f, sampled HR@10"
                    + " %.4f NDCG@10 %.4f, s/epoch %s%n", seed, kernels, r.meanLosses(), m[0], m[1], m[2], m[3],
                    r.epochSeconds());
            assertThat(m[0]).as("full-ranking HR@10").isGreaterThanOrEqualTo(0.10);
            assertThat(m[2]).as("sampled HR@10").isGreaterThanOrEqualTo(0.60);
        }
    }
}
