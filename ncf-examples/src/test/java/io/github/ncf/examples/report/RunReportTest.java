package io.github.ncf.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    private static RunReport.Builder sample() {
        return RunReport.builder()
                .dataset(new DatasetInfo("synthetic:tiny", 10, 20, 100, 90, 10, ""))
                .model("neumf")
                .config("seed", 42L)
                .config("epochs", 3)
                .addEpoch(EpochRecord.unevaluated(1, 0.6, 3.0))
                .addEpoch(EpochRecord.onTest(2, 0.5, 1.0, Map.of("hr@10", 0.1), Map.of("hr@10", 0.5)))
                .addEpoch(EpochRecord.unevaluated(3, 0.4, 2.0))
                .finalFull(Map.of("hr@10", 0.1, "ndcg@10", 0.05))
                .finalSampled(Map.of("hr@10", 0.5, "ndcg@10", 0.3))
                .fullEvalSeconds(0.2)
                .sampledEvalSeconds(0.1);
    }

    @Test
    void trainSecondsPerEpoch_isTheMedianOfTheEpochs() {
        RunReport report = sample().build();

        assertThat(report.timing().trainSecondsPerEpoch()).isEqualTo(2.0);
        assertThat(report.timing().totalTrainSeconds()).isEqualTo(6.0);
    }

    @Test
    void median_ofAnEvenCount_isTheMeanOfTheMiddleTwo() {
        assertThat(RunReport.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void json_hasEveryRequiredKey(@TempDir Path dir) {
        Path file = dir.resolve("sub/run.json");
        Reports.write(sample().build(), file);

        JsonNode json = Reports.readTree(file);
        assertThat(json.has("dataset")).isTrue();
        assertThat(json.get("model").asText()).isEqualTo("neumf");
        assertThat(json.get("config").get("seed").asLong()).isEqualTo(42L);
        assertThat(json.get("epochs")).hasSize(3);
        assertThat(json.get("epochs").get(0).has("test")).isFalse();
        assertThat(json.at("/epochs/1/test/sampled/hr@10").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/final/full/hr@10").asDouble()).isEqualTo(0.1);
        assertThat(json.at("/final/full/ndcg@10").asDouble()).isEqualTo(0.05);
        assertThat(json.at("/final/sampled/hr@10").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/final/sampled/ndcg@10").asDouble()).isEqualTo(0.3);
        assertThat(json.at("/timing/trainSecondsPerEpoch").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/timing/fullEvalSeconds").asDouble()).isEqualTo(0.2);
        assertThat(json.at("/timing/sampledEvalSeconds").asDouble()).isEqualTo(0.1);
    }

    @Test
    void json_roundTripsToAnEqualReport(@TempDir Path dir) {
        RunReport report = sample().label("NeuMF").build();
        Path file = dir.resolve("run.json");
        Reports.write(report, file);

        RunReport back = Reports.readRun(file);

        assertThat(back.label()).isEqualTo("NeuMF");
        assertThat(back.epochs()).isEqualTo(report.epochs());
        assertThat(back.finalMetrics()).isEqualTo(report.finalMetrics());
        assertThat(back.timing()).isEqualTo(report.timing());
        assertThat(back.dataset()).isEqualTo(report.dataset());
    }

    @Test
    void baseline_withoutEpochs_writesNullTrainSeconds(@TempDir Path dir) {
        RunReport report = RunReport.builder()
                .dataset(new DatasetInfo("x", 1, 2, 3, 2, 1, ""))
                .model("popularity")
                .finalFull(Map.of("hr@10", 0.0)).finalSampled(Map.of("hr@10", 1.0))
                .fullEvalSeconds(0).sampledEvalSeconds(0)
                .build();
        Path file = dir.resolve("run.json");
        Reports.write(report, file);

        JsonNode timing = Reports.readTree(file).get("timing");
        assertThat(timing.has("trainSecondsPerEpoch")).isTrue();
        assertThat(timing.get("trainSecondsPerEpoch").isNull()).isTrue();
    }

    @Test
    void build_withoutFinalMetrics_isRejected() {
        RunReport.Builder builder = RunReport.builder()
                .dataset(new DatasetInfo("x", 1, 2, 3, 2, 1, ""))
                .model("gmf").fullEvalSeconds(0).sampledEvalSeconds(0);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finalFull");
    }

    @Test
    void addEpoch_outOfOrder_isRejected() {
        RunReport.Builder builder = RunReport.builder().addEpoch(EpochRecord.unevaluated(2, 0.1, 1));

        assertThatThrownBy(() -> builder.addEpoch(EpochRecord.unevaluated(2, 0.1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch must increase, got 2");
    }

    @Test
    void negativeEvalSeconds_isRejected() {
        assertThatThrownBy(() -> RunReport.builder().fullEvalSeconds(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fullEvalSeconds must be >= 0, got -1.0");
    }

    @Test
    void multiRunReport_withMismatchedValues_isRejected() {
        RunReport run = sample().build();

        assertThatThrownBy(() -> new MultiRunReport("sweep-negatives", "negatives", List.of("1", "4"), List.of(run)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values and 1 runs");
    }

    @Test
    void metricKey_isLowerCase() {
        assertThat(Reports.metricKey("HR@10")).isEqualTo("hr@10");
    }
}
