package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MklCpuDispatchTest {

    private static final String AMD_FLAGS = "flags\t\t: fpu sse2 avx2 fma avx512f avx512dq avx512cd"
            + " avx512bw avx512vl avx512_bf16\n";

    @Test
    void refusal_amdWithAvx512_beforeLibtorch_isNone() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\n" + AMD_FLAGS
                + "processor\t: 1\nvendor_id\t: AuthenticAMD\n" + AMD_FLAGS;
        assertThat(MklCpuDispatch.refusal(cpuinfo, false)).isNull();
    }

    @Test
    void refusal_intel_saysOneMklChoosesItself() {
        String cpuinfo = "vendor_id\t: GenuineIntel\n" + AMD_FLAGS;
        assertThat(MklCpuDispatch.refusal(cpuinfo, false)).contains("not an AMD one")
                .contains("GenuineIntel");
    }

    @Test
    void refusal_amdWithoutAvx512_namesTheMissingFlags() {
        String cpuinfo = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 fma avx512f\n";
        assertThat(MklCpuDispatch.refusal(cpuinfo, false))
                .isEqualTo("the processor lacks avx512cd, avx512bw, avx512dq, avx512vl");
    }

    @Test
    void refusal_afterLibtorchLoaded_saysItIsTooLate() {
        String cpuinfo = "vendor_id\t: AuthenticAMD\n" + AMD_FLAGS;
        assertThat(MklCpuDispatch.refusal(cpuinfo, true)).contains("libtorch was loaded before");
    }

    @Test
    void refusal_withoutVendor_saysSo() {
        assertThat(MklCpuDispatch.refusal("processor : 0\n", false))
                .isEqualTo("no vendor_id in /proc/cpuinfo");
    }

    @Test
    void shippedLibrary_answersThatTheProcessorMayRunIntelPaths() throws Exception {
        assumeThat(Platform.isLinux() && Platform.isIntel() && Platform.is64Bit())
                .as("the shipped library is for Linux x86-64").isTrue();
        NativeLibrary library = MklCpuDispatch.load();
        assertThat(library.getFunction(MklCpuDispatch.SYMBOL).invokeInt(new Object[0])).isEqualTo(1);
    }

    @Test
    void matrixProducts_matchADoublePrecisionReference() {
        // Shapes of the NCF layers, large enough for oneMKL's blocked kernels (whichever path runs).
        Engines.start();
        int[][] shapes = {{1_000, 128, 64}, {257, 64, 32}, {300, 128, 128}};
        SplittableRandom random = new SplittableRandom(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] s : shapes) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) random.nextDouble(-1, 1);
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) random.nextDouble(-1, 1);
                }
                NDArray product = manager.create(a, new Shape(m, k))
                        .matMul(manager.create(b, new Shape(k, n)));
                float[] c = product.toFloatArray();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double expected = 0;
                        for (int l = 0; l < k; l++) {
                            expected += (double) a[i * k + l] * b[l * n + j];
                        }
                        // Float accumulation over k terms of magnitude <= 1: error well below 1e-4.
                        assertThat((double) c[i * n + j]).as("%s, C[%d][%d] of %dx%d * %dx%d",
                                MklCpuDispatch.status(), i, j, m, k, k, n)
                                .isCloseTo(expected, Offset.offset(1e-4));
                    }
                }
            }
        }
    }
}
