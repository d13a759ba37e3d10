package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncf tune} end to end on synthetic:small: validation-only selection, one test run, resumption. */
class TuneCommandTest {

    @TempDir
    Path dir;

    private CliRun tune(Path report, int trials, String model) {
        return CliRun.of("tune", "--model", model, "--dataset", "synthetic:small", "--trials", String.valueOf(trials),
                "--budget-minutes", "5", "--max-epochs", "2", "--seed", "3", "--report", report.toString(),
                "--charts", dir.resolve("charts").toString());
    }

    @Test
    void tune_selectsOnValidation_andEvaluatesTestOnce() {
        Path report = dir.resolve("tune-ease.json");
        CliRun run = tune(report, 3, "ease");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode r = Reports.readTree(report);
        assertThat(r.path("selection").asText()).isEqualTo("validation");
        assertThat(r.path("testEvaluations").asInt()).isEqualTo(1);
        assertThat(r.path("trials")).hasSize(3);
        String metric = r.path("selectionMetric").asText();
        assertThat(metric).isEqualTo("full.ndcg@10");
        double best = 0;
        for (JsonNode t : r.path("trials")) {
            assertThat(t.path("config").has("lambda")).isTrue();
            assertThat(t.path("validation").has("full.hr@10")).isTrue();
            assertThat(t.path("validation").has("sampled.ndcg@10")).isTrue();
            assertThat(t.has("test")).isFalse();
            best = Math.max(best, t.path("validation").path(metric).asDouble());
        }
        int chosen = r.path("chosenTrial").asInt();
        assertThat(r.path("trials").get(chosen).path("validation").path(metric).asDouble()).isEqualTo(best);
        assertThat(r.path("chosenConfig").path("lambda").asDouble())
                .isEqualTo(r.path("trials").get(chosen).path("config").path("lambda").asDouble());
        assertThat(r.path("test").has("full.hr@10")).isTrue();
        assertThat(run.out()).contains("chosen on validation: trial " + chosen).contains("test (evaluated once)");
        assertThat(Files.isRegularFile(dir.resolve("charts").resolve("tune-ease.png"))).isTrue();
    }

    @Test
    void tune_resumedFromItsReport_skipsFinishedTrials() {
        Path report = dir.resolve("tune-itemknn.json");
        CliRun first = tune(report, 1, "itemknn");
        assertThat(first.exit()).as(first.toString()).isZero();
        JsonNode before = Reports.readTree(report).path("trials").get(0);

        CliRun second = tune(report, 2, "itemknn");

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).contains("resuming after 1 recorded trials").doesNotContain("trial 0:")
                .contains("trial 1:");
        JsonNode after = Reports.readTree(report);
        assertThat(after.path("trials")).hasSize(2);
        assertThat(after.path("trials").get(0)).isEqualTo(before);
        assertThat(after.path("testEvaluations").asInt()).isEqualTo(1);
    }

    @Test
    void tune_withFix_holdsTheValueInEveryTrial_recordsIt_andRefusesToResumeWithoutIt() {
        Path report = dir.resolve("tune-ials.json");
        CliRun run = CliRun.of("tune", "--model", "ials", "--fix", "factors=8", "--dataset", "synthetic:small",
                "--trials", "2", "--seed", "3", "--report", report.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode r = Reports.readTree(report);
        assertThat(r.path("fixed").path("factors").asText()).isEqualTo("8");
        for (JsonNode t : r.path("trials")) {
            assertThat(t.path("config").path("factors").asInt()).isEqualTo(8);
            assertThat(t.path("cpuSeconds").asDouble()).isPositive();
        }
        CliRun other = CliRun.of("tune", "--model", "ials", "--dataset", "synthetic:small", "--trials", "3",
                "--seed", "3", "--report", report.toString());
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("holds another search").contains("fixed {factors=8}");
    }

    @Test
    void tune_resumedWithAnotherPatience_isRefusedNamingBoth() {
        Path report = dir.resolve("tune-gmf.json");
        CliRun first = CliRun.of("tune", "--model", "gmf", "--dataset", "synthetic:small", "--trials", "1",
                "--max-epochs", "1", "--patience", "2", "--report", report.toString());
        assertThat(first.exit()).as(first.toString()).isZero();

        CliRun second = CliRun.of("tune", "--model", "gmf", "--dataset", "synthetic:small", "--trials", "2",
                "--max-epochs", "1", "--patience", "4", "--report", report.toString());

        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.err()).contains("--patience 2, not 4");
    }
}
