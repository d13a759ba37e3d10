package io.github.ncf.examples.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.train.BatchEvent;
import io.github.ncf.core.train.EpochEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Feeds one epoch of 10 batches, one second each, 100 samples per batch, loss 0.5. */
    private static void epoch(ProgressBar bar, int epoch) {
        for (int b = 1; b <= 10; b++) {
            bar.onBatchEnd(new BatchEvent(epoch, b, 10, 100L * b, 0.5, b));
        }
        bar.onEpochEnd(new EpochEvent(epoch, 2, 0.5, 1000, 10.0, null));
    }

    @Test
    void plainMode_printsPeriodicLinesWithoutCarriageReturns() {
        ProgressBar bar = ProgressBar.builder().out(out).interactive(false).lineSeconds(4).epochs(2).build();

        epoch(bar, 1);

        String text = output();
        assertThat(text).doesNotContain("\r");
        // Batches at 1 s, 5 s and 9 s are at least 4 s apart; the epoch summary closes the epoch.
        assertThat(text.lines()).hasSize(4);
        assertThat(text.lines().findFirst().orElseThrow()).contains("epoch 1/2").contains("1/10")
                .contains("loss 0.5000").contains("100 samples/s").contains("ETA 9s");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("epoch 1/2  loss 0.5000  10.00 s  100 samples/s");
    }

    @Test
    void interactiveMode_redrawsOneLineAndEndsItPerEpoch() {
        ProgressBar bar = ProgressBar.builder().out(out).interactive(true).redrawSeconds(0).epochs(2).build();

        epoch(bar, 1);
        epoch(bar, 2);

        String text = output();
        assertThat(text.split("\r", -1)).hasSize(2 * 11 + 1);
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(2);
        assertThat(text).contains("epoch 2/2  loss 0.5000");
    }

    @Test
    void describe_showsBarBatchesLossRateAndEta() {
        ProgressBar bar = ProgressBar.builder().out(out).epochs(10).build();
        BatchEvent event = new BatchEvent(3, 50, 100, 64_000, 0.25, 2.0);
        bar.onBatchEnd(event);

        assertThat(bar.describe(event)).isEqualTo(
                "epoch 3/10 [============>           ] 50/100  loss 0.2500  32,000 samples/s  ETA 2s");
    }

    @Test
    void loss_isTheMeanOverTheEpochSoFar() {
        ProgressBar bar = ProgressBar.builder().out(out).build();
        bar.onBatchEnd(new BatchEvent(1, 1, 4, 10, 1.0, 1));
        BatchEvent second = new BatchEvent(1, 2, 4, 20, 0.0, 2);
        bar.onBatchEnd(second);

        assertThat(bar.describe(second)).contains("loss 0.5000");
    }

    @Test
    void negativeLineSeconds_isRejected() {
        assertThatThrownBy(() -> ProgressBar.builder().lineSeconds(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lineSeconds must be >= 0, got -1.0");
    }
}
