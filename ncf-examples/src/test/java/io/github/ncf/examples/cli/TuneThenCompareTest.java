package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ncf tune} then {@code ncf compare --models ... --tuned} end to end, with tiny budgets, on
 * synthetic:small and on ML-100k (skipped without NCF_DATA_DIR): selection read validation only, test
 * was evaluated once per model, and the comparison's test figures are the ones the search measured.
 */
class TuneThenCompareTest {

    @TempDir
    Path dir;

    private static String[] data(String dataset) {
        if (dataset.equals("ml-100k")) {
            String dataDir = System.getenv("NCF_DATA_DIR");
            assumeTrue(dataDir != null && Files.isDirectory(Path.of(dataDir, "ml-100k")),
                    "NCF_DATA_DIR with ml-100k/ is not set; skipping the ML-100k tune and compare run");
            return new String[] {"--dataset", "ml-100k", "--data-dir", dataDir};
        }
        return new String[] {"--dataset", dataset};
    }

    private static CliRun ok(String[] data, String... args) {
        CliRun run = CliRun.of(Stream.concat(Stream.of(args), Stream.of(data)).toArray(String[]::new));
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    @ParameterizedTest
    @ValueSource(strings = {"synthetic:small", "ml-100k"})
    void tuneThenCompare_selectsOnValidation_andTestsEachModelOnce(String dataset) {
        String[] data = data(dataset);
        Path ease = dir.resolve("tune-ease.json");
        Path gmf = dir.resolve("tune-gmf.json");
        Path compare = dir.resolve("compare.json");
        Path markdown = dir.resolve("compare.md");
        ok(data, "tune", "--model", "ease", "--trials", "2", "--report", ease.toString());
        ok(data, "tune", "--model", "gmf", "--trials", "1", "--max-epochs", "1", "--batch-size", "4096",
                "--report", gmf.toString());

        // Without its recorded per-user values compare trains GMF again, and must get the search's test figures.
        ObjectNode gmfReport = (ObjectNode) Reports.readTree(gmf);
        JsonNode gmfTest = gmfReport.path("test");
        gmfReport.remove("testPerUser");
        Path gmfRetrained = dir.resolve("tune-gmf-without-per-user.json");
        Reports.write(gmfReport, gmfRetrained);

        ok(data, "compare", "--models", "itempop,ease,gmf", "--tuned", ease.toString(), gmfRetrained.toString(),
                "--report", compare.toString(), "--markdown", markdown.toString(), "--charts",
                dir.resolve("charts").toString());

        JsonNode c = Reports.readTree(compare);
        List<String> models = new ArrayList<>();
        c.path("models").forEach(m -> models.add(m.path("name").asText()));
        assertThat(models).containsExactly("itempop", "ease", "gmf");
        for (Path file : List.of(ease, gmf)) {
            JsonNode t = Reports.readTree(file);
            assertThat(t.path("selection").asText()).isEqualTo("validation");
            assertThat(t.path("testEvaluations").asInt()).isEqualTo(1);
            t.path("trials").forEach(trial -> assertThat(trial.has("test")).isFalse());
            JsonNode entry = c.path("models").get(models.indexOf(t.path("model").asText()));
            JsonNode chosen = t.path("trials").get(t.path("chosenTrial").asInt());
            assertThat(entry.path("selection").path("rule").asText()).isEqualTo("validation");
            assertThat(entry.path("selection").path("testEvaluations").asInt()).isEqualTo(1);
            assertThat(entry.path("selection").path("validation")).isEqualTo(chosen.path("validation"));
            // Same configuration, batch size and seed: the comparison's test is the search's one test.
            assertThat(entry.path("test")).as("%s test", file).isEqualTo(t.path("test"));
        }
        JsonNode easeEntry = c.path("models").get(1);
        assertThat(easeEntry.path("source").asText()).endsWith("(its one test evaluation)");
        assertThat(easeEntry.path("perUser")).isEqualTo(Reports.readTree(ease).path("testPerUser"));
        JsonNode gmfEntry = c.path("models").get(2);
        assertThat(gmfEntry.path("source").asText()).doesNotContain("its one test evaluation");
        assertThat(gmfEntry.path("test")).isEqualTo(gmfTest);
        assertThat(c.path("models").get(0).path("selection").path("rule").asText()).isEqualTo("none");
        assertThat(markdown).content().contains("| ease | full.ndcg@10 ").contains("(best)")
                .contains("Kendall's tau");
        assertThat(dir.resolve("charts").resolve("compare-models.png")).isRegularFile();
    }
}
