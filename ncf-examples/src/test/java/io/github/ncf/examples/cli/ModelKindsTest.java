package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.examples.Ncf;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mf} is a model kind of {@code ncf train} like the NCF ones: trained, saved, evaluated, checked. */
class ModelKindsTest {

    @TempDir
    Path dir;

    @Test
    void train_mf_withL2_isRecorded_andEvaluateGivesTheSameFinalMetrics() {
        Path saved = dir.resolve("mf");
        Path trained = dir.resolve("train.json");
        Path evaluated = dir.resolve("evaluate.json");

        CliRun train = CliRun.of("train", "--model", "mf", "--embedding-dim", "8", "--l2", "1e-6", "--dataset",
                "synthetic:tiny", "--epochs", "2", "--batch-size", "64", "--eval-negatives", "9", "--save",
                saved.toString(), "--report", trained.toString());
        assertThat(train.exit()).as(train.toString()).isEqualTo(Ncf.EXIT_OK);
        CliRun evaluate = CliRun.of("evaluate", "--model", saved.toString(), "--report", evaluated.toString());
        assertThat(evaluate.exit()).as(evaluate.toString()).isEqualTo(Ncf.EXIT_OK);

        JsonNode t = Reports.readTree(trained);
        assertThat(t.path("model").asText()).isEqualTo("mf");
        assertThat(t.at("/config/l2").asDouble()).isEqualTo(1e-6);
        assertThat(Reports.readTree(evaluated).get("final")).isEqualTo(t.get("final"));
    }

    @Test
    void train_mf_withLayers_isAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("train", "--model", "mf", "--layers", "16-8", "--dataset", "synthetic:tiny");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--layers does not apply to --model mf");
    }

    @Test
    void train_mf_withJavaKernels_isAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("train", "--model", "mf", "--kernels", "java", "--dataset", "synthetic:tiny");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--kernels java does not apply to --model mf");
    }

    @Test
    void train_withJavaKernels_isRecorded() {
        Path trained = dir.resolve("train.json");
        CliRun train = CliRun.of("train", "--model", "neumf", "--kernels", "java", "--dataset", "synthetic:tiny",
                "--epochs", "2", "--batch-size", "64", "--eval-negatives", "9", "--report", trained.toString());

        assertThat(train.exit()).as(train.toString()).isEqualTo(Ncf.EXIT_OK);
        JsonNode t = Reports.readTree(trained);
        assertThat(t.at("/config/kernels").asText()).isEqualTo("java");
        assertThat(t.get("final")).as("final metrics").isNotNull();
    }

    @Test
    void l2_negative_isAUsageErrorNamingTheValue() {
        CliRun run = CliRun.of("train", "--l2", "-0.5", "--dataset", "synthetic:tiny");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--l2 must be finite and >= 0, got -0.5");
    }
}
