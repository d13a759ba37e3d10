package io.github.ncf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.MetricValues;
import io.github.ncf.eval.metric.Mrr;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.metric.RankMetric;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.Ranks;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.eval.testing.EvalFixtures;
import io.github.ncf.eval.testing.TableScorer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolEvaluatorTest {

    private static final double EPS = 1e-12;

    private static ProtocolEvaluator full() {
        return ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test()).build())
                .metrics(HitRate.at(5), Ndcg.at(5), Mrr.at(5))
                .build();
    }

    @Test
    void handWorkedFixture_givesPaperValues() {
        // Ranks 2, 6, 0 (see EvalFixtures): HR@5 = 2/3, NDCG@5 = (0.5 + 0 + 1)/3, MRR@5 = (1/3 + 0 + 1)/3.
        EvaluationResult r = full().evaluate(new TableScorer(EvalFixtures.scores()));
        assertThat(r.mean("HR@5")).isCloseTo(2.0 / 3.0, within(EPS));
        assertThat(r.mean("NDCG@5")).isCloseTo(0.5, within(EPS));
        assertThat(r.mean("MRR@5")).isCloseTo(4.0 / 9.0, within(EPS));
    }

    @Test
    void perUserValues_areKeptApartFromTheMean() {
        EvaluationResult r = full().evaluate(new TableScorer(EvalFixtures.scores()));
        assertThat(r.values("NDCG@5").values()).containsExactly(new double[] {0.5, 0.0, 1.0}, within(EPS));
        assertThat(r.values("HR@5").values()).containsExactly(1.0, 0.0, 1.0);
        // Ranks are cut at the largest K: the second user's 6 is "5 or more".
        assertThat(r.ranks().ranks()).containsExactly(2, 5, 0);
        assertThat(r.ranks().cutoff()).isEqualTo(5);
        assertThat(r.ranks().users()).containsExactly(0, 1, 3);
    }

    @Test
    void ranksCutAtTheLargestK_giveTheMetricsOfUncutRanks() {
        TableScorer scorer = new TableScorer(EvalFixtures.scores());
        EvaluationResult cut = full().evaluate(scorer);
        EvaluationResult uncut = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test()).build())
                .metrics(HitRate.at(5), Ndcg.at(5), Mrr.at(5), Mrr.at(Integer.MAX_VALUE)).build().evaluate(scorer);
        assertThat(uncut.ranks().ranks()).containsExactly(2, 6, 0);
        assertThat(uncut.ranks().cutoff()).isEqualTo(Integer.MAX_VALUE);
        for (String metric : List.of("HR@5", "NDCG@5", "MRR@5")) {
            assertThat(cut.values(metric).values()).as(metric).containsExactly(uncut.values(metric).values());
        }
    }

    @Test
    void cutRanks_clampAtTheCutoff_withoutTies() {
        Ranks ranks = Ranks.of(new int[] {0, 1, 2}, new int[] {4, 5, 6}, new int[] {3, 7, 9}, new int[] {2, 1, 4},
                new int[] {10, 10, 10}, 7);
        assertThat(ranks.ranks()).containsExactly(3, 7, 7);
        assertThat(ranks.ties()).containsExactly(2, 0, 0);
        assertThat(ranks.cutoff()).isEqualTo(7);
        assertThat(ranks).isNotEqualTo(Ranks.of(new int[] {0, 1, 2}, new int[] {4, 5, 6}, new int[] {3, 7, 7},
                new int[] {2, 0, 0}, new int[] {10, 10, 10}));
        assertThatThrownBy(() -> Ranks.of(new int[0], new int[0], new int[0], new int[0], new int[0], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cutoff must be >= 1, got 0");
    }

    @Test
    void resultOfRanksCutBelowAMetricsK_isRejected() {
        Ranks cut = Ranks.of(new int[] {0}, new int[] {1}, new int[] {5}, new int[] {0}, new int[] {9}, 5);
        assertThatThrownBy(() -> EvaluationResult.of("full", cut, List.of(HitRate.at(10)), 0, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HR@10 needs ranks up to 10 but the ranks are cut at 5; rank with a cut-off of at least 10");
        assertThat(EvaluationResult.of("full", cut, List.of(HitRate.at(5)), 0, 0.1).mean("HR@5")).isZero();
    }

    @Test
    void resultOfRanksComputedElsewhere_equalsTheEvaluatorsResult() {
        EvaluationResult direct = full().evaluate(new TableScorer(EvalFixtures.scores()));
        EvaluationResult collected = EvaluationResult.of("full", direct.ranks(),
                List.of(HitRate.at(5), Ndcg.at(5), Mrr.at(5)), 1, 0.5);
        assertThat(collected.means()).isEqualTo(direct.means());
        assertThat(collected.ranks()).isEqualTo(direct.ranks());
        assertThat(collected.skippedUsers()).isEqualTo(1);
    }

    @Test
    void resultOfRanks_withARepeatedMetric_isRejected() {
        Ranks ranks = full().evaluate(new TableScorer(EvalFixtures.scores())).ranks();
        assertThatThrownBy(() -> EvaluationResult.of("full", ranks, List.of(HitRate.at(5), HitRate.at(5)), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HR@5 twice");
    }

    @Test
    void result_countsEvaluatedAndSkippedUsers_andTime() {
        EvaluationResult r = full().evaluate(new TableScorer(EvalFixtures.scores()));
        assertThat(r.evaluatedUsers()).isEqualTo(3);
        assertThat(r.skippedUsers()).isEqualTo(1);
        assertThat(r.seconds()).isPositive();
        assertThat(r.protocol()).isEqualTo("full");
        assertThat(r.toString()).startsWith("full: HR@5=0.6667 NDCG@5=0.5000 MRR@5=0.4444 (3 users, "
                + "1 skipped, ranks cut at 5, 1 with ties");
    }

    @Test
    void means_keepTheMetricOrder() {
        EvaluationResult r = full().evaluate(new TableScorer(EvalFixtures.scores()));
        assertThat(r.means().keySet()).containsExactly("HR@5", "NDCG@5", "MRR@5");
        assertThat(r.metricNames()).containsExactly("HR@5", "NDCG@5", "MRR@5");
    }

    @Test
    void evaluatingTwice_givesTheSameValues() {
        ProtocolEvaluator e = full();
        TableScorer scorer = new TableScorer(EvalFixtures.scores());
        assertThat(e.evaluate(scorer).means()).isEqualTo(e.evaluate(scorer).means());
    }

    @Test
    void unknownMetric_isRejected() {
        EvaluationResult r = full().evaluate(new TableScorer(EvalFixtures.scores()));
        assertThatThrownBy(() -> r.mean("HR@10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HR@10").hasMessageContaining("HR@5");
    }

    @Test
    void scorerNotKnowingATestUser_isRejected() {
        float[][] threeUsers = java.util.Arrays.copyOf(EvalFixtures.scores(), 3);
        assertThatThrownBy(() -> full().evaluate(new TableScorer(threeUsers)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 users");
    }

    @Test
    void meanOf_givesOneMetricAsAFunction() {
        assertThat(full().meanOf("NDCG@5").applyAsDouble(new TableScorer(EvalFixtures.scores())))
                .isCloseTo(0.5, within(EPS));
        assertThatThrownBy(() -> full().meanOf("HR@10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"HR@10\" is not computed");
    }

    @Test
    void repeatedMetric_isRejected() {
        assertThatThrownBy(() -> ProtocolEvaluator.builder().metrics(HitRate.at(10), HitRate.at(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HR@10 twice");
    }

    @Test
    void missingProtocol_isRejected() {
        assertThatThrownBy(() -> ProtocolEvaluator.builder().metrics(HitRate.at(10)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("protocol=none");
    }

    @Test
    void comparison_putsProtocolsSideBySide() {
        ProtocolEvaluator sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test())
                        .negatives(3).seed(1L).build())
                .metrics(HitRate.at(5))
                .build();
        ProtocolComparison table = ProtocolComparison.of(List.of(full(), sampled))
                .add("table", new TableScorer(EvalFixtures.scores()));
        assertThat(table.columns()).containsExactly("full HR@5", "full NDCG@5", "full MRR@5",
                "sampled-3 HR@5");
        assertThat(table.results("table")).hasSize(2);
        // With 3 negatives and K = 5 every held-out item is a hit.
        assertThat(table.results("table").get(1).mean("HR@5")).isEqualTo(1.0);
        assertThat(table.toMarkdown()).contains("| table | 0.6667 | 0.5000 | 0.4444 | 1.0000 |");
        assertThatThrownBy(() -> table.add("table", new TableScorer(EvalFixtures.scores())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"table\" twice");
    }

    @Test
    void comparison_reportsWhenProtocolsOrderScorersDifferently() {
        ProtocolEvaluator sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test())
                        .negatives(3).seed(1L).build())
                .metrics(HitRate.at(5))
                .build();
        // "a" ranks every held-out item first under full ranking but misses all sampled; "b" the reverse.
        Ranks good = Ranks.of(new int[] {0, 1, 3}, new int[] {4, 7, 0}, new int[] {0, 0, 0}, new int[3],
                new int[] {6, 7, 6});
        Ranks bad = Ranks.of(new int[] {0, 1, 3}, new int[] {4, 7, 0}, new int[] {9, 9, 9}, new int[3],
                new int[] {6, 7, 6});
        ProtocolComparison table = ProtocolComparison.of(List.of(full(), sampled))
                .add("a", List.of(result("full", good, full()), result("sampled-3", bad, sampled)))
                .add("b", List.of(result("full", bad, full()), result("sampled-3", good, sampled)));
        assertThat(table.order("full", "HR@5")).containsExactly("a", "b");
        assertThat(table.order("sampled-3", "HR@5")).containsExactly("b", "a");
        assertThat(table.ordersAgree(HitRate.at(5))).isFalse();
        assertThat(table.ordersAgree("NDCG@5")).isTrue(); // computed by the full evaluator alone
        assertThatThrownBy(() -> table.order("sampled-3", "NDCG@5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"sampled-3\"");
    }

    @Test
    void comparison_rejectsResultsOfAnotherProtocol() {
        Ranks ranks = Ranks.of(new int[] {0}, new int[] {4}, new int[] {0}, new int[1], new int[] {6});
        ProtocolComparison table = ProtocolComparison.of(List.of(full()));
        assertThatThrownBy(() -> table.add("x", List.of(result("sampled-3", ranks, full()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol \"full\", got \"sampled-3\"");
    }

    private static EvaluationResult result(String protocol, Ranks ranks, ProtocolEvaluator evaluator) {
        Map<String, MetricValues> values = new LinkedHashMap<>();
        for (RankMetric m : evaluator.metrics()) {
            values.put(m.name(), m.evaluate(ranks.ranks()));
        }
        return new EvaluationResult(protocol, ranks, values, 1, 0.0);
    }
}
