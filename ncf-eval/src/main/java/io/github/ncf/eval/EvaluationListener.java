package io.github.ncf.eval;

import io.github.ncf.core.train.EpochEvent;
import io.github.ncf.core.train.EpochListener;
import io.github.ncf.data.split.Split;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates the model during training: after every {@code N}-th epoch and after the last one, with
 * one or more evaluators, keeping a history of {@link EpochMetrics} for reports and charts.
 *
 * <pre>{@code
 * EvaluationListener eval = EvaluationListener.builder()
 *         .evaluation(RankingEvaluation.builder().build(), split, SplitKind.VALIDATION)
 *         .every(2)
 *         .printTo(System.out)
 *         .build();
 * NcfTrainer.builder().listener(eval);   // after fit: eval.history()
 * }</pre>
 *
 * <p>"The last epoch" is {@link EpochEvent#epochs()}, the number the trainer was asked for: when early
 * stopping ends training sooner, the stopping epoch is evaluated only if it is a multiple of {@code
 * every}, so evaluate the restored model yourself. Safe to read from another thread while training
 * runs: {@link #history()} returns a snapshot.
 */
public final class EvaluationListener implements EpochListener {

    private final List<ProtocolEvaluator> evaluators;
    private final SplitKind split;
    private final int every;
    private final PrintStream out;
    private final List<EpochMetrics> history = new ArrayList<>();

    private EvaluationListener(Builder b) {
        this.evaluators = List.copyOf(b.evaluators);
        this.split = b.split;
        this.every = b.every;
        this.out = b.out;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the evaluators, in order */
    public List<ProtocolEvaluator> evaluators() {
        return evaluators;
    }

    /** @return the part of the split the evaluators rank */
    public SplitKind split() {
        return split;
    }

    /** @return the evaluation interval in epochs */
    public int every() {
        return every;
    }

    /**
     * Evaluates the epoch's model when the epoch is a multiple of {@link #every()} or the last one.
     *
     * @param event the epoch's event, whose scorer is evaluated
     */
    @Override
    public void onEpochEnd(EpochEvent event) {
        if (event.epoch() % every != 0 && event.epoch() != event.epochs()) {
            return;
        }
        List<EvaluationResult> results = new ArrayList<>(evaluators.size());
        for (ProtocolEvaluator e : evaluators) {
            results.add(e.evaluate(event.scorer()));
        }
        EpochMetrics metrics = new EpochMetrics(event.epoch(), event.meanLoss(), split, results);
        synchronized (history) {
            history.add(metrics);
        }
        if (out != null) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "epoch %d/%d loss=%.4f %s", event.epoch(), event.epochs(), event.meanLoss(),
                    split.name().toLowerCase(Locale.ROOT)));
            for (EvaluationResult r : results) {
                line.append(" | ").append(r);
            }
            out.println(line);
        }
    }

    /** @return a snapshot of the evaluations so far, in epoch order */
    public List<EpochMetrics> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** @return the latest evaluation, if any */
    public Optional<EpochMetrics> latest() {
        synchronized (history) {
            return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
        }
    }

    /**
     * Returns one metric over the epochs evaluated so far, as {@code [epochs, values]}, ready for a
     * chart.
     *
     * @param protocol the protocol's name, such as {@code "full"}
     * @param metric the metric's name, such as {@code "HR@10"}
     * @return two arrays of equal length: the epochs, then the metric's means
     * @throws IllegalArgumentException if an evaluation lacks that protocol and metric
     */
    public double[][] series(String protocol, String metric) {
        List<EpochMetrics> h = history();
        double[][] series = new double[2][h.size()];
        for (int k = 0; k < h.size(); k++) {
            series[0][k] = h.get(k).epoch();
            series[1][k] = h.get(k).value(protocol, metric);
        }
        return series;
    }

    /**
     * Returns the evaluation with the highest value of a metric; the earliest on ties.
     *
     * @param protocol the protocol's name
     * @param metric the metric's name
     * @return the best epoch's metrics, or empty before the first evaluation
     */
    public Optional<EpochMetrics> best(String protocol, String metric) {
        EpochMetrics best = null;
        for (EpochMetrics m : history()) {
            if (best == null || m.value(protocol, metric) > best.value(protocol, metric)) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "EvaluationListener{split=" + split + ", every=" + every + ", evaluators=" + evaluators + ", evaluated="
                + history().size() + "}";
    }

    /** Builds an {@link EvaluationListener}; reusable. */
    public static final class Builder {

        private final List<ProtocolEvaluator> evaluators = new ArrayList<>();
        private SplitKind split;
        private int every = 1;
        private PrintStream out;

        private Builder() {
        }

        /**
         * Adds evaluators; call again to add more.
         *
         * @param part the part of the split the evaluators rank, the same for every call
         * @param evaluators one or more evaluators
         * @return this builder
         * @throws IllegalArgumentException if none is given, or the part differs from an earlier call
         */
        public Builder evaluators(SplitKind part, ProtocolEvaluator... evaluators) {
            Objects.requireNonNull(part, "part");
            if (evaluators.length == 0) {
                throw new IllegalArgumentException("evaluators must hold at least one evaluator, got none");
            }
            if (split != null && split != part) {
                throw new IllegalArgumentException("part must be " + split + " like the evaluators"
                        + " added before, got " + part);
            }
            for (ProtocolEvaluator e : evaluators) {
                this.evaluators.add(Objects.requireNonNull(e, "evaluator"));
            }
            this.split = part;
            return this;
        }

        /**
         * Adds both protocols of an evaluation on one part of a split (full ranking, then sampled).
         *
         * @param evaluation the evaluation
         * @param split the split
         * @param part the part to rank each evaluated epoch; {@link SplitKind#VALIDATION} for
         *     anything that selects
         * @return this builder
         * @throws IllegalStateException if validation is asked of a split without it
         */
        public Builder evaluation(RankingEvaluation evaluation, Split split, SplitKind part) {
            return evaluators(part, evaluation.evaluators(split, part).toArray(new ProtocolEvaluator[0]));
        }

        /**
         * Sets the interval: evaluate after epochs N, 2N, ... and after the last epoch.
         *
         * @param every at least 1 (default 1, every epoch)
         * @return this builder
         */
        public Builder every(int every) {
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1, got " + every);
            }
            this.every = every;
            return this;
        }

        /**
         * Prints one line per evaluation to a stream.
         *
         * @param out the stream, or null for silence (the default)
         * @return this builder
         */
        public Builder printTo(PrintStream out) {
            this.out = out;
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return the listener, with an empty history
         * @throws IllegalStateException if no evaluator was added
         */
        public EvaluationListener build() {
            if (evaluators.isEmpty()) {
                throw new IllegalStateException("evaluators must be set, got none");
            }
            return new EvaluationListener(this);
        }
    }
}
