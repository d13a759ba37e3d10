package io.github.ncf.examples.cli;

import static io.github.ncf.examples.cli.ReportAssertions.assertChart;
import static io.github.ncf.examples.cli.ReportAssertions.assertRunReport;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every training command end to end on the tiny synthetic data set (60 users, 40 items), so each
 * takes seconds: exit code 0, a report with the required keys, charts that decode at the expected size.
 */
class CommandsEndToEndTest {

    /** Two short epochs; 9 sampled candidates because the tiny set has only 40 items. */
    private static final String[] FAST = {"--dataset", "synthetic:tiny", "--epochs", "2", "--batch-size", "64",
        "--eval-negatives", "9"};

    @TempDir
    Path dir;

    private static String[] args(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    private static CliRun run(String command, String... more) {
        CliRun run = CliRun.of(args(new String[] {command}, args(FAST, more)));
        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        return run;
    }

    @Test
    void train_writesReportChartsAndModel_andRecommendReadsTheModel() throws IOException {
        Path report = dir.resolve("run.json");
        Path charts = dir.resolve("charts");
        Path model = dir.resolve("model");

        CliRun train = run("train", "--report", report.toString(), "--charts", charts.toString(),
                "--save", model.toString());

        assertThat(train.out()).contains("full HR@10", "sampled HR@10", "s/epoch", "NeuMF epoch 2/2");
        JsonNode json = Reports.readTree(report);
        assertRunReport(json, 2);
        assertThat(json.get("model").asText()).isEqualTo("neumf");
        assertThat(json.at("/config/mlpLayers").toString()).isEqualTo("[128,64,32]");
        assertThat(json.at("/config/batchSize").asInt()).isEqualTo(64);
        assertThat(json.at("/epochs/1/test/full/hr@10").isNumber()).isTrue();
        assertChart(charts.resolve("loss.png"));
        assertChart(charts.resolve("hr10.png"));
        assertThat(model.resolve("ncf-model.properties")).exists();

        CliRun recommend = CliRun.of("recommend", "--model", model.toString(), "--user", "1,2", "-k", "5");

        assertThat(recommend.exit()).as(recommend.toString()).isEqualTo(Ncf.EXIT_OK);
        assertThat(recommend.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+-?\\d+\\.\\d{4}.*")))
                .hasSize(10);
    }

    @Test
    void movieLensTitles_travelInsideTheSavedModel_andRecommendShowsThem() throws IOException {
        String data = System.getenv("NCF_DATA_DIR");
        Assumptions.assumeTrue(data != null && Files.isRegularFile(Path.of(data, "ml-100k", "u.item")),
                "NCF_DATA_DIR with ml-100k/u.item is not set; skipping the titles check");
        Path model = dir.resolve("gmf");
        CliRun train = CliRun.of("train", "--dataset", "ml-100k", "--data-dir", data, "--model", "gmf",
                "--epochs", "1", "--batch-size", "4096", "--save", model.toString());
        assertThat(train.exit()).as(train.toString()).isEqualTo(Ncf.EXIT_OK);

        CliRun recommend = CliRun.of("recommend", "--model", model.toString(), "--user", "1", "-k", "3");

        assertThat(model.resolve(Catalogs.FILE)).doesNotExist();
        try (Stream<Path> files = Files.walk(model)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("attachment-" + Catalogs.FILE);
        }
        assertThat(recommend.exit()).as(recommend.toString()).isEqualTo(Ncf.EXIT_OK);
        assertThat(recommend.out()).containsPattern("\\(19\\d\\d\\)");
    }

    @Test
    void recommend_unknownUser_isOneLineError_orPopularItemsWithFallback() throws IOException {
        Path model = dir.resolve("gmf");
        run("train", "--model", "gmf", "--epochs", "1", "--save", model.toString());

        CliRun unknown = CliRun.of("recommend", "--model", model.toString(), "--user", "nobody");
        CliRun fallback = CliRun.of("recommend", "--model", model.toString(), "--user", "nobody",
                "--popular-fallback", "-k", "3");

        assertThat(unknown.exit()).isEqualTo(Ncf.EXIT_FAILURE);
        assertThat(unknown.errLines()).isEqualTo(1);
        assertThat(unknown.err()).contains("nobody");
        assertThat(fallback.exit()).as(fallback.toString()).isEqualTo(Ncf.EXIT_OK);
        assertThat(fallback.out()).contains("most popular items");
    }

    @Test
    void train_evalThreads_giveTheSameMetrics_andAreRecorded() throws IOException {
        Path one = dir.resolve("one.json");
        Path two = dir.resolve("two.json");

        run("train", "--report", one.toString());
        run("train", "--eval-threads", "2", "--report", two.toString());

        JsonNode a = Reports.readTree(one);
        JsonNode b = Reports.readTree(two);
        assertThat(a.at("/config/evalThreads").asInt()).isEqualTo(1);
        assertThat(b.at("/config/evalThreads").asInt()).isEqualTo(2);
        // Same seed, same training; ranks do not depend on how many threads evaluate.
        assertThat(b.get("final")).isEqualTo(a.get("final"));
        assertThat(b.at("/epochs/0/test")).isEqualTo(a.at("/epochs/0/test"));
    }

    @Test
    void train_gmfAndMlp_recordTheirOwnHyperparameters() {
        Path gmf = dir.resolve("gmf.json");
        Path mlp = dir.resolve("mlp.json");

        run("train", "--model", "gmf", "--embedding-dim", "8", "--report", gmf.toString());
        run("train", "--model", "mlp", "--embedding-dim", "8", "--layers", "16-8", "--dropout", "0",
                "--optimizer", "sgd", "--lr", "0.01", "--eval-every", "0", "--report", mlp.toString());

        assertThat(Reports.readTree(gmf).at("/config/embeddingDim").asInt()).isEqualTo(8);
        JsonNode m = Reports.readTree(mlp);
        assertRunReport(m, 2);
        assertThat(m.at("/config/layers").toString()).isEqualTo("[16,8]");
        assertThat(m.at("/config/optimizer").asText()).isEqualTo("sgd");
        assertThat(m.at("/config/learningRate").asDouble()).isEqualTo(0.01);
        // --eval-every 0 evaluates only after the last epoch.
        assertThat(m.at("/epochs/0").has("test")).isFalse();
        assertThat(m.at("/epochs/1").has("test")).isTrue();
    }

    @Test
    void train_onACsvFile_readsTheColumnsAndReportsRowsLeftOut() throws IOException {
        Interactions data = SyntheticInteractions.tiny().generate();
        Path csv = dir.resolve("ratings.csv");
        List<String> lines = new ArrayList<>();
        lines.add("user;item;rating;time");
        for (int r = 0; r < data.size(); r++) {
            // Every tenth row rated 1, the rest 5, so --min-rating 3 leaves out a tenth.
            lines.add(data.userIds().rawId(data.user(r)) + ";" + data.itemIds().rawId(data.item(r)) + ";"
                    + (r % 10 == 0 ? 1 : 5) + ";" + data.timestamp(r));
        }
        Files.write(csv, lines);
        Path report = dir.resolve("csv.json");

        CliRun run = CliRun.of(args(new String[] {"train", "--dataset", "csv:" + csv, "--csv-delimiter", ";",
            "--csv-rating-column", "2", "--csv-timestamp-column", "3", "--min-rating", "3", "--epochs", "1",
            "--eval-negatives", "9", "--model", "gmf", "--report", report.toString()}));

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        assertThat(run.out()).contains("120 rows rated below 3.0 left out");
        JsonNode json = Reports.readTree(report);
        assertRunReport(json, 1);
        assertThat(json.at("/dataset/interactions").asLong()).isEqualTo(1_080);
    }

    @Test
    void compare_runsFourScorersOnOneSplit() throws IOException {
        Path report = dir.resolve("compare.json");
        Path charts = dir.resolve("charts");

        CliRun compare = run("compare", "--report", report.toString(), "--charts", charts.toString());

        JsonNode runs = Reports.readTree(report).get("runs");
        assertThat(runs).hasSize(4);
        assertThat(runs.findValuesAsText("model")).containsExactly("gmf", "mlp", "neumf", "popularity");
        assertRunReport(runs.get(0), 2);
        assertRunReport(runs.get(3), 0);
        // One split for all: every run evaluated the same users.
        assertThat(runs.findValues("testInteractions").stream().map(JsonNode::asLong).distinct()).hasSize(1);
        assertThat(compare.out()).contains("ItemPopularity");
        assertChart(charts.resolve("compare.png"));
        assertChart(charts.resolve("loss.png"));
    }

    @Test
    void sweepNegatives_trainsOncePerValue() throws IOException {
        Path report = dir.resolve("sweep.json");
        Path charts = dir.resolve("charts");

        run("sweep-negatives", "--values", "1,2", "--model", "gmf", "--report", report.toString(), "--charts",
                charts.toString());

        JsonNode json = Reports.readTree(report);
        assertThat(json.get("parameter").asText()).isEqualTo("negatives");
        assertThat(json.get("runs")).hasSize(2);
        assertThat(json.at("/runs/1/config/negatives").asInt()).isEqualTo(2);
        assertRunReport(json.at("/runs/1"), 2);
        assertChart(charts.resolve("sweep-negatives-quality.png"));
        assertChart(charts.resolve("sweep-negatives-seconds.png"));
    }

    @Test
    void sweepLayers_trainsOncePerTower() throws IOException {
        Path report = dir.resolve("sweep.json");
        Path charts = dir.resolve("charts");

        run("sweep-layers", "--values", "16-8,32-16-8", "--report", report.toString(), "--charts",
                charts.toString(), "--epochs", "1");

        JsonNode json = Reports.readTree(report);
        assertThat(json.get("values").toString()).isEqualTo("[\"16-8\",\"32-16-8\"]");
        assertThat(json.at("/runs/1/config/mlpLayers").toString()).isEqualTo("[32,16,8]");
        assertRunReport(json.at("/runs/0"), 1);
        assertChart(charts.resolve("sweep-layers-quality.png"));
        assertChart(charts.resolve("sweep-layers-seconds.png"));
    }

    @Test
    void pretrain_comparesTransplantedNeuMFWithScratch() throws IOException {
        Path report = dir.resolve("pretrain.json");
        Path charts = dir.resolve("charts");

        run("pretrain", "--gmf-dim", "8", "--mlp-dim", "8", "--layers", "16-8", "--finetune-optimizer", "sgd",
                "--finetune-lr", "0.01", "--report", report.toString(), "--charts", charts.toString());

        JsonNode runs = Reports.readTree(report).get("runs");
        assertThat(runs.findValuesAsText("label")).containsExactly("GMF (pretraining)", "MLP (pretraining)",
                "NeuMF (pretrained)", "NeuMF (scratch)");
        JsonNode pretrained = runs.get(2);
        assertRunReport(pretrained, 2);
        assertThat(pretrained.at("/config/pretrained").asBoolean()).isTrue();
        assertThat(pretrained.at("/config/optimizer").asText()).isEqualTo("sgd");
        assertThat(pretrained.at("/config/gmfDim").asInt()).isEqualTo(8);
        assertThat(runs.at("/0/config/embeddingDim").asInt()).isEqualTo(8);
        assertChart(charts.resolve("pretrain.png"));
    }

    @Test
    void trainWithPretrain_reportsTheFineTunedNeuMF() throws IOException {
        Path report = dir.resolve("run.json");

        run("train", "--pretrain", "--alpha", "0.3", "--epochs", "1", "--report", report.toString());

        JsonNode json = Reports.readTree(report);
        assertRunReport(json, 1);
        assertThat(json.get("model").asText()).isEqualTo("neumf");
        assertThat(json.at("/config/alpha").asDouble()).isEqualTo(0.3);
    }
}
