package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncf compare --models}: baselines and trained models side by side with intervals and tau. */
class CompareModelsTest {

    @TempDir
    Path dir;

    @Test
    void compareModels_onSyntheticSmall_reportsIntervalsToTheBest_andTau() {
        Path report = dir.resolve("compare.json");
        CliRun run = CliRun.of("compare", "--models", "itempop,ease,itemknn,mf,gmf", "--dataset", "synthetic:small",
                "--epochs", "1", "--ease-lambda", "50", "--knn-k", "10", "--mf-dim", "16", "--report",
                report.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode r = Reports.readTree(report);
        assertThat(r.path("models")).hasSize(5);
        assertThat(r.path("models").get(1).path("config").path("lambda").asDouble()).isEqualTo(50);
        assertThat(r.path("models").get(2).path("config").path("k").asInt()).isEqualTo(10);
        assertThat(r.path("models").get(3).path("config").path("dim").asInt()).isEqualTo(16);
        assertThat(r.path("models").get(0).path("perUser").path("full.hr@10").size()).isPositive();
        JsonNode intervals = r.path("comparison").path("toBest").path("full").path("HR@10");
        String best = r.path("comparison").path("best").path("full").path("HR@10").asText();
        assertThat(intervals.size()).isEqualTo(4);
        intervals.fields().forEachRemaining(e -> {
            assertThat(e.getKey()).isNotEqualTo(best);
            assertThat(e.getValue().path("lower").asDouble()).isLessThanOrEqualTo(e.getValue().path("upper").asDouble());
        });
        assertThat(r.path("comparison").path("tau").has("HR@10")).isTrue();
        assertThat(run.out()).contains("(best)").contains("Kendall's tau between full and sampled orderings");
    }

    @Test
    void compareModels_takesTheTunedConfiguration() {
        Path tune = dir.resolve("tune-itemknn.json");
        CliRun tuned = CliRun.of("tune", "--model", "itemknn", "--dataset", "synthetic:small", "--trials", "1",
                "--budget-minutes", "1", "--report", tune.toString());
        assertThat(tuned.exit()).as(tuned.toString()).isZero();
        int k = Reports.readTree(tune).path("chosenConfig").path("k").asInt();
        Path report = dir.resolve("compare.json");

        CliRun run = CliRun.of("compare", "--models", "itempop,itemknn", "--dataset", "synthetic:small", "--tuned",
                tune.toString(), "--report", report.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode knn = Reports.readTree(report).path("models").get(1);
        assertThat(knn.path("source").asText()).startsWith("tuned: ");
        assertThat(knn.path("config").path("k").asInt()).isEqualTo(k);
    }

    @Test
    void easeLambda100_onMovieLens100k_matchesTheReferenceFullHitRate() {
        String dataDir = System.getenv("NCF_DATA_DIR");
        assumeTrue(dataDir != null && Files.isDirectory(Path.of(dataDir, "ml-100k")),
                "NCF_DATA_DIR with ml-100k/ is not set; skipping the ML-100k EASE check");
        Path report = dir.resolve("compare.json");
        CliRun run = CliRun.of("compare", "--models", "itempop,ease", "--ease-lambda", "100", "--dataset", "ml-100k",
                "--data-dir", dataDir, "--report", report.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode ease = Reports.readTree(report).path("models").get(1);
        assertThat(ease.path("test").path("full.hr@10").asDouble()).isCloseTo(0.1485, within(0.003));
    }
}
