package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void engine_startsOffline_andRunsAnOp() {
        Engine engine = Engines.start(1);
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            float[] product = a.matMul(a).toFloatArray();
            assertThat(product).containsExactly(7f, 10f, 15f, 22f);
        }
    }

    @Test
    void threads_zero_isRejected() {
        assertThatThrownBy(() -> Engines.start(0)).hasMessageContaining("threads");
    }
}
