package io.github.ncf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.core.train.EarlyStopping;
import io.github.ncf.core.train.EpochEvent;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.eval.testing.TableScorer;
import org.junit.jupiter.api.Test;

/**
 * Both protocols in one call, on the part of the split asked for. Fixture (by time): user 0 trains
 * on items 0 and 1, validates on 2, tests on 3; user 1 trains on 4 and 5, validates on 6, tests on
 * 7; user 2 has two rows (item 0, then 7): a test row and no validation row. The scores put each
 * user's training items highest (masked), then, for user 0, the validation item 2 above the test
 * item 3, and for user 1 the test item 7 above the validation item 6.
 */
class RankingEvaluationTest {

    private static final TableScorer SCORES = new TableScorer(new float[][] {
        {20, 20, 10, 9, 0, 0, 0, 0},
        {0, 0, 0, 0, 20, 20, 9, 10},
        {20, 0, 0, 0, 0, 0, 0, 1},
    });

    private static Interactions interactions() {
        return Interactions.of(IdMapping.sequential(0, 3), IdMapping.sequential(0, 8),
                new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2},
                new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 7},
                new long[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2}, null);
    }

    private static Split split(boolean validation) {
        return LeaveOneOutSplitter.builder().validation(validation).build().split(interactions());
    }

    private static RankingEvaluation evaluation() {
        return RankingEvaluation.builder().metrics(HitRate.at(1), Ndcg.at(10)).sampledNegatives(3).build();
    }

    @Test
    void validate_ranksTheValidationRows_withTrainMasked_andTheTestItemAnUnknownItem() {
        EvaluationReport r = evaluation().validate(SCORES, split(true));

        assertThat(r.split()).isEqualTo(SplitKind.VALIDATION);
        // user 0: item 2 tops the unmasked items; user 1: the unseen test item 7 beats item 6; user 2 has
        // no validation row.
        assertThat(r.full().evaluatedUsers()).isEqualTo(2);
        assertThat(r.full().ranks().ranks()).containsExactly(0, 1);
        assertThat(r.full().get(HitRate.at(1))).isEqualTo(0.5);
    }

    @Test
    void test_masksTrainAndValidation_soTheValidationItemDoesNotCompete() {
        EvaluationReport r = evaluation().test(SCORES, split(true));

        assertThat(r.split()).isEqualTo(SplitKind.TEST);
        assertThat(r.full().evaluatedUsers()).isEqualTo(3);
        assertThat(r.full().ranks().ranks()).containsExactly(0, 0, 0);
        assertThat(r.get(EvaluationReport.Protocol.FULL, HitRate.at(1))).isEqualTo(1.0);
    }

    @Test
    void test_sampledCandidates_excludeEveryInteractionOfTheUser() {
        EvaluationReport r = evaluation().test(SCORES, split(true));

        SampledRanking sampled = (SampledRanking) evaluation().evaluators(split(true), SplitKind.TEST)
                .get(1).protocol();
        Interactions all = interactions();
        for (int p = 0; p < sampled.evaluatedUsers(); p++) {
            int user = sampled.users()[p];
            int[] candidates = sampled.candidates(p);
            for (int k = 1; k < candidates.length; k++) {
                assertThat(all.contains(user, candidates[k])).as("user %d candidate %d", user, candidates[k])
                        .isFalse();
            }
        }
        assertThat(r.sampled().get(HitRate.at(1))).isEqualTo(1.0);
    }

    @Test
    void test_withoutValidation_equalsTheSingleProtocolEvaluators() {
        Split split = split(false);
        EvaluationReport r = RankingEvaluation.builder().sampledNegatives(3).seed(7).build().test(SCORES, split);

        EvaluationResult full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(split.train()).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build().evaluate(SCORES);
        EvaluationResult sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(split.train()).test(split.test()).negatives(3)
                        .seed(7).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build().evaluate(SCORES);
        assertThat(r.full().means()).isEqualTo(full.means());
        assertThat(r.sampled().means()).isEqualTo(sampled.means());
        assertThat(r.sampled().ranks().ranks()).containsExactly(sampled.ranks().ranks());
    }

    @Test
    void validate_withoutValidationRows_isRejected() {
        assertThatThrownBy(() -> evaluation().validate(SCORES, split(false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("validation(true)");
    }

    @Test
    void earlyStopping_withoutValidationRows_isRejected() {
        assertThatThrownBy(() -> evaluation().earlyStopping(split(false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not read test");
    }

    @Test
    void earlyStopping_readsFullNdcgOnValidation() {
        Split split = split(true);
        EarlyStopping stop = RankingEvaluation.builder().patience(3).build().earlyStopping(split);
        stop.onEpochEnd(new EpochEvent(1, 5, 0.5, 10, 0.1, SCORES));

        double expected = evaluation().validate(SCORES, split).full().get(Ndcg.at(10));
        assertThat(stop.bestValue()).isCloseTo(expected, within(1e-12));
        assertThat(stop.patience()).isEqualTo(3);
        assertThat(stop.restoreBest()).isTrue();
    }

    @Test
    void defaults_areHitRateAndNdcgAt10_99Negatives() {
        RankingEvaluation e = RankingEvaluation.builder().build();
        assertThat(e.metrics()).containsExactly(HitRate.at(10), Ndcg.at(10));
        assertThat(e.sampledNegatives()).isEqualTo(99);
        assertThat(e.selectionMetric()).isEqualTo(Ndcg.at(10));
    }

    @Test
    void sampledNegatives_zero_isRejected() {
        assertThatThrownBy(() -> RankingEvaluation.builder().sampledNegatives(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampledNegatives must be >= 1, got 0");
    }

    @Test
    void metrics_repeated_isRejected() {
        assertThatThrownBy(() -> RankingEvaluation.builder().metrics(HitRate.at(5), HitRate.at(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HR@5 twice");
    }

    @Test
    void report_printsThePartAndBothProtocols() {
        String text = evaluation().test(SCORES, split(true)).toString();
        assertThat(text).startsWith("TEST\n  full: HR@1=1.0000").contains("\n  sampled-3: HR@1=1.0000");
    }
}
