package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.examples.Ncf;
import io.github.ncf.examples.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split options: file order for data without timestamps, a validation split that per-epoch
 * metrics and early stopping read while test is measured once, and data too thin to evaluate.
 */
class SplitOptionsTest {

    private static final String[] FAST = {"--epochs", "2", "--batch-size", "64", "--eval-negatives", "9",
        "--model", "gmf"};

    @TempDir
    Path dir;

    private static String[] args(String... head) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(FAST));
        return all.toArray(String[]::new);
    }

    /** The tiny synthetic set as a CSV without timestamps, user ids quoted with the delimiter inside. */
    private Path quotedCsvWithoutTimes() throws IOException {
        Interactions data = SyntheticInteractions.tiny().generate();
        List<String> lines = new ArrayList<>(List.of("user,item"));
        for (int r = 0; r < data.size(); r++) {
            lines.add("\"" + data.userIds().rawId(data.user(r)) + ",x\"," + data.itemIds().rawId(data.item(r)));
        }
        return Files.write(dir.resolve("no-times.csv"), lines);
    }

    @Test
    void csvWithoutTimestamps_trainsWithFileOrder_andSaysSo() throws IOException {
        Path csv = quotedCsvWithoutTimes();
        Path report = dir.resolve("run.json");

        CliRun run = CliRun.of(args("train", "--dataset", "csv:" + csv, "--csv-quoted", "--report",
                report.toString()));

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        assertThat(run.out()).contains("split: --split file-order (the default without --csv-timestamp-column): "
                + "each user's last row in the file held out for test");
        // Quoted ids keep their comma: 60 users, not 60 users and a column of "x".
        assertThat(run.out()).contains("1,200 interactions, 60 users, 40 items");
        JsonNode json = Reports.readTree(report);
        assertThat(json.at("/dataset/split").asText()).isEqualTo("file-order");
        assertThat(json.at("/dataset/testInteractions").asInt()).isEqualTo(60);
    }

    @Test
    void validation_perEpochMetricsReadValidation_andTestIsReportedOnceAsFinal() {
        Path report = dir.resolve("run.json");

        CliRun run = CliRun.of(args("train", "--dataset", "synthetic:tiny", "--validation", "--report",
                report.toString()));

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        assertThat(run.out()).contains("per-epoch metrics on the validation split");
        JsonNode json = Reports.readTree(report);
        ReportAssertions.assertRunReport(json, 2);
        for (JsonNode epoch : json.get("epochs")) {
            assertThat(epoch.at("/validation/full/hr@10").isNumber()).as(epoch.toString()).isTrue();
            assertThat(epoch.at("/validation/sampled/hr@10").isNumber()).as(epoch.toString()).isTrue();
            assertThat(epoch.has("test")).as(epoch.toString()).isFalse();
        }
        assertThat(json.at("/dataset/validationInteractions").asInt()).isEqualTo(60);
        assertThat(json.at("/dataset/testInteractions").asInt()).isEqualTo(60);
        assertThat(json.at("/config/validation").asBoolean()).isTrue();
        assertThat(json.at("/selection/rule").asText()).isEqualTo("last");
        assertThat(json.at("/selection/split").asText()).isEqualTo("none");
    }

    @Test
    void earlyStopping_selectsTheEpochOnValidation_andSaysSo() {
        Path report = dir.resolve("run.json");

        CliRun run = CliRun.of(args("train", "--dataset", "synthetic:tiny", "--validation", "--early-stopping",
                "1", "--epochs", "4", "--report", report.toString()));

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        JsonNode json = Reports.readTree(report);
        assertThat(run.out()).contains("metrics on the test split, measured once after training; the epoch kept was"
                + " chosen on the validation split");
        JsonNode selection = json.get("selection");
        assertThat(selection.get("rule").asText()).isEqualTo("best");
        assertThat(selection.get("split").asText()).isEqualTo("validation");
        assertThat(selection.get("metric").asText()).isEqualTo("validation.full.hr@10");
        int best = selection.get("epoch").asInt();
        // The value recorded is the validation figure of the epoch kept, and the best of those seen.
        double value = selection.get("value").asDouble();
        assertThat(json.at("/epochs/" + (best - 1) + "/validation/full/hr@10").asDouble()).isEqualTo(value);
        for (JsonNode epoch : json.get("epochs")) {
            assertThat(epoch.at("/validation/full/hr@10").asDouble()).isLessThanOrEqualTo(value);
        }
    }

    @Test
    void everyUserWithOneInteraction_exits2NamingTheDataset() throws IOException {
        Path csv = Files.write(dir.resolve("one-each.csv"), List.of("user,item", "1,a", "2,b", "3,c", "4,a"));

        CliRun run = CliRun.of(args("train", "--dataset", "csv:" + csv));

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("--dataset csv:" + csv + ": no user has two or more interactions");
        assertThat(run.out()).doesNotContain("NaN");
    }

    @Test
    void threadsAboveTheProcessorCount_warnOnceNamingTheCount() {
        int processors = Runtime.getRuntime().availableProcessors();

        // synthetic:tiny has 40 items, too few for 99 sampled candidates: the run stops after the warning
        // and before a single step with 1,000 threads.
        CliRun run = CliRun.of("train", "--dataset", "synthetic:tiny", "--threads", "1000");

        assertThat(run.err()).contains("warning: --threads 1000 is more than the " + processors
                + " processors of this machine");
        assertThat(run.err().split("warning:", -1)).hasSize(2);
        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--eval-negatives 99 is too many for synthetic:tiny");
    }

    @Test
    void movieLens100k_validationHoldsOutOneRowPerUser_beforeTheTestRow() {
        String data = System.getenv("NCF_DATA_DIR");
        Assumptions.assumeTrue(data != null && Files.isRegularFile(Path.of(data, "ml-100k", "u.data")),
                "NCF_DATA_DIR with ml-100k/u.data is not set; skipping the MovieLens check");
        Path report = dir.resolve("ml.json");

        CliRun run = CliRun.of("train", "--dataset", "ml-100k", "--data-dir", data, "--model", "gmf",
                "--epochs", "1", "--validation", "--report", report.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        JsonNode json = Reports.readTree(report);
        // Every ML-100k user has at least 20 ratings, so each gives a test and a validation row.
        assertThat(json.at("/dataset/testInteractions").asInt()).isEqualTo(943);
        assertThat(json.at("/dataset/validationInteractions").asInt()).isEqualTo(943);
        assertThat(json.at("/dataset/trainInteractions").asInt()).isEqualTo(100_000 - 2 * 943);
        assertThat(json.at("/epochs/0/validation/sampled/hr@10").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.at("/final/sampled/hr@10").asDouble()).isBetween(0.0, 1.0);
    }
}
