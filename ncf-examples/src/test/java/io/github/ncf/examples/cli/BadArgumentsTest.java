package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.examples.Ncf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad arguments give one line naming the problem and a non-zero exit code, never a stack trace. */
class BadArgumentsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                                   | missing command",
        "frobnicate                                           | Unmatched argument",
        "train --epochs 0                                     | --epochs must be >= 1, got 0",
        "train --epochs ten                                   | --epochs",
        "train --batch-size -5                                | --batch-size must be >= 1, got -5",
        "train --lr 0                                         | --lr must be > 0, got 0.0",
        "train --model svd                                    | svd",
        "train --dataset ml-7m                                | dataset must be one of",
        "train --dataset synthetic:huge                       | SIZE one of",
        "train --dataset csv:                                 | needs a path",
        "train --layers 64-x-32                               | \"x\" is not an integer",
        "train --layers 64-0                                  | layers must be > 0, got 0",
        "train --model gmf --pretrain                         | --pretrain needs --model neumf",
        "train --alpha 2 --pretrain                           | --alpha must be in [0, 1], got 2.0",
        "train --report out.txt                               | --report must name a .json file",
        "train --no-such-option                               | Unknown option: '--no-such-option'",
        "train --eval-every -1                                | --eval-every must be >= 0, got -1",
        "train --eval-threads 0                               | --eval-threads must be >= 1, got 0",
        "compare --negatives 0                                | --negatives must be >= 1, got 0",
        "sweep-negatives --values 1,x                         | --values",
        "sweep-negatives --values 4,0                         | --values must be >= 1, got 0",
        "sweep-layers --values 64-32,abc                      | \"abc\" is not an integer",
        "sweep-layers --model gmf                             | --model gmf has no layers to sweep",
        "pretrain --finetune-lr -1                            | --finetune-lr must be > 0, got -1.0",
        "recommend --user 1                                   | Missing required option: '--model=DIR'",
        "recommend --model m --user 1 -k 0                    | -k must be >= 1, got 0",
        "bench --only data,nothing                            | --only must list parts among [data, train, eval]",
        "bench --threads 0                                    | --threads must be >= 1, got 0",
        "train --dataset csv:/no/such/file.csv                | no such file: /no/such/file.csv",
        "train --dataset ml-100k --data-dir /no/such/dir      | --data-dir /no/such/dir is not a folder",
        "recommend --model /no/such/model --user 1            | --model /no/such/model is not a folder",
        "train --dataset synthetic:tiny --epochs 1            | --eval-negatives 99 is too many for synthetic:tiny",

    })
    void badArguments_giveOneLineAndExitCode2(String args, String expected) {
        CliRun run = CliRun.of(args.isBlank() ? new String[0] : args.trim().split("\\s+"));

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.errLines()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @org.junit.jupiter.api.Test
    void failureWhileRunning_givesOneLineAndExitCode1(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        CliRun run = CliRun.of("train", "--dataset", "ml-100k", "--data-dir", empty.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_FAILURE);
        assertThat(run.errLines()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("holds no u.data").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "compare", "sweep-negatives", "sweep-layers", "pretrain", "evaluate", "recommend",
        "bench"})
    void help_isAvailableOnEveryCommand(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        assertThat(run.out()).contains("Usage: ncf " + command).contains("--help");
        assertThat(run.err()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void topLevelHelp_listsEveryCommand() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exit()).isEqualTo(Ncf.EXIT_OK);
        assertThat(run.out()).contains("train", "compare", "sweep-negatives", "sweep-layers", "pretrain",
                "evaluate", "recommend", "bench");
    }
}
