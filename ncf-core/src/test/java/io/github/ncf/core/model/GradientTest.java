package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GradientTest {

    private static Interactions data;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(20, 30, 2, 9);
    }

    @Test
    void embeddingGradient_touchesOnlyTheRowsOfTheBatch() {
        NeuMF block = NeuMF.builder().numUsers(20).numItems(30).gmfDim(4).mlpDim(4)
                .mlpLayers(16, 8).dropout(0.0).build();
        try (NcfModel model = NcfModel.create(block, data);
                NDManager m = model.djlModel().getNDManager().newSubManager()) {
            for (var p : block.getParameters().values()) {
                p.getArray().setRequiresGradient(true);
            }
            NDArray users = m.create(new int[] {1, 3, 3, 7});
            NDArray items = m.create(new int[] {2, 2, 5, 11});
            NDArray labels = m.create(new float[] {1, 0, 1, 0});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(new ParameterStore(m, false), new NDList(users, items),
                        true).head();
                NDArray loss = Loss.sigmoidBinaryCrossEntropyLoss().evaluate(new NDList(labels),
                        new NDList(logits));
                gc.backward(loss);
            }
            assertNonZeroRows(block.parameter("gmf_user_embedding").getArray().getGradient(),
                    Set.of(1, 3, 7), 20);
            assertNonZeroRows(block.parameter("mlp_user_embedding").getArray().getGradient(),
                    Set.of(1, 3, 7), 20);
            assertNonZeroRows(block.parameter("gmf_item_embedding").getArray().getGradient(),
                    Set.of(2, 5, 11), 30);
            assertThat(block.parameter("output_weight").getArray().getGradient().abs().sum()
                    .getFloat()).isGreaterThan(0f);
        }
    }

    private static void assertNonZeroRows(NDArray grad, Set<Integer> rows, int numRows) {
        float[] g = grad.toFloatArray();
        int dim = g.length / numRows;
        for (int r = 0; r < numRows; r++) {
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                sum += Math.abs(g[r * dim + k]);
            }
            if (rows.contains(r)) {
                assertThat(sum).as("row " + r).isGreaterThan(0);
            } else {
                assertThat(sum).as("row " + r).isZero();
            }
        }
    }
}
