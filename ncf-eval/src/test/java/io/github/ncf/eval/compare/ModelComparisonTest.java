package io.github.ncf.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.RankMetric;
import io.github.ncf.eval.testing.TableScorer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Four users, six items; user u trains on items u and u+1 and is tested on u+2 (mod 6). Model A puts
 * every test item first (HR@1 = 1 under both protocols); B does so for users 0 and 1 and puts every
 * other unknown item above the test item of users 2 and 3 (HR@1 = 0.5 under both); C puts every test
 * item last (HR@1 = 0).
 */
class ModelComparisonTest {

    private static final List<RankMetric> METRICS = List.of(HitRate.at(1));

    private static Map<String, EvaluationReport> reports() {
        int[] users = new int[12];
        int[] items = new int[12];
        long[] times = new long[12];
        for (int u = 0; u < 4; u++) {
            for (int k = 0; k < 3; k++) {
                users[3 * u + k] = u;
                items[3 * u + k] = (u + k) % 6;
                times[3 * u + k] = k;
            }
        }
        Split split = LeaveOneOutSplitter.builder().build().split(Interactions.of(IdMapping.sequential(0, 4),
                IdMapping.sequential(0, 6), users, items, times, null));
        float[][] a = new float[4][6];
        float[][] b = new float[4][6];
        float[][] c = new float[4][6];
        for (int u = 0; u < 4; u++) {
            int test = (u + 2) % 6;
            a[u][test] = 10;
            c[u][test] = -10;
            if (u < 2) {
                b[u][test] = 10;
            } else {
                for (int i = 0; i < 6; i++) {
                    b[u][i] = i == test ? 0 : 10;
                }
            }
        }
        RankingEvaluation evaluation = RankingEvaluation.builder().metrics(HitRate.at(1)).sampledNegatives(2).build();
        Map<String, EvaluationReport> r = new LinkedHashMap<>();
        r.put("B", evaluation.test(new TableScorer(b), split));
        r.put("A", evaluation.test(new TableScorer(a), split));
        r.put("C", evaluation.test(new TableScorer(c), split));
        return r;
    }

    @Test
    void best_isTheModelWithTheHighestMean_perProtocol() {
        ModelComparison c = ModelComparison.of(reports(), METRICS, PairedBootstrap.builder().build());
        assertThat(c.best().get("full").get("HR@1")).isEqualTo("A");
        assertThat(c.best().get("sampled").get("HR@1")).isEqualTo("A");
        assertThat(c.means().get("full").get("HR@1")).containsEntry("B", 0.5).containsEntry("C", 0.0);
    }

    @Test
    void toBest_holdsEachOtherModelsDifferenceAndInterval_notTheBests() {
        ModelComparison c = ModelComparison.of(reports(), METRICS, PairedBootstrap.builder().build());
        Map<String, BootstrapInterval> full = c.toBest().get("full").get("HR@1");
        assertThat(full).containsOnlyKeys("B", "C");
        assertThat(full.get("B").difference()).isCloseTo(-0.5, within(1e-12));
        assertThat(full.get("C").difference()).isCloseTo(-1.0, within(1e-12));
        // C misses every user A hits: every resample differs by exactly -1.
        assertThat(full.get("C").lower()).isCloseTo(-1.0, within(1e-12));
        assertThat(full.get("C").upper()).isCloseTo(-1.0, within(1e-12));
        assertThat(full.get("B").lower()).isLessThanOrEqualTo(-0.5);
        assertThat(full.get("B").upper()).isGreaterThanOrEqualTo(-0.5);
    }

    @Test
    void tau_isOne_andOrderingsAgree_whenBothProtocolsOrderAlike() {
        ModelComparison c = ModelComparison.of(reports(), METRICS, PairedBootstrap.builder().build());
        assertThat(c.tau().get("HR@1")).isEqualTo(1.0);
        assertThat(c.orderingsAgree("HR@1")).isTrue();
        assertThat(c.ordering("full", "HR@1")).containsExactly("A", "B", "C");
    }

    @Test
    void oneModel_isRejected() {
        Map<String, EvaluationReport> one = new LinkedHashMap<>();
        one.put("A", reports().get("A"));
        assertThatThrownBy(() -> ModelComparison.of(one, METRICS, PairedBootstrap.builder().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two models, got [A]");
    }

    @Test
    void ofFigures_recordedFromTheReports_givesTheSameComparisonAsOf() {
        Map<String, EvaluationReport> reports = reports();
        PairedBootstrap bootstrap = PairedBootstrap.builder().seed(3).build();
        Map<String, ModelComparison.ModelFigures> figures = new LinkedHashMap<>();
        reports.forEach((model, r) -> figures.put(model, new ModelComparison.ModelFigures(
                Map.of("full.HR@1", r.full().get(HitRate.at(1)), "sampled.HR@1", r.sampled().get(HitRate.at(1))),
                Map.of("full.HR@1", r.full().values("HR@1").values(),
                        "sampled.HR@1", r.sampled().values("HR@1").values()))));

        assertThat(ModelComparison.ofFigures(figures, List.of("HR@1"), bootstrap))
                .isEqualTo(ModelComparison.of(reports, METRICS, bootstrap));
    }

    @Test
    void ofFigures_missingAFigure_isRejectedNamingModelAndKey() {
        Map<String, ModelComparison.ModelFigures> figures = new LinkedHashMap<>();
        figures.put("a", new ModelComparison.ModelFigures(Map.of("full.HR@1", 1.0), Map.of("full.HR@1", new double[] {1})));
        figures.put("b", new ModelComparison.ModelFigures(Map.of(), Map.of()));

        assertThatThrownBy(() -> ModelComparison.ofFigures(figures, List.of("HR@1"), PairedBootstrap.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b has no recorded full.HR@1");
    }
}
