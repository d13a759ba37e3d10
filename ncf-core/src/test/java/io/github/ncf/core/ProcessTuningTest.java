package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The builder's rules; what applying does is tested in a fresh JVM by {@link HostProcessTest}. */
class ProcessTuningTest {

    @Test
    void threads_zero_isRejected() {
        assertThatThrownBy(() -> ProcessTuning.builder().threads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, got 0");
    }

    @Test
    void forTraining_zeroThreads_isRejectedBeforeApplyingAnything() {
        String before = ProcessTuning.status();
        assertThatThrownBy(() -> ProcessTuning.forTraining(0)).hasMessageContaining("threads");
        assertThat(ProcessTuning.status()).isEqualTo(before);
    }

    @Test
    void toString_namesEveryChoice() {
        assertThat(ProcessTuning.builder().allocator(false).threads(2).build().toString())
                .isEqualTo("ProcessTuning{allocator=false, mklAvx512=true, offline=true, threads=2}");
        assertThat(ProcessTuning.builder().build().toString()).endsWith("threads=unchanged}");
    }
}
