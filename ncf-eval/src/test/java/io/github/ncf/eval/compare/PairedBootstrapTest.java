package io.github.ncf.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.eval.metric.MetricValues;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    private static double[] hits(long seed, int n, double rate) {
        java.util.Random random = new java.util.Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble() < rate ? 1 : 0;
        }
        return v;
    }

    @Test
    void identicalPair_givesZeroWidthIntervalAtZero() {
        double[] a = hits(1, 500, 0.3);
        BootstrapInterval ci = PairedBootstrap.builder().build().interval(a, a.clone());
        assertThat(ci.difference()).isZero();
        assertThat(ci.lower()).isZero();
        assertThat(ci.upper()).isZero();
        assertThat(ci.excludesZero()).isFalse();
    }

    @Test
    void constantShift_givesThatShift() {
        double[] b = hits(2, 300, 0.5);
        double[] a = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + 0.25;
        }
        BootstrapInterval ci = PairedBootstrap.builder().build().interval(a, b);
        assertThat(ci.difference()).isCloseTo(0.25, within(1e-12));
        assertThat(ci.lower()).isCloseTo(0.25, within(1e-12));
        assertThat(ci.upper()).isCloseTo(0.25, within(1e-12));
        assertThat(ci.excludesZero()).isTrue();
    }

    @Test
    void sameSeed_givesSameInterval_otherSeedAnother() {
        double[] a = hits(3, 400, 0.4);
        double[] b = hits(4, 400, 0.3);
        BootstrapInterval first = PairedBootstrap.builder().seed(9L).build().interval(a, b);
        BootstrapInterval again = PairedBootstrap.builder().seed(9L).build().interval(a, b);
        BootstrapInterval other = PairedBootstrap.builder().seed(10L).build().interval(a, b);
        assertThat(again).isEqualTo(first);
        assertThat(other.difference()).isEqualTo(first.difference());
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void twoUsers_intervalSpansTheirDifferences() {
        // Differences 0 and 1: resampled means are 0, 1/2 or 1 with chances 1/4, 1/2, 1/4, so with
        // 1000 resamples the 2.5% and 97.5% quantiles are the extremes, 0 and 1.
        BootstrapInterval ci = PairedBootstrap.builder().build()
                .interval(new double[] {0, 1}, new double[] {0, 0});
        assertThat(ci.difference()).isEqualTo(0.5);
        assertThat(ci.lower()).isZero();
        assertThat(ci.upper()).isEqualTo(1.0);
    }

    @Test
    void interval_containsTheObservedDifference_andNarrowsWithConfidence() {
        double[] a = hits(5, 943, 0.15);
        double[] b = hits(6, 943, 0.13);
        BootstrapInterval wide = PairedBootstrap.builder().confidence(0.99).build().interval(a, b);
        BootstrapInterval narrow = PairedBootstrap.builder().confidence(0.5).build().interval(a, b);
        assertThat(wide.lower()).isLessThan(wide.difference());
        assertThat(wide.upper()).isGreaterThan(wide.difference());
        assertThat(narrow.lower()).isGreaterThan(wide.lower());
        assertThat(narrow.upper()).isLessThan(wide.upper());
        // Unpaired Bernoulli difference: sd ~ sqrt((.15*.85 + .13*.87) / 943) = 0.016; 99% ~ +-0.04.
        assertThat(wide.upper() - wide.lower()).isBetween(0.06, 0.10);
    }

    @Test
    void quantile_interpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(PairedBootstrap.quantile(sorted, 0.5)).isEqualTo(3.0);
        assertThat(PairedBootstrap.quantile(sorted, 0.1)).isCloseTo(1.4, within(1e-12));
        assertThat(PairedBootstrap.quantile(sorted, 1.0)).isEqualTo(5.0);
    }

    @Test
    void metricValues_ofDifferentMetrics_areRejected() {
        MetricValues hr = MetricValues.of("HR@10", new double[] {1, 0});
        MetricValues ndcg = MetricValues.of("NDCG@10", new double[] {1, 0});
        assertThatThrownBy(() -> PairedBootstrap.builder().build().interval(hr, ndcg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HR@10 and NDCG@10");
    }

    @Test
    void differentUserCounts_areRejected() {
        assertThatThrownBy(() -> PairedBootstrap.builder().build().interval(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2 and 3 values");
    }

    @Test
    void noUsers_isRejected() {
        assertThatThrownBy(() -> PairedBootstrap.builder().build().interval(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one user");
    }

    @Test
    void resamples_zero_isRejected() {
        assertThatThrownBy(() -> PairedBootstrap.builder().resamples(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resamples must be >= 1, got 0");
    }

    @Test
    void confidence_one_isRejected() {
        assertThatThrownBy(() -> PairedBootstrap.builder().confidence(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidence must be in (0, 1), got 1.0");
    }
}
