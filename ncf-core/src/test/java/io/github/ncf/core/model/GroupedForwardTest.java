package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The grouped training forward equals the plain forward pass, in value and in every gradient. */
class GroupedForwardTest {

    private static Interactions data;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(20, 30, 2, 9);
    }

    @Test
    void gmf_groupedEqualsPlain() {
        assertGroupedEqualsPlain(GMF.builder().numUsers(20).numItems(30).embeddingDim(6).seed(3)
                .build());
    }

    @Test
    void mlp_groupedEqualsPlain() {
        assertGroupedEqualsPlain(MLP.builder().numUsers(20).numItems(30).embeddingDim(6)
                .layers(16, 8, 4).dropout(0.0).seed(4).build());
    }

    @Test
    void neuMf_groupedEqualsPlain() {
        assertGroupedEqualsPlain(NeuMF.builder().numUsers(20).numItems(30).gmfDim(4).mlpDim(6)
                .mlpLayers(16, 8).dropout(0.0).seed(5).build());
    }

    @Test
    void groupedLogits_mismatchedShapes_areRejected() {
        NcfBlock block = GMF.builder().numUsers(20).numItems(30).embeddingDim(4).build();
        try (NcfModel model = NcfModel.create(block, data);
                NDManager m = model.djlModel().getNDManager().newSubManager()) {
            ParameterStore store = new ParameterStore(m, false);
            NDArray users = m.create(new int[] {1, 2});
            NDArray items = m.create(new int[] {1, 2, 3, 4, 5});
            assertThatThrownBy(() -> block.groupedLogits(store, users, items, 3, true))
                    .hasMessageContaining("(2)").hasMessageContaining("(5)");
            assertThatThrownBy(() -> block.groupedLogits(store, users, items, 0, true))
                    .hasMessageContaining("groupSize");
        }
    }

    private static void assertGroupedEqualsPlain(NcfBlock block) {
        int groupSize = 5;
        int[] groupUsers = {1, 3, 3, 7, 19};
        int[] items = new int[groupUsers.length * groupSize];
        int[] users = new int[items.length];
        for (int k = 0; k < items.length; k++) {
            items[k] = (k * 7 + 3) % 30;
            users[k] = groupUsers[k / groupSize];
        }
        try (NcfModel model = NcfModel.create(block, data);
                NDManager m = model.djlModel().getNDManager().newSubManager()) {
            for (Parameter p : block.getParameters().values()) {
                p.getArray().setRequiresGradient(true);
            }
            ParameterStore store = new ParameterStore(m, false);
            float[] plain;
            Map<String, float[]> plainGrads;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(store, new NDList(m.create(users), m.create(items)),
                        true).head();
                plain = logits.toFloatArray();
                gc.backward(logits.mul(logits).sum());
            }
            plainGrads = gradients(block);
            float[] grouped;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.groupedLogits(store, m.create(groupUsers), m.create(items),
                        groupSize, true);
                grouped = logits.toFloatArray();
                gc.backward(logits.mul(logits).sum());
            }
            Map<String, float[]> groupedGrads = gradients(block);
            assertThat(grouped).hasSize(items.length);
            for (int k = 0; k < plain.length; k++) {
                assertThat(grouped[k]).as("logit %d", k).isCloseTo(plain[k],
                        org.assertj.core.api.Assertions.within(1e-6f));
            }
            assertThat(groupedGrads.keySet()).isEqualTo(plainGrads.keySet());
            for (String name : plainGrads.keySet()) {
                float[] a = plainGrads.get(name);
                float[] b = groupedGrads.get(name);
                double norm = 0;
                for (float v : a) {
                    norm = Math.max(norm, Math.abs(v));
                }
                assertThat(norm).as("gradient of %s is not zero", name).isGreaterThan(0);
                for (int k = 0; k < a.length; k++) {
                    assertThat((double) b[k]).as("%s[%d]", name, k).isCloseTo(a[k],
                            org.assertj.core.api.Assertions.within(1e-5 * norm + 1e-9));
                }
            }
        }
    }

    /** Copies every parameter's gradient; DJL's PyTorch collector does not zero them, so this does. */
    private static Map<String, float[]> gradients(NcfBlock block) {
        Map<String, float[]> g = new LinkedHashMap<>();
        for (ai.djl.util.Pair<String, Parameter> e : block.getParameters()) {
            NDArray grad = e.getValue().getArray().getGradient();
            g.put(e.getKey(), grad.toFloatArray());
            grad.subi(grad);
        }
        return g;
    }
}
