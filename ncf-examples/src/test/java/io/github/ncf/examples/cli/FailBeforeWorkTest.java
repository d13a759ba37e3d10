package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.examples.Ncf;
import io.github.ncf.examples.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every output path and every argument is checked before any data is read (exit 2, one line naming the
 * option), and an output that fails at the end does not keep the others from being written.
 */
class FailBeforeWorkTest {

    @TempDir
    Path dir;

    /** The run stopped before reading data: loading prints a "data:" line first. */
    private static void assertStoppedBeforeData(CliRun run, String option) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.errLines()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains(option).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).as(run.toString()).doesNotContain("data:");
    }

    private static boolean canWrite(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** A folder no file can be created in: one without write permission, or /proc when running as root. */
    private Path readOnlyFolder() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("read-only"));
        ro.toFile().setWritable(false, false);
        if (!canWrite(ro)) {
            return ro;
        }
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc) && !canWrite(proc), "no read-only folder on this system");
        return proc;
    }

    @Test
    void save_onAnExistingFile_exits2BeforeLoadingData() throws IOException {
        Path file = Files.writeString(dir.resolve("model"), "not a folder");

        CliRun run = CliRun.of("train", "--dataset", "synthetic:small", "--save", file.toString());

        assertStoppedBeforeData(run, "--save " + file + " is an existing file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void report_inAReadOnlyFolder_exits2BeforeLoadingData() throws IOException {
        Path report = readOnlyFolder().resolve("run.json");

        CliRun run = CliRun.of("train", "--dataset", "synthetic:small", "--report", report.toString());

        assertStoppedBeforeData(run, "--report " + report + ": cannot write into");
    }

    @Test
    void charts_underAFile_exits2BeforeLoadingData() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path charts = file.resolve("charts");

        CliRun run = CliRun.of("compare", "--dataset", "synthetic:small", "--charts", charts.toString());

        assertStoppedBeforeData(run, "--charts " + charts + ": cannot create its folder, " + file + " is a file");
    }

    @Test
    void anOutputFailingAtTheEnd_leavesTheOthersWritten_andExits1NamingIt() throws IOException {
        Path charts = Files.createDirectory(dir.resolve("charts"));
        // The folder is writable, so the check passes; the chart's own file name is taken by a folder.
        Files.createDirectory(charts.resolve("loss.png"));
        Path report = dir.resolve("run.json");
        Path model = dir.resolve("model");

        CliRun run = CliRun.of("train", "--dataset", "synthetic:tiny", "--epochs", "1", "--batch-size", "64",
                "--eval-negatives", "9", "--model", "gmf", "--charts", charts.toString(), "--report",
                report.toString(), "--save", model.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_FAILURE);
        assertThat(run.errLines()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("not written: --charts " + charts);
        assertThat(run.out()).contains("full HR@10", "report: " + report, "model: " + model);
        assertThat(Reports.readTree(report).at("/final/full/hr@10").isNumber()).isTrue();
        assertThat(model.resolve("ncf-model.properties")).exists();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "train --dropout 1                                    | --dropout must be in [0, 1), got 1.0",
        "train --dropout -0.1                                 | --dropout must be in [0, 1), got -0.1",
        "train --model gmf --embedding-dim 0                  | --embedding-dim must be >= 1, got 0",
        "compare --gmf-dim 0                                  | --gmf-dim must be >= 1, got 0",
        "pretrain --mlp-dim -4                                | --mlp-dim must be >= 1, got -4",
        "train --model gmf --layers 16-8                      | --layers does not apply to --model gmf",
        "train --embedding-dim 8                              | --embedding-dim does not apply to --model neumf",
        "sweep-negatives --model mlp --gmf-dim 8              | --gmf-dim does not apply to --model mlp",
        "train --dataset CSV --csv-item-column 0              | --csv-user-column and --csv-item-column must name"
            + " different columns, both are 0",
        "train --dataset CSV --csv-rating-column 1            | --csv-item-column and --csv-rating-column must name"
            + " different columns, both are 1",
        "train --dataset CSV --csv-user-column -1             | --csv-user-column must be >= 0, got -1",
        "train --dataset CSV --min-rating 3                   | --min-rating 3.0 needs --csv-rating-column",
        "train --min-rating 3                                 | --min-rating needs ratings, and synthetic:small has none",
        "train --dataset CSV --split time                     | --split time needs --csv-timestamp-column",
        "train --dataset CSV --csv-quoted --csv-delimiter ::  | --csv-quoted needs a one-character --csv-delimiter",
        "train --csv-delimiter ;                              | --csv-delimiter applies only to --dataset csv:PATH",
        "train --no-csv-header                                | --csv-header applies only to --dataset csv:PATH",
        "train --data-dir DIR                                 | --data-dir applies only to MovieLens data sets",
        "train --split sideways                               | --split must be one of time, random, file-order",
        "train --early-stopping 2                             | --early-stopping 2 selects the epoch on the"
            + " validation split; add --validation",
        "train --validation --early-stopping 0                | --early-stopping must be >= 1, got 0",
        "evaluate --model FILE                                | --model FILE is not a folder",
        "pretrain --embedding-dim 8                           | --embedding-dim does not apply to --model neumf",
        "sweep-layers --layers 16-8                           | --layers does not apply to sweep-layers",
        "sweep-negatives --negatives 2                        | --negatives does not apply to sweep-negatives",
    })
    void badArgument_exits2NamingTheOption_beforeReadingData(String args, String expected) throws IOException {
        Path csv = Files.writeString(dir.resolve("r.csv"), "user,item\n1,1\n1,2\n");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        String[] argv = Stream.concat(Stream.of(args.trim().split("\\s+")), args.contains("--dataset")
                ? Stream.empty() : Stream.of("--dataset", "synthetic:small"))
                .map(a -> a.equals("CSV") ? "csv:" + csv : a.equals("DIR") ? dir.toString()
                        : a.equals("FILE") ? file.toString() : a)
                .toArray(String[]::new);

        CliRun run = CliRun.of(argv);

        assertStoppedBeforeData(run, expected.replace("FILE", file.toString()));
    }
}
