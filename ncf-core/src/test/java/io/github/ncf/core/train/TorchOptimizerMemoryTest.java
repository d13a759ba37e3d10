package io.github.ncf.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.ncf.core.Engines;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an optimizer step leaves behind on the manager that owns the weights: nothing. */
class TorchOptimizerMemoryTest {

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    @Test
    void l2_onADenseWeight_leavesNoArrayOnTheWeightsManager_acrossSteps() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray w = m.create(new float[] {0.5f, -0.25f, 1f});
                w.setRequiresGradient(true);
                try (TorchOptimizer opt = new TorchOptimizer(kind, 0.1f, 0.05f, false, List.of(w),
                        List.of(TorchOptimizer.Rows.DENSE), m, 1, 1)) {
                    int before = m.getManagedArrays().size();
                    for (int t = 0; t < 3; t++) {
                        try (NDManager scope = m.newSubManager();
                                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            // Results of w's operations land on w's manager; the loss belongs to the step.
                            NDArray product = w.mul(scope.create(new float[] {0.3f, -0.2f, 0.1f}));
                            product.attach(scope);
                            NDArray loss = product.sum();
                            loss.attach(scope);
                            gc.backward(loss);
                            opt.step(scope, new int[0], new int[0], 0, 0);
                        }
                    }
                    assertThat(m.getManagedArrays()).as("arrays on the weights' manager after 3 %s steps",
                            kind).hasSize(before);
                }
            }
        }
    }
}
