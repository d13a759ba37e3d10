package io.github.ncf.spark.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.ProtocolEvaluator;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.spark.SparkInteractions;
import io.github.ncf.spark.SparkSplit;
import io.github.ncf.spark.SparkSplitter;
import io.github.ncf.spark.TestSpark;
import org.junit.jupiter.api.Test;

class AlsBaselineTest {

    @Test
    void als_isEvaluatedLikeAnyScorer_withTrainingItemsMasked() {
        Interactions data = SyntheticInteractions.tiny().generate();
        SparkSplit split = SparkSplitter.of(LeaveOneOutSplitter.builder().build()).split(SparkInteractions.fromLocal(TestSpark.session(), data, 2));
        FactorScorer als = AlsBaseline.builder().rank(4).maxIter(2).build().fit(split.train());
        SparkEvaluation onSpark = SparkEvaluator.builder().scorer(als).partitions(3).negatives(10).build().test(split);

        Split local = LeaveOneOutSplitter.builder().build().split(data);
        EvaluationResult full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(local.train()).test(local.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build().evaluate(als);
        EvaluationResult sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(local.train()).test(local.test()).negatives(10).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build().evaluate(als);
        assertThat(onSpark.full().ranks()).isEqualTo(full.ranks());
        assertThat(onSpark.sampled().ranks()).isEqualTo(sampled.ranks());
        // Every candidate count excludes the user's training items, never the held-out one.
        int[] users = full.ranks().users();
        int[] candidates = onSpark.full().ranks().candidates();
        for (int p = 0; p < users.length; p++) {
            assertThat(candidates[p]).isEqualTo(data.numItems() - local.train().itemCount(users[p]));
        }
        assertThat(onSpark.full().mean("HR@10")).isGreaterThan(0.0);
    }

    @Test
    void rank_zero_isRejected() {
        assertThatThrownBy(() -> AlsBaseline.builder().rank(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rank must be >= 1, got 0");
    }

    @Test
    void factorArraysOfTheWrongSize_areRejected() {
        assertThatThrownBy(() -> new FactorScorer(2, 3, 4, new float[8], new float[11]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numItems * rank = 12");
    }
}
