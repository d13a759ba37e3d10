package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.ncf.core.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DropoutMasksTest {

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    @Test
    void fill_dropsAtTheRate_andScalesTheRest() {
        int n = 1_000_001;
        float[] out = fill(n, 0.2f, 7L);
        int zeros = 0;
        for (int k = 0; k < n; k++) {
            float v = out[k];
            if (v == 0f) {
                zeros++;
            } else {
                assertThat(v).isEqualTo(1.25f);
            }
        }
        // Binomial(n, 0.2): standard deviation 400; 5 sigma.
        assertThat((double) zeros).isCloseTo(0.2 * n, within(2000.0));
    }

    @Test
    void fill_neighbouringElements_areIndependent() {
        int n = 1_000_000;
        float[] out = fill(n, 0.5f, 11L);
        int bothDropped = 0;
        for (int k = 0; k + 1 < n; k += 2) {
            if (out[k] == 0f && out[k + 1] == 0f) {
                bothDropped++;
            }
        }
        // P(both) = 0.25 over 500,000 pairs: standard deviation about 306.
        assertThat((double) bothDropped).isCloseTo(125_000.0, within(1600.0));
    }

    @Test
    void fill_masksOfDifferentSeeds_areIndependent() {
        int n = 1_000_000;
        float[] a = fill(n, 0.5f, 21L);
        float[] b = fill(n, 0.5f, 22L);
        float[] c = fill(n, 0.5f, 21L + (1L << 32));
        int ab = 0;
        int ac = 0;
        for (int k = 0; k < n; k++) {
            ab += a[k] == 0f && b[k] == 0f ? 1 : 0;
            ac += a[k] == 0f && c[k] == 0f ? 1 : 0;
        }
        // P(both) = 0.25 over 1,000,000 elements: standard deviation about 433.
        assertThat((double) ab).isCloseTo(250_000.0, within(2200.0));
        assertThat((double) ac).isCloseTo(250_000.0, within(2200.0));
    }

    @Test
    void fill_smallRates_dropAtTheirRate() {
        int n = 2_000_000;
        float[] out = fill(n, 0.01f, 5L);
        int zeros = 0;
        for (float v : out) {
            zeros += v == 0f ? 1 : 0;
        }
        // Binomial(n, 0.01): standard deviation about 141.
        assertThat((double) zeros).isCloseTo(20_000.0, within(710.0));
    }

    private static float[] fill(int n, float rate, long seed) {
        int[] bits = new int[n];
        DropoutMasks.fill(bits, DropoutMasks.counter(n), n, rate, seed);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = Float.intBitsToFloat(bits[k]);
        }
        return out;
    }

    @Test
    void apply_multipliesByTheMask_andIsDeterministicPerSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(300, 7));
            DropoutMasks a = new DropoutMasks(3L);
            DropoutMasks b = new DropoutMasks(3L);
            a.beginStep();
            b.beginStep();
            float[] ya = a.apply(x, 0.3f).toFloatArray();
            float[] yb = b.apply(x, 0.3f).toFloatArray();
            assertThat(ya).containsExactly(yb);
            float keep = (float) (1.0 / 0.7);
            for (float v : ya) {
                assertThat(v == 0f || v == keep).as("mask value %s", v).isTrue();
            }
            assertThat(a.elementsDrawn()).isEqualTo(2100);
        }
    }

    @Test
    void masksOfOneStep_useSeparateBuffers_andTheNextStepReusesThem() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(64, 16);
            DropoutMasks masks = new DropoutMasks(5L);
            masks.beginStep();
            NDArray first = masks.mask(manager, shape, 0.5f);
            float[] firstBefore = first.toFloatArray();
            NDArray second = masks.mask(manager, shape, 0.5f);
            // A second mask of the same step must not overwrite the first (autograd still needs it).
            assertThat(first.toFloatArray()).containsExactly(firstBefore);
            assertThat(second.toFloatArray()).isNotEqualTo(firstBefore);
            // The next step draws into the same buffer: the array shares it, without a copy.
            masks.beginStep();
            NDArray third = masks.mask(manager, shape, 0.5f);
            assertThat(first.toFloatArray()).containsExactly(third.toFloatArray())
                    .isNotEqualTo(firstBefore);
            // A larger mask than before gets a larger buffer.
            NDArray big = masks.mask(manager, new Shape(128, 16), 0.5f);
            assertThat(big.getShape()).isEqualTo(new Shape(128, 16));
        }
    }

    @Test
    void apply_gradient_isTheMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(50, 4));
            x.setRequiresGradient(true);
            DropoutMasks masks = new DropoutMasks(9L);
            masks.beginStep();
            NDArray y;
            try (ai.djl.training.GradientCollector gc =
                    ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
                y = masks.apply(x, 0.25f);
                gc.backward(y.sum());
            }
            float[] grad = x.getGradient().toFloatArray();
            float[] out = y.toFloatArray();
            float[] in = x.toFloatArray();
            for (int k = 0; k < grad.length; k++) {
                assertThat(out[k]).isCloseTo(in[k] * grad[k], within(1e-6f));
                assertThat(grad[k] == 0f || grad[k] == (float) (1 / 0.75)).isTrue();
            }
        }
    }

    @Test
    void apply_rejectsRatesOutsideTheUnitInterval() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(2));
            DropoutMasks masks = new DropoutMasks(1L);
            assertThatThrownBy(() -> masks.apply(x, 1f)).hasMessageContaining("[0, 1)")
                    .hasMessageContaining("1.0");
            assertThat(masks.apply(x, 0f)).isSameAs(x);
        }
    }

    @Test
    void applyInPlace_masksTheArrayItself_withTheMaskApplyDraws() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(30, 7));
            DropoutMasks copying = new DropoutMasks(4L);
            DropoutMasks inPlace = new DropoutMasks(4L, true);
            copying.beginStep();
            inPlace.beginStep();
            float[] expected = copying.apply(x, 0.4f).toFloatArray();
            NDArray y = x.duplicate();
            assertThat(inPlace.applyInPlace(y, 0.4f)).isSameAs(y);
            assertThat(y.toFloatArray()).containsExactly(expected);
            assertThat(inPlace.beforeActivation()).isTrue();
            assertThat(copying.beforeActivation()).isFalse();
        }
    }

    @Test
    void applyInPlace_rejectsRatesOutsideTheUnitInterval() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(2));
            DropoutMasks masks = new DropoutMasks(1L, true);
            assertThatThrownBy(() -> masks.applyInPlace(x, -0.5f)).hasMessageContaining("[0, 1)")
                    .hasMessageContaining("-0.5");
            assertThat(masks.applyInPlace(x, 0f)).isSameAs(x);
        }
    }
}
