package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InitializationTest {

    private static Interactions data;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(400, 300, 2, 1);
    }

    private static double[] stats(float[] v) {
        double sum = 0;
        double sq = 0;
        double maxAbs = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        double mean = sum / v.length;
        return new double[] {mean, Math.sqrt(sq / v.length - mean * mean), maxAbs};
    }

    @Test
    void embeddings_areNormalWithStd001() {
        NeuMF block = NeuMF.builder().numUsers(400).numItems(300).build();
        try (NcfModel model = NcfModel.create(block, data)) {
            for (var p : model.block().embeddingParameters()) {
                double[] s = stats(p.getArray().toFloatArray());
                assertThat(s[0]).as(p.getName() + " mean").isCloseTo(0, within(0.0005));
                assertThat(s[1]).as(p.getName() + " std").isCloseTo(0.01, within(0.0005));
            }
        }
    }

    @Test
    void linearWeights_areXavierUniformWithTorchBound() {
        NeuMF block = NeuMF.builder().numUsers(400).numItems(300).build();
        try (NcfModel model = NcfModel.create(block, data)) {
            // mlp_layer1_weight is (128, 128): torch's bound sqrt(6 / (128 + 128)).
            double bound = Math.sqrt(6.0 / (128 + 128));
            double[] s = stats(model.block().parameter("mlp_layer1_weight").getArray().toFloatArray());
            assertThat(s[2]).isLessThanOrEqualTo(bound).isGreaterThan(0.98 * bound);
            assertThat(s[1]).isCloseTo(bound / Math.sqrt(3), within(0.01 * bound));
            // output_weight is (1, 32 + 32)
            double outBound = Math.sqrt(6.0 / (64 + 1));
            double[] o = stats(model.block().parameter("output_weight").getArray().toFloatArray());
            assertThat(o[2]).isLessThanOrEqualTo(outBound).isGreaterThan(0.8 * outBound);
        }
    }

    @Test
    void biases_areUniformWithinOneOverSqrtFanIn() {
        NeuMF block = NeuMF.builder().numUsers(400).numItems(300).build();
        try (NcfModel model = NcfModel.create(block, data)) {
            double bound = 1 / Math.sqrt(128);
            double[] s = stats(model.block().parameter("mlp_layer1_bias").getArray().toFloatArray());
            assertThat(s[2]).isLessThanOrEqualTo(bound).isGreaterThan(0.8 * bound);
            double[] s2 = stats(model.block().parameter("mlp_layer3_bias").getArray().toFloatArray());
            assertThat(s2[2]).isLessThanOrEqualTo(1 / Math.sqrt(64)).isGreaterThan(0);
        }
    }

    @Test
    void sameSeed_givesSameInitialValues_otherSeedDiffers() {
        NeuMF a = NeuMF.builder().numUsers(400).numItems(300).seed(7).build();
        NeuMF b = NeuMF.builder().numUsers(400).numItems(300).seed(7).build();
        NeuMF c = NeuMF.builder().numUsers(400).numItems(300).seed(8).build();
        try (NcfModel ma = NcfModel.create(a, data); NcfModel mb = NcfModel.create(b, data);
                NcfModel mc = NcfModel.create(c, data)) {
            for (String name : a.getParameters().keys()) {
                float[] va = ma.block().parameter(name).getArray().toFloatArray();
                assertThat(mb.block().parameter(name).getArray().toFloatArray()).as(name)
                        .containsExactly(va);
                assertThat(mc.block().parameter(name).getArray().toFloatArray()).as(name)
                        .isNotEqualTo(va);
            }
        }
    }
}
