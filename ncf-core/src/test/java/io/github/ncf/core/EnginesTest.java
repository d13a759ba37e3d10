package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void engine_starts_andRunsAnOp() {
        Engine engine = Engines.start();
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        try (NDManager manager = NDManager.newBaseManager(Engines.PYTORCH)) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            float[] product = a.matMul(a).toFloatArray();
            assertThat(product).containsExactly(7f, 10f, 15f, 22f);
        }
    }

    @Test
    void withIntraOpThreads_setsTheCountForTheWork_andRestoresIt() {
        Engines.start();
        int before = JniUtils.getNumThreads();
        int inside = Engines.withIntraOpThreads(before + 1, JniUtils::getNumThreads);
        assertThat(inside).isEqualTo(before + 1);
        assertThat(JniUtils.getNumThreads()).isEqualTo(before);
    }

    @Test
    void withIntraOpThreads_restoresTheCount_whenTheWorkThrows() {
        Engines.start();
        int before = JniUtils.getNumThreads();
        assertThatThrownBy(() -> Engines.withIntraOpThreads(before + 1, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(JniUtils.getNumThreads()).isEqualTo(before);
    }

    @Test
    void withIntraOpThreads_zero_isRejected() {
        assertThatThrownBy(() -> Engines.withIntraOpThreads(0, () -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, got 0");
    }
}
