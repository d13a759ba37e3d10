package io.github.ncf.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.core.Engines;
import org.junit.jupiter.api.Test;

/** The products' floor that the synthetic 20M-size run reports beside its epochs. */
class TrainBenchmarkTest {

    @Test
    void denseProductCountIsThreeTimesTheForwardProducts() {
        // NeuMF at the 20M-size run's sizes: 128 -> 128 -> 64 -> 32 in the tower, 32 + 32 -> 1 at the
        // output: 16,384 + 8,192 + 2,048 + 64 multiply-adds forward, two operations each, three passes.
        assertThat(TrainBenchmark.denseProductFlopsPerRow(32, 64, new int[] {128, 64, 32}))
                .isEqualTo(3 * 2 * (16_384 + 8_192 + 2_048 + 64));
        // Without a tower the output layer reads the GMF part alone.
        assertThat(TrainBenchmark.denseProductFlopsPerRow(8, 0, new int[0])).isEqualTo(3 * 2 * 8);
        // Twenty million rows at those sizes: 3.2 TFLOP.
        assertThat(TrainBenchmark.denseProductFlopsPerRow(32, 64, new int[] {128, 64, 32}) * 20e6 / 1e12)
                .isCloseTo(3.2, within(0.01));
    }

    @Test
    void productRateIsMeasured() {
        double gflops = Engines.withIntraOpThreads(1,
                () -> TrainBenchmark.denseProductGflops(8, new int[] {16, 8}, 256));
        assertThat(gflops).isFinite().isPositive();
    }
}
