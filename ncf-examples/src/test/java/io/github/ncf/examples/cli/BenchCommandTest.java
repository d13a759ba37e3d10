package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.data.testing.TestData;
import io.github.ncf.examples.Ncf;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ncf bench --quick} on ML-100k (skipped without {@code NCF_DATA_DIR}): the benchmarks
 * run and their JSON is gathered into one report. The figures of a quick run are not checked; they
 * are not for quoting.
 */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickBench_ofDataAndEval_gathersTheirJson() {
        Path data = TestData.ml100k().getParent();
        Path report = dir.resolve("all.json");

        CliRun run = CliRun.of("bench", "--quick", "--only", "data,eval", "--data-dir", data.toString(), "--out",
                dir.resolve("parts").toString(), "--report", report.toString(), "--eval-args",
                "--serving-calls 7");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        JsonNode json = Reports.readTree(report);
        assertThat(json.has("machine")).isTrue();
        assertThat(json.get("data").isObject()).isTrue();
        assertThat(json.get("eval").isObject()).isTrue();
        // --eval-args comes after --quick's own --serving-calls 20, and the last value wins.
        assertThat(json.get("evalArgs").toString()).contains("--serving-calls", "7");
        assertThat(json.findValues("calls")).extracting(JsonNode::asInt).contains(7);
        assertThat(json.has("train")).isFalse();
        assertThat(dir.resolve("parts/data-bench.json")).exists();
        assertThat(dir.resolve("parts/eval-bench.json")).exists();
    }

    @Test
    void bench_withoutData_namesTheWaysToProvideIt() {
        CliRun run = CliRun.of("bench", "--only", "eval", "--data-dir", dir.resolve("none").toString(),
                "--out", dir.toString());

        assertThat(run.exit()).isEqualTo(Ncf.EXIT_FAILURE);
        assertThat(run.errLines()).isEqualTo(1);
    }
}
