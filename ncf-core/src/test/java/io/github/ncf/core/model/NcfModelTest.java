package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NcfModelTest {

    private static final int USERS = 37;
    private static final int ITEMS = 53;
    private static Interactions data;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(USERS, ITEMS, 3, 5);
    }

    static List<NcfBlock> blocks() {
        return List.of(
                GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).seed(1).build(),
                MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).layers(16, 8, 4)
                        .seed(2).build(),
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(4).mlpDim(8)
                        .mlpLayers(16, 8, 4).seed(3).build());
    }

    /** Makes the output depend visibly on the inputs: the reference init gives tiny logits. */
    static void scaleEmbeddings(NcfBlock block, float factor) {
        for (var p : block.embeddingParameters()) {
            float[] v = p.getArray().toFloatArray();
            for (int k = 0; k < v.length; k++) {
                v[k] *= factor;
            }
            block.setParameterValues(p.getName(), v);
        }
    }

    /** The plain (unfactorised) forward pass in inference mode, the reference for scoring. */
    static float[] plainForward(NcfModel model, int[] users, int[] items) {
        try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
            return NcfBlock.withoutGradient(() -> model.block().forward(new ParameterStore(m, false),
                    new NDList(m.create(users), m.create(items)), false)).head().toFloatArray();
        }
    }

    @Test
    void forward_givesOneLogitPerPair() {
        for (NcfBlock block : blocks()) {
            try (NcfModel model = NcfModel.create(block, data);
                    NDManager m = model.djlModel().getNDManager().newSubManager()) {
                NDList out = NcfBlock.withoutGradient(() -> block.forward(new ParameterStore(m, false),
                        new NDList(m.create(new int[] {0, 1, 2, 36, 5}),
                                m.create(new int[] {0, 52, 3, 4, 5})), false));
                assertThat(out).hasSize(1);
                assertThat(out.head().getShape().getShape()).as(block.kind()).containsExactly(5L);
                assertThat(block.getOutputShapes(new ai.djl.ndarray.types.Shape[] {
                        new ai.djl.ndarray.types.Shape(5), new ai.djl.ndarray.types.Shape(5)})[0]
                        .getShape()).containsExactly(5L);
            }
        }
    }

    @Test
    void forward_withThreeInputs_isRejected() {
        NcfBlock block = blocks().get(0);
        try (NcfModel model = NcfModel.create(block, data);
                NDManager m = model.djlModel().getNDManager().newSubManager()) {
            NDArray a = m.create(new int[] {0});
            assertThatThrownBy(() -> block.forward(new ParameterStore(m, false), new NDList(a, a, a),
                    false)).hasMessageContaining("expects NDList(users, items), got 3 arrays");
        }
    }

    @Test
    void dropout_actsInTrainingOnly() {
        MLP block = MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).layers(64, 32)
                .dropout(0.5).build();
        try (NcfModel model = NcfModel.create(block, data);
                NDManager m = model.djlModel().getNDManager().newSubManager()) {
            scaleEmbeddings(block, 100f);
            NDList in = new NDList(m.create(new int[] {1, 2, 3}), m.create(new int[] {4, 5, 6}));
            float[] a = NcfBlock.withoutGradient(() -> block.forward(new ParameterStore(m, false), in,
                    false)).head().toFloatArray();
            float[] b = NcfBlock.withoutGradient(() -> block.forward(new ParameterStore(m, false), in,
                    false)).head().toFloatArray();
            assertThat(b).containsExactly(a);
            boolean differs = false;
            for (int k = 0; k < 5 && !differs; k++) {
                float[] t = NcfBlock.withoutGradient(() -> block.forward(new ParameterStore(m, false),
                        in, true)).head().toFloatArray();
                differs = !java.util.Arrays.equals(a, t);
            }
            assertThat(differs).as("dropout changes the output in training").isTrue();
            float[] viaScorer = new float[3];
            model.score(new int[] {1, 2, 3}, new int[] {4, 5, 6}, viaScorer);
            for (int k = 0; k < a.length; k++) {
                assertThat(viaScorer[k]).as("pair " + k).isCloseTo(a[k], within(1e-5f));
            }
        }
    }

    @Test
    void factorisedScoring_equalsPlainForward() {
        for (NcfBlock block : blocks()) {
            try (NcfModel model = NcfModel.create(block, data)) {
                scaleEmbeddings(block, 50f);
                int[] users = {0, 5, 36, 17, 5};
                float[] fast = new float[users.length * ITEMS];
                model.scoreAllItems(users, fast);
                int[] u = new int[users.length * ITEMS];
                int[] it = new int[u.length];
                for (int b = 0; b < users.length; b++) {
                    for (int i = 0; i < ITEMS; i++) {
                        u[b * ITEMS + i] = users[b];
                        it[b * ITEMS + i] = i;
                    }
                }
                float[] plain = plainForward(model, u, it);
                double spread = 0;
                for (int k = 0; k < plain.length; k++) {
                    assertThat(fast[k]).as(block.kind() + " pair " + k).isCloseTo(plain[k],
                            within(1e-5f));
                    spread = Math.max(spread, Math.abs(plain[k] - plain[0]));
                }
                assertThat(spread).as("scores vary, so the comparison means something")
                        .isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void factorisedScoring_acrossManyChunks_equalsPlainForward() {
        // 2,000 items x a 600-wide first layer forces one user per chunk.
        Interactions wide = Fixtures.random(6, 2000, 1, 8);
        NeuMF block = NeuMF.builder().numUsers(6).numItems(2000).gmfDim(4).mlpDim(8)
                .mlpLayers(600, 8).build();
        try (NcfModel model = NcfModel.create(block, wide)) {
            scaleEmbeddings(block, 50f);
            int[] users = {5, 0, 3, 1};
            float[] fast = new float[users.length * 2000];
            model.scoreAllItems(users, fast);
            int[] u = new int[fast.length];
            int[] it = new int[fast.length];
            for (int k = 0; k < u.length; k++) {
                u[k] = users[k / 2000];
                it[k] = k % 2000;
            }
            float[] plain = plainForward(model, u, it);
            for (int k = 0; k < plain.length; k++) {
                assertThat(fast[k]).as("pair " + k).isCloseTo(plain[k], within(1e-5f));
            }
        }
    }

    @Test
    void factorisedPairScoring_equalsPlainForward() {
        // Pairs in random order with repeated users and items, as the sampled protocol sends them.
        java.util.Random random = new java.util.Random(7);
        int n = 500;
        int[] u = new int[n];
        int[] it = new int[n];
        for (int k = 0; k < n; k++) {
            u[k] = random.nextInt(USERS);
            it[k] = random.nextInt(ITEMS);
        }
        for (NcfBlock block : blocks()) {
            try (NcfModel model = NcfModel.create(block, data)) {
                scaleEmbeddings(block, 50f);
                float[] fast = new float[n];
                model.score(u, it, fast);
                float[] plain = plainForward(model, u, it);
                double spread = 0;
                for (int k = 0; k < n; k++) {
                    assertThat(fast[k]).as(block.kind() + " pair " + k).isCloseTo(plain[k],
                            within(1e-5f));
                    spread = Math.max(spread, Math.abs(plain[k] - plain[0]));
                }
                assertThat(spread).as("scores vary, so the comparison means something")
                        .isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void factorisedPairScoring_acrossManySteps_equalsPlainForward() {
        // A 600-wide first layer makes steps of 1,747 pairs, so 4,000 pairs take three steps.
        java.util.Random random = new java.util.Random(11);
        int n = 4000;
        int[] u = new int[n];
        int[] it = new int[n];
        for (int k = 0; k < n; k++) {
            u[k] = random.nextInt(USERS);
            it[k] = random.nextInt(ITEMS);
        }
        for (NcfBlock block : List.of(
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(4).mlpDim(8)
                        .mlpLayers(600, 8).build(),
                MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).layers(600, 8)
                        .build())) {
            try (NcfModel model = NcfModel.create(block, data)) {
                scaleEmbeddings(block, 50f);
                float[] fast = new float[n];
                model.score(u, it, fast);
                float[] plain = plainForward(model, u, it);
                for (int k = 0; k < n; k++) {
                    assertThat(fast[k]).as(block.kind() + " pair " + k).isCloseTo(plain[k],
                            within(1e-5f));
                }
            }
        }
    }

    @Test
    void factorisedPairScoring_ofOneSlice_usesOnlyThatSlicesPairs() {
        NcfBlock block = blocks().get(2);
        try (NcfModel model = NcfModel.create(block, data)) {
            scaleEmbeddings(block, 50f);
            int[] u = {3, 3, 9, 36, 0};
            int[] it = {52, 1, 1, 7, 52};
            float[] all = new float[u.length];
            model.score(u, it, all);
            try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
                float[] slice = NcfBlock.withoutGradient(() -> block.scorePairs(m, u, it, 1, 4))
                        .toFloatArray();
                assertThat(slice).hasSize(3);
                for (int k = 0; k < 3; k++) {
                    assertThat(slice[k]).isCloseTo(all[k + 1], within(1e-6f));
                }
            }
        }
    }

    @Test
    void probabilities_areTheSigmoidOfTheLogits() {
        NcfBlock block = blocks().get(2);
        try (NcfModel model = NcfModel.create(block, data)) {
            scaleEmbeddings(block, 50f);
            int[] u = {0, 1, 2};
            int[] i = {3, 4, 5};
            float[] logits = new float[3];
            float[] probs = new float[3];
            model.score(u, i, logits);
            model.probabilities(u, i, probs);
            for (int k = 0; k < 3; k++) {
                assertThat(probs[k]).isCloseTo((float) (1 / (1 + Math.exp(-logits[k]))), within(1e-6f));
            }
            try (NDManager m = NDManager.newBaseManager()) {
                assertThat(NcfBlock.probabilities(m.create(new float[] {0f})).getFloat()).isEqualTo(0.5f);
            }
        }
    }

    @Test
    void create_withMismatchedSizes_isRejected() {
        GMF block = GMF.builder().numUsers(USERS + 1).numItems(ITEMS).build();
        assertThatThrownBy(() -> NcfModel.create(block, data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numUsers").hasMessageContaining(Integer.toString(USERS + 1));
    }

    @Test
    void score_outOfRangeIndex_isRejected() {
        try (NcfModel model = NcfModel.create(blocks().get(0), data)) {
            assertThatThrownBy(() -> model.score(new int[] {0}, new int[] {ITEMS}, new float[1]))
                    .hasMessageContaining("item index must be in [0, " + ITEMS + "), got " + ITEMS);
            assertThatThrownBy(() -> model.scoreAllItems(new int[] {-1}, new float[ITEMS]))
                    .hasMessageContaining("got -1");
        }
    }

    @Test
    void trainingItems_areTheUsersDistinctTrainingItems() {
        try (NcfModel model = NcfModel.create(blocks().get(0), data)) {
            for (int u = 0; u < USERS; u++) {
                assertThat(model.trainingItems(u)).containsExactly(data.itemsOf(u));
            }
            assertThat(model.isTrainingItem(0, data.itemsOf(0)[0])).isTrue();
            assertThat(model.itemCounts()).containsExactly(data.itemRowCounts());
        }
    }

    @Test
    void metadata_unknownVersion_failsWithClearMessage() throws Exception {
        NcfBlock block = blocks().get(2);
        try (NcfModel model = NcfModel.create(block, data)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            byte[] saved = bytes.toByteArray();
            assertThat(saved[0]).isEqualTo(NcfBlock.FORMAT_VERSION);
            saved[0] = 9;
            NcfBlock fresh = NcfModel.rebuild("neumf", block.hyperparameters(), 3);
            assertThatThrownBy(() -> fresh.loadParameters(model.djlModel().getNDManager(),
                    new DataInputStream(new ByteArrayInputStream(saved))))
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("unsupported neumf block format version 9")
                    .hasMessageContaining("reads version 1");
        }
    }

    @Test
    void metadata_otherHyperparameters_failWithClearMessage() throws Exception {
        NcfBlock block = blocks().get(1);
        try (NcfModel model = NcfModel.create(block, data)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            MLP other = MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).layers(16, 8)
                    .build();
            assertThatThrownBy(() -> other.loadParameters(model.djlModel().getNDManager(),
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("layers=16,8,4");
            GMF gmf = GMF.builder().numUsers(USERS).numItems(ITEMS).build();
            assertThatThrownBy(() -> gmf.loadParameters(model.djlModel().getNDManager(),
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                    .hasMessageContaining("saved parameters are of a mlp block");
        }
    }

    @Test
    void concurrentScoring_fromEightThreads_matchesOneThread() throws Exception {
        NcfBlock block = blocks().get(2);
        try (NcfModel model = NcfModel.create(block, data)) {
            scaleEmbeddings(block, 50f);
            int[] users = new int[USERS];
            for (int u = 0; u < USERS; u++) {
                users[u] = u;
            }
            float[] expected = new float[USERS * ITEMS];
            model.scoreAllItems(users, expected);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<float[]>> futures = new java.util.ArrayList<>();
                for (int t = 0; t < 32; t++) {
                    futures.add(pool.submit(() -> {
                        float[] out = new float[USERS * ITEMS];
                        model.scoreAllItems(users, out);
                        return out;
                    }));
                }
                for (Future<float[]> f : futures) {
                    assertThat(f.get()).containsExactly(expected);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void scoring_leavesNoArraysOnTheModelManager() {
        NcfBlock block = blocks().get(2);
        try (NcfModel model = NcfModel.create(block, data)) {
            float[] out = new float[2 * ITEMS];
            model.scoreAllItems(new int[] {0, 1}, out);
            model.score(new int[] {0, 1}, new int[] {2, 3}, out);
            int before = countArrays(model);
            for (int k = 0; k < 5; k++) {
                model.scoreAllItems(new int[] {0, 1}, out);
                model.score(new int[] {0, 1}, new int[] {2, 3}, out);
            }
            assertThat(countArrays(model)).isEqualTo(before);
        }
    }

    private static int countArrays(NcfModel model) {
        return ((ai.djl.ndarray.BaseNDManager) model.djlModel().getNDManager()).getManagedArrays()
                .size();
    }
}
