package io.github.ncf.eval.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.core.Engines;
import io.github.ncf.core.model.MF;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.baseline.ItemPopularity;
import io.github.ncf.eval.metric.HitRate;
import org.junit.jupiter.api.Test;

/** MF trained by NcfTrainer with sampled negatives, BCE and L2 learns the synthetic topics. */
class MFTrainingTest {

    @Test
    void mf_trainedWithL2_ranksAbovePopularity_onSyntheticData() {
        Engines.start();
        Split split = LeaveOneOutSplitter.builder().build().split(SyntheticInteractions.small().generate());
        RankingEvaluation evaluation = RankingEvaluation.builder().build();
        try (NcfModel mf = NcfTrainer.builder().epochs(4).negatives(8).learningRate(0.005f).l2(1e-6f).build()
                .fit(MF.builder().dim(16).build(), split.train())) {
            EvaluationReport model = evaluation.test(mf, split);
            EvaluationReport pop = evaluation.test(ItemPopularity.fit(split.train()), split);
            assertThat(model.full().get(HitRate.at(10)))
                    .isGreaterThan(pop.full().get(HitRate.at(10)) + 0.02);
        }
    }
}
