package io.github.ncf.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankMetricTest {

    private static final double EPS = 1e-12;

    @Test
    void hitAtRank3_givesHitRate5_one() {
        // "rank 3" in 1-based words is 0-based rank 2: two items above the held-out one.
        assertThat(HitRate.at(5).value(2)).isEqualTo(1.0);
    }

    @Test
    void hitAtRank3_givesNdcg5_half() {
        assertThat(Ndcg.at(5).value(2)).isCloseTo(1.0 / (Math.log(4) / Math.log(2)), within(EPS))
                .isCloseTo(0.5, within(EPS));
    }

    @Test
    void hitAtRank3_givesMrr_third() {
        assertThat(Mrr.at(5).value(2)).isCloseTo(1.0 / 3.0, within(EPS));
    }

    @Test
    void topRank_givesOneForEveryMetric() {
        assertThat(HitRate.at(1).value(0)).isEqualTo(1.0);
        assertThat(Ndcg.at(1).value(0)).isEqualTo(1.0);
        assertThat(Mrr.at(1).value(0)).isEqualTo(1.0);
    }

    @Test
    void miss_givesZeroForEveryMetric() {
        assertThat(HitRate.at(5).value(5)).isZero();
        assertThat(Ndcg.at(5).value(5)).isZero();
        assertThat(Mrr.at(5).value(5)).isZero();
        assertThat(HitRate.at(5).value(1000)).isZero();
    }

    @Test
    void lastPlaceInsideK_stillCounts() {
        assertThat(HitRate.at(10).value(9)).isEqualTo(1.0);
        assertThat(Ndcg.at(10).value(9)).isCloseTo(Math.log(2) / Math.log(11), within(EPS));
        assertThat(Mrr.at(10).value(9)).isCloseTo(0.1, within(EPS));
    }

    @Test
    void uncutMrr_countsEveryRank() {
        assertThat(Mrr.at(Integer.MAX_VALUE).value(999)).isCloseTo(0.001, within(EPS));
        assertThat(Mrr.at(Integer.MAX_VALUE).name()).isEqualTo("MRR");
    }

    @Test
    void k_zero_isRejected() {
        assertThatThrownBy(() -> HitRate.at(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 1, got 0");
        assertThatThrownBy(() -> Ndcg.at(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 1, got -3");
        assertThatThrownBy(() -> Mrr.at(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k");
    }

    @Test
    void negativeRank_isRejected() {
        assertThatThrownBy(() -> Ndcg.at(10).value(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank must be >= 0").hasMessageContaining("-1");
    }

    @Test
    void names_carryTheCutOff() {
        assertThat(HitRate.at(10).name()).isEqualTo("HR@10");
        assertThat(Ndcg.at(10).name()).isEqualTo("NDCG@10");
        assertThat(Mrr.at(10).name()).isEqualTo("MRR@10");
    }

    @Test
    void evaluate_keepsPerUserValuesApartFromTheMean() {
        // Ranks 0, 2, 7: NDCG@5 values 1, 0.5, 0 -> mean 0.5.
        int[] ranks = {0, 2, 7};
        MetricValues values = Ndcg.at(5).evaluate(ranks);
        assertThat(values.values()).containsExactly(new double[] {1.0, 0.5, 0.0}, within(EPS));
        assertThat(values.mean()).isCloseTo(0.5, within(EPS));
        assertThat(values.size()).isEqualTo(3);
        assertThat(values.name()).isEqualTo("NDCG@5");
    }

    @Test
    void evaluate_mrrOnHandWorkedRanks() {
        // Ranks 0, 1, 3, 20: MRR@10 = (1 + 1/2 + 1/4 + 0) / 4 = 0.4375.
        assertThat(Mrr.at(10).evaluate(new int[] {0, 1, 3, 20}).mean()).isCloseTo(0.4375, within(EPS));
    }

    @Test
    void evaluate_neverMutatesTheMetricOrTheRanks() {
        HitRate hr = HitRate.at(2);
        int[] ranks = {0, 5};
        MetricValues first = hr.evaluate(ranks);
        hr.evaluate(new int[] {9, 9, 9});
        MetricValues again = hr.evaluate(ranks);
        assertThat(again).isEqualTo(first);
        assertThat(again.mean()).isEqualTo(0.5);
        assertThat(ranks).containsExactly(0, 5);
        assertThat(hr.k()).isEqualTo(2);
    }

    @Test
    void metricValues_copiesItsArrays() {
        double[] raw = {1.0, 0.0};
        MetricValues values = MetricValues.of("HR@1", raw);
        raw[1] = 1.0;
        values.values()[0] = 0.0;
        assertThat(values.values()).containsExactly(1.0, 0.0);
        assertThat(values.mean()).isEqualTo(0.5);
    }

    @Test
    void metricValues_ofNoUsers_hasNaNMean() {
        assertThat(MetricValues.of("HR@1", new double[0]).mean()).isNaN();
    }

    @Test
    void metricsWithSameK_areEqual() {
        assertThat(HitRate.at(10)).isEqualTo(HitRate.at(10)).isNotEqualTo(HitRate.at(5));
        assertThat(Ndcg.at(10)).isNotEqualTo(HitRate.at(10));
    }
}
