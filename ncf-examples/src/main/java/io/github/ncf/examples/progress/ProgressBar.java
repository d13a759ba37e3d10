package io.github.ncf.examples.progress;

import io.github.ncf.core.train.BatchEvent;
import io.github.ncf.core.train.EpochEvent;
import io.github.ncf.core.train.EpochListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows training progress: batches done, mean loss so far in the epoch, samples per second and the time
 * left in the epoch, then one summary line per epoch.
 *
 * <p>On a terminal the bar is a single line redrawn in place with a carriage return, at most every
 * {@code redrawSeconds}; elsewhere (a log file, a pipe, a test) it prints a plain line every
 * {@code lineSeconds} instead, so logs do not fill with control characters. Times come from the events,
 * so output depends only on what the trainer reports.
 *
 * <pre>{@code
 * NcfTrainer trainer = NcfTrainer.builder().epochs(10).listener(ProgressBar.forConsole(System.out, 10)).build();
 * }</pre>
 */
public final class ProgressBar implements EpochListener {

    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean interactive;
    private final double redrawSeconds;
    private final double lineSeconds;
    private final String prefix;

    private int currentEpoch = -1;
    private double lossSum;
    private int lossCount;
    private double lastDrawn;
    private int lastWidth;
    private int epochs;

    private ProgressBar(Builder b) {
        this.out = b.out;
        this.interactive = b.interactive;
        this.redrawSeconds = b.redrawSeconds;
        this.lineSeconds = b.lineSeconds;
        this.prefix = b.prefix;
        this.epochs = b.epochs;
    }

    /**
     * Returns a progress bar that redraws in place when the program runs on a terminal ({@code
     * System.console() != null}) and prints plain lines every 10 seconds otherwise.
     *
     * @param out where to print
     * @param epochs the number of epochs, shown as "epoch 3/10"; 0 if unknown
     * @return the progress bar
     */
    public static ProgressBar forConsole(PrintStream out, int epochs) {
        return builder().out(out).interactive(System.console() != null).epochs(epochs).build();
    }

    /**
     * Returns a builder; the defaults are plain lines to {@code System.out} every 10 seconds.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onBatchEnd(BatchEvent event) {
        if (event.epoch() != currentEpoch) {
            currentEpoch = event.epoch();
            lossSum = 0;
            lossCount = 0;
            lastDrawn = Double.NEGATIVE_INFINITY;
        }
        if (Double.isFinite(event.loss())) {
            lossSum += event.loss();
            lossCount++;
        }
        boolean last = event.batch() >= event.batches();
        double interval = interactive ? redrawSeconds : lineSeconds;
        if (!last && event.elapsedSeconds() - lastDrawn < interval) {
            return;
        }
        lastDrawn = event.elapsedSeconds();
        String line = prefix + describe(event);
        if (interactive) {
            // Pad with spaces so a shorter line fully covers the previous one.
            int pad = Math.max(0, lastWidth - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastWidth = line.length();
        } else if (!last) {
            // The last batch is covered by the epoch summary line.
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEpochEnd(EpochEvent event) {
        epochs = event.epochs();
        double rate = event.trainSeconds() > 0 ? event.samples() / event.trainSeconds() : 0;
        String line = String.format(Locale.ROOT, "%sepoch %s  loss %.4f  %.2f s  %s samples/s", prefix,
                epochLabel(event.epoch()), event.meanLoss(), event.trainSeconds(), grouped(rate));
        if (interactive) {
            int pad = Math.max(0, lastWidth - line.length());
            out.print("\r" + line + " ".repeat(pad) + System.lineSeparator());
            lastWidth = 0;
        } else {
            out.println(line);
        }
        out.flush();
        currentEpoch = -1;
    }

    /**
     * Formats one progress line for a batch event, without prefix or control characters.
     *
     * @param event the batch event
     * @return e.g. {@code "epoch 1/10 [=====>      ] 120/387  loss 0.4123  51,200 samples/s  ETA 4s"}
     */
    String describe(BatchEvent event) {
        int done = Math.min(event.batch(), event.batches());
        int filled = event.batches() > 0 ? (int) ((long) BAR_WIDTH * done / event.batches()) : BAR_WIDTH;
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        double rate = event.elapsedSeconds() > 0 ? event.samples() / event.elapsedSeconds() : 0;
        double eta = done > 0 ? event.elapsedSeconds() / done * (event.batches() - done) : Double.NaN;
        double meanLoss = lossCount > 0 ? lossSum / lossCount : Double.NaN;
        return String.format(Locale.ROOT, "epoch %s %s %d/%d  loss %.4f  %s samples/s  ETA %s",
                epochLabel(event.epoch()), bar, done, event.batches(), meanLoss, grouped(rate), duration(eta));
    }

    private String epochLabel(int epoch) {
        return epochs > 0 ? epoch + "/" + epochs : Integer.toString(epoch);
    }

    private static String grouped(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }

    /** Configures a {@link ProgressBar}; reusable after {@link #build()}. */
    public static final class Builder {

        private PrintStream out = System.out;
        private boolean interactive;
        private double redrawSeconds = 0.1;
        private double lineSeconds = 10;
        private String prefix = "";
        private int epochs;

        private Builder() {
        }

        /**
         * Sets where to print.
         *
         * @param out the stream
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /**
         * Chooses a single line redrawn in place (true) or plain periodic lines (false, the default).
         *
         * @param interactive whether output goes to a terminal
         * @return this builder
         */
        public Builder interactive(boolean interactive) {
            this.interactive = interactive;
            return this;
        }

        /**
         * Sets the least time between redraws on a terminal; default 0.1 s.
         *
         * @param seconds seconds, >= 0
         * @return this builder
         */
        public Builder redrawSeconds(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("redrawSeconds must be >= 0, got " + seconds);
            }
            this.redrawSeconds = seconds;
            return this;
        }

        /**
         * Sets the least time between plain lines when not on a terminal; default 10 s.
         *
         * @param seconds seconds, >= 0
         * @return this builder
         */
        public Builder lineSeconds(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("lineSeconds must be >= 0, got " + seconds);
            }
            this.lineSeconds = seconds;
            return this;
        }

        /**
         * Sets text put before every line, e.g. the model's name in a comparison.
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets the number of epochs shown as "epoch 3/10"; 0 (the default) shows only the epoch.
         *
         * @param epochs the number of epochs, >= 0
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Builds the progress bar.
         *
         * @return the progress bar
         */
        public ProgressBar build() {
            return new ProgressBar(this);
        }
    }
}
