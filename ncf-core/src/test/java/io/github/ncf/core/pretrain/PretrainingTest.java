package io.github.ncf.core.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.nn.Parameter;
import io.github.ncf.core.Engines;
import io.github.ncf.core.model.Fixtures;
import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.data.Interactions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PretrainingTest {

    private static final int USERS = 23;
    private static final int ITEMS = 31;
    private static Interactions data;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(USERS, ITEMS, 3, 11);
    }

    private static GMF gmf() {
        return GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(6).seed(5).build();
    }

    private static MLP mlp() {
        return MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).layers(16, 8, 4)
                .dropout(0.2).seed(6).build();
    }

    /** Stands in for training: spreads all parameters so that logits differ across pairs. */
    private static void perturb(NcfBlock block, float factor) {
        for (Parameter p : block.getParameters().values()) {
            float[] v = p.getArray().toFloatArray();
            boolean embedding = block.embeddingParameters().contains(p);
            for (int k = 0; k < v.length; k++) {
                v[k] = (embedding ? v[k] * factor : v[k])
                        + 0.01f * ((k * 31 + p.getName().length()) % 7 - 3);
            }
            block.setParameterValues(p.getName(), v);
        }
    }

    private static float[] allScores(NcfModel model) {
        int[] users = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = u;
        }
        float[] out = new float[USERS * ITEMS];
        model.scoreAllItems(users, out);
        // also through the plain forward, on every pair
        int[] u = new int[USERS * ITEMS];
        int[] i = new int[u.length];
        for (int k = 0; k < u.length; k++) {
            u[k] = k / ITEMS;
            i[k] = k % ITEMS;
        }
        float[] plain = new float[u.length];
        model.score(u, i, plain);
        for (int k = 0; k < plain.length; k++) {
            assertThat(out[k]).isCloseTo(plain[k], within(1e-5f));
        }
        return plain;
    }

    @Test
    void transplantedNeuMF_logitIsAlphaMixOfTheParts() {
        for (double alpha : new double[] {0.5, 0.3}) {
            try (NcfModel g = NcfModel.create(gmf(), data); NcfModel m = NcfModel.create(mlp(), data)) {
                perturb(g.block(), 30f);
                perturb(m.block(), 30f);
                float[] gs = allScores(g);
                float[] ms = allScores(m);
                try (NcfModel n = Pretraining.builder().alpha(alpha).build().transplant(g, m)) {
                    assertThat(n.block()).isInstanceOf(NeuMF.class);
                    float[] ns = allScores(n);
                    double spread = 0;
                    for (int k = 0; k < ns.length; k++) {
                        assertThat(ns[k]).as("alpha " + alpha + " pair " + k)
                                .isCloseTo((float) (alpha * gs[k] + (1 - alpha) * ms[k]), within(1e-5f));
                        spread = Math.max(spread, Math.abs(ns[k] - ns[0]));
                    }
                    assertThat(spread).isGreaterThan(0.01);
                }
            }
        }
    }

    @Test
    void laterChangesToTheSources_doNotReachTheNeuMF() {
        NcfModel g = NcfModel.create(gmf(), data);
        NcfModel m = NcfModel.create(mlp(), data);
        NcfModel n = null;
        try {
            perturb(g.block(), 30f);
            perturb(m.block(), 30f);
            n = Pretraining.builder().build().transplant(g, m);
            float[] before = allScores(n);
            perturb(g.block(), 2f);
            perturb(m.block(), 2f);
            assertThat(allScores(n)).containsExactly(before);
            g.close();
            m.close();
            assertThat(allScores(n)).containsExactly(before);
        } finally {
            g.close();
            m.close();
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void matchingNeuMF_takesItsShapeFromTheParts() {
        NeuMF n = Pretraining.matchingNeuMF(gmf(), mlp(), 1);
        assertThat(n.gmfDim()).isEqualTo(6);
        assertThat(n.mlpDim()).isEqualTo(8);
        assertThat(n.mlpLayers()).containsExactly(16, 8, 4);
        assertThat(n.dropout()).isEqualTo(0.2f);
    }

    @Test
    void transplant_mismatchedGmfDim_isRejected() {
        try (NcfModel g = NcfModel.create(gmf(), data); NcfModel m = NcfModel.create(mlp(), data);
                NcfModel n = NcfModel.create(NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(7)
                        .mlpDim(8).mlpLayers(16, 8, 4).build(), data)) {
            assertThatThrownBy(() -> Pretraining.builder().build().transplant((GMF) g.block(),
                    (MLP) m.block(), (NeuMF) n.block()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("target gmfDim must equal the GMF's embeddingDim 6, got 7");
        }
    }

    @Test
    void transplant_mismatchedLayers_isRejected() {
        try (NcfModel g = NcfModel.create(gmf(), data); NcfModel m = NcfModel.create(mlp(), data);
                NcfModel n = NcfModel.create(NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(6)
                        .mlpDim(8).mlpLayers(16, 8).build(), data)) {
            assertThatThrownBy(() -> Pretraining.builder().build().transplant((GMF) g.block(),
                    (MLP) m.block(), (NeuMF) n.block()))
                    .hasMessageContaining("target mlpLayers must equal the MLP's layers [16, 8, 4]");
        }
    }

    @Test
    void transplant_partsWithDifferentItems_isRejected() {
        Interactions other = Fixtures.random(USERS, ITEMS + 1, 3, 11);
        try (NcfModel g = NcfModel.create(gmf(), data);
                NcfModel m = NcfModel.create(MLP.builder().numUsers(USERS).numItems(ITEMS + 1)
                        .build(), other)) {
            assertThatThrownBy(() -> Pretraining.builder().build().transplant(g, m))
                    .hasMessageContaining("share user and item id mappings");
            assertThatThrownBy(() -> Pretraining.builder().build().transplant(m, g))
                    .hasMessageContaining("gmfModel must hold a gmf block, got mlp");
        }
    }

    @Test
    void alpha_outsideZeroToOne_isRejected() {
        assertThatThrownBy(() -> Pretraining.builder().alpha(1.5))
                .hasMessage("alpha must be in [0, 1], got 1.5");
        assertThat(Pretraining.builder().build().alpha()).isEqualTo(0.5);
    }

    @Test
    void transplant_intoAGivenNeuMF_whoseGmfDimDiffers_isRejectedNamingBoth() {
        try (NcfModel g = NcfModel.create(gmf(), data); NcfModel m = NcfModel.create(mlp(), data)) {
            NeuMF intended = NeuMF.builder().mlpDim(8).mlpLayers(16, 8, 4).build(); // gmfDim 32 by default
            assertThatThrownBy(() -> Pretraining.builder().build().transplant(g, m, intended))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NeuMF gmfDim 32 differs from the pretrained GMF's embeddingDim 6");
        }
    }

    @Test
    void transplant_intoAGivenNeuMF_keepsItsDropoutAndTheParts() {
        try (NcfModel g = NcfModel.create(gmf(), data); NcfModel m = NcfModel.create(mlp(), data)) {
            NeuMF intended = NeuMF.builder().gmfDim(6).mlpDim(8).mlpLayers(16, 8, 4).dropout(0.1).build();
            try (NcfModel n = Pretraining.builder().build().transplant(g, m, intended)) {
                NeuMF block = (NeuMF) n.block();
                assertThat(block.gmfDim()).isEqualTo(6);
                assertThat(block.dropout()).isEqualTo(0.1f);
                assertThat(block.numUsers()).isEqualTo(USERS);
            }
        }
    }
}
