package io.github.ncf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.core.train.EpochEvent;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.testing.EvalFixtures;
import io.github.ncf.eval.testing.TableScorer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvaluationListenerTest {

    private static ProtocolEvaluator evaluator() {
        return ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test()).build())
                .metrics(HitRate.at(1), HitRate.at(5))
                .build();
    }

    private static EpochEvent epoch(int epoch, int epochs, float[][] scores) {
        return new EpochEvent(epoch, epochs, 1.0 / epoch, 100, 0.1, new TableScorer(scores));
    }

    @Test
    void evaluatesEveryNthEpoch_andTheLast() {
        EvaluationListener listener = EvaluationListener.builder().evaluators(SplitKind.TEST, evaluator()).every(2).build();
        for (int e = 1; e <= 5; e++) {
            listener.onEpochEnd(epoch(e, 5, EvalFixtures.scores()));
        }
        assertThat(listener.history()).extracting(EpochMetrics::epoch).containsExactly(2, 4, 5);
    }

    @Test
    void history_keepsEachEpochsMetrics() {
        EvaluationListener listener = EvaluationListener.builder().evaluators(SplitKind.TEST, evaluator()).build();
        listener.onEpochEnd(epoch(1, 2, new float[4][8]));           // all ties: every user a hit
        listener.onEpochEnd(epoch(2, 2, EvalFixtures.scores()));     // ranks 2, 6, 0
        assertThat(listener.history().get(0).value("full", "HR@1")).isEqualTo(1.0);
        assertThat(listener.history().get(1).value("full", "HR@1")).isCloseTo(1.0 / 3.0, within(1e-12));
        assertThat(listener.history().get(1).meanLoss()).isEqualTo(0.5);
        assertThat(listener.history().get(1).flat()).containsOnlyKeys("full HR@1", "full HR@5");
        double[][] series = listener.series("full", "HR@5");
        assertThat(series[0]).containsExactly(1.0, 2.0);
        assertThat(series[1][1]).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(listener.best("full", "HR@1").orElseThrow().epoch()).isEqualTo(1);
        assertThat(listener.latest().orElseThrow().epoch()).isEqualTo(2);
    }

    @Test
    void history_isASnapshot() {
        EvaluationListener listener = EvaluationListener.builder().evaluators(SplitKind.TEST, evaluator()).build();
        var before = listener.history();
        listener.onEpochEnd(epoch(1, 1, EvalFixtures.scores()));
        assertThat(before).isEmpty();
        assertThat(listener.history()).hasSize(1);
    }

    @Test
    void printTo_writesOneLinePerEvaluation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvaluationListener listener = EvaluationListener.builder().evaluators(SplitKind.TEST, evaluator())
                .printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).every(3).build();
        for (int e = 1; e <= 3; e++) {
            listener.onEpochEnd(epoch(e, 3, EvalFixtures.scores()));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).startsWith("epoch 3/3 loss=0.3333 test | full: HR@1=0.3333 HR@5=0.6667");
    }

    @Test
    void unknownMetricInHistory_isRejected() {
        EvaluationListener listener = EvaluationListener.builder().evaluators(SplitKind.TEST, evaluator()).build();
        listener.onEpochEnd(epoch(1, 1, EvalFixtures.scores()));
        assertThatThrownBy(() -> listener.series("full", "NDCG@10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NDCG@10");
    }

    @Test
    void history_saysWhichPartOfTheSplitWasRanked() {
        EvaluationListener listener = EvaluationListener.builder()
                .evaluators(SplitKind.VALIDATION, evaluator()).build();
        listener.onEpochEnd(epoch(1, 1, EvalFixtures.scores()));
        assertThat(listener.history().get(0).split()).isEqualTo(SplitKind.VALIDATION);
    }

    @Test
    void evaluators_ofTwoParts_areRejected() {
        assertThatThrownBy(() -> EvaluationListener.builder().evaluators(SplitKind.VALIDATION, evaluator())
                .evaluators(SplitKind.TEST, evaluator()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VALIDATION")
                .hasMessageContaining("TEST");
    }

    @Test
    void every_zero_isRejected() {
        assertThatThrownBy(() -> EvaluationListener.builder().every(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every must be >= 1, got 0");
    }

    @Test
    void noEvaluator_isRejected() {
        assertThatThrownBy(() -> EvaluationListener.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("evaluators");
    }
}
