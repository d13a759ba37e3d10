package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.core.Engines;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DataSource;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.examples.Ncf;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CLI user reads is in the CLI's terms: errors name options, not library calls; scores say what
 * they are; {@code evaluate} re-measures a saved model with the keys and figures of {@code train}.
 * One GMF is trained once for the class (synthetic:tiny, two epochs).
 */
class CliSpeaksCliTest {

    @TempDir
    static Path shared;

    private static Path model;
    private static Path trainReport;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() {
        model = shared.resolve("gmf");
        trainReport = shared.resolve("train.json");
        CliRun run = CliRun.of("train", "--dataset", "synthetic:tiny", "--model", "gmf", "--epochs", "2",
                "--batch-size", "64", "--eval-negatives", "9", "--save", model.toString(), "--report",
                trainReport.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
    }

    /** No library type, builder call or Java literal is left in a message a CLI user reads. */
    private static void assertCliWords(String message) {
        assertThat(message).doesNotContain("SortOrder", "builder()", "Builder", "(true)", "popularityFallback");
    }

    @Test
    void libraryAdvice_isRewrittenIntoTheOptionsThatFollowIt(@TempDir Path empty) throws Exception {
        Interactions noTimes = Interactions.builder().add("u", "a").add("u", "b").build();
        String split = catchThrowable(() -> LeaveOneOutSplitter.builder().build().split(noTimes)).getMessage();
        String missing = catchThrowable(() -> DataSource.builder().useEnvironment(false).cacheDir(empty)
                .download(false).build().resolve(MovieLensVariant.ML_100K)).getMessage();
        Engines.start();
        String unknown;
        try (NcfModel m = NcfModel.load(model)) {
            unknown = catchThrowable(() -> Recommender.builder(m).build().recommend("nobody", 3)).getMessage();
        }

        assertThat(CliWords.of(split)).contains("--split time needs timestamps", "--split file-order",
                "--split random");
        assertThat(CliWords.of(missing)).contains("give --data-dir DIR");
        assertThat(CliWords.of(unknown)).contains("give --popular-fallback");
        assertCliWords(CliWords.of(split));
        assertCliWords(CliWords.of(missing));
        assertCliWords(CliWords.of(unknown));
    }

    @Test
    void truncatedMovieLensFile_pointsToTheCsvOptions_notToVerifyFalse() throws Exception {
        Path release = Files.createDirectories(dir.resolve("ml-100k"));
        Files.writeString(release.resolve("u.data"), "1\t1\t5\t881250949\n1\t2\t3\t881250950\n");
        Files.writeString(release.resolve("u.item"), "1|A (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0"
                + "|0|0|0|0\n2|B (1995)|01-Jan-1995||http://x|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0|1|0|0\n");

        CliRun run = CliRun.of("train", "--dataset", "ml-100k", "--data-dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_FAILURE);
        assertThat(run.err()).contains("is truncated: 2 rows where ml-100k has 100,000",
                "a modified copy as --dataset csv:FILE");
        assertThat(run.err()).doesNotContain("verify(false)");
        assertCliWords(run.err());
    }

    @Test
    void recommend_unknownUser_namesThePopularFallbackOption() {
        CliRun run = CliRun.of("recommend", "--model", model.toString(), "--user", "nobody");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_FAILURE);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("--user nobody: unknown to the model", "give --popular-fallback");
        assertCliWords(run.err());
    }

    @Test
    void recommend_labelsPopularityCountsAndLogitsForWhatTheyAre() {
        CliRun run = CliRun.of("recommend", "--model", model.toString(), "--user", "nobody,1", "-k", "3",
                "--popular-fallback");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        String[] users = run.out().split("(?m)^user ");
        assertThat(users[1]).startsWith("nobody (unknown to the model: most popular items; score = training "
                + "interactions of the item)").contains("count").doesNotContain("logit");
        // Counts are whole numbers; logits keep four decimals.
        assertThat(users[1].lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+\\d+\\s*"))).hasSize(3);
        assertThat(users[2]).startsWith("1 (score = the model's logit)").contains("logit").doesNotContain("count");
        assertThat(users[2].lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+-?\\d+\\.\\d{4}\\s*"))).hasSize(3);
    }

    @Test
    void evaluate_givesTheFinalMetricsTrainReported_withTheSameKeys() {
        Path report = dir.resolve("evaluate.json");

        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--report", report.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        JsonNode trained = Reports.readTree(trainReport);
        JsonNode evaluated = Reports.readTree(report);
        ReportAssertions.assertRunReport(evaluated, 0);
        // Data set, split order, seed and candidates come from the model, so the split is training's.
        assertThat(evaluated.get("final")).isEqualTo(trained.get("final"));
        assertThat(evaluated.get("dataset")).isEqualTo(trained.get("dataset"));
        assertThat(evaluated.at("/config/embeddingDim")).isEqualTo(trained.at("/config/embeddingDim"));
        assertThat(evaluated.at("/selection/rule").asText()).isEqualTo("none");
        assertThat(run.out()).contains("full HR@10");
    }

    @Test
    void evaluate_withValidation_exits2BeforeReadingData() {
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--validation");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--validation does not apply to evaluate");
        assertThat(run.out()).doesNotContain("data:");
    }

    @Test
    void evaluate_onDataWithOtherIds_exits2NamingTheMismatch() throws Exception {
        Interactions tiny = io.github.ncf.data.synthetic.SyntheticInteractions.tiny().generate();
        List<String> lines = new ArrayList<>(List.of("user,item"));
        for (int r = 0; r < tiny.size(); r++) {
            // Same items, users renamed: a model scoring by index would serve the wrong people.
            lines.add("u" + tiny.userIds().rawId(tiny.user(r)) + "," + tiny.itemIds().rawId(tiny.item(r)));
        }
        Path csv = Files.write(dir.resolve("renamed.csv"), lines);

        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--dataset", "csv:" + csv, "--split",
                "file-order");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("--model " + model + " does not match --dataset csv:" + csv,
                "user 0 is \"1\" in the model and \"u1\" in the data");
    }
}
