package io.github.ncf.core.train;

import io.github.ncf.core.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Stops training when a validation metric has not improved for {@code patience} epochs and, by
 * default, makes {@link NcfTrainer} restore the weights of the best epoch.
 *
 * <p>It is an {@link EpochListener}: after each epoch it computes the metric (higher is better) on
 * the model. The metric must read validation data only (held-out rows that the test protocol never
 * sees), so that choosing the epoch does not tune on test; ncf-eval's {@code
 * RankingEvaluation.earlyStopping(split)} builds one on a split made with validation. Give it to
 * {@link NcfTrainer.Builder#earlyStopping}; the trainer copies the weights whenever the metric
 * improves by more than {@code minDelta}, stops after {@code patience} epochs without improvement,
 * and copies the best weights back at the end. An instance keeps the history of the last {@code
 * fit}; it serves one {@code fit} at a time.
 *
 * <pre>{@code
 * Split split = LeaveOneOutSplitter.builder().validation(true).build().split(interactions);
 * EarlyStopping stop = RankingEvaluation.builder().build().earlyStopping(split);  // ncf-eval
 * // or by hand, with any metric over split.validation():
 * EarlyStopping custom = EarlyStopping.builder()
 *         .metric(scorer -> validationHitRate(scorer))
 *         .patience(2)
 *         .build();
 * NcfTrainer trainer = NcfTrainer.builder().epochs(50).earlyStopping(stop).build();
 * }</pre>
 */
public final class EarlyStopping implements EpochListener {

    private final ToDoubleFunction<Scorer> metric;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;

    private final List<Double> history = new ArrayList<>();
    private double bestValue;
    private int bestEpoch;
    private int sinceBest;
    private boolean improved;

    private EarlyStopping(Builder b) {
        this.metric = b.metric;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.restoreBest = b.restoreBest;
        reset();
    }

    /** @return a builder; {@code metric} is required, patience defaults to 2 */
    public static Builder builder() {
        return new Builder();
    }

    /** Forgets the history; the trainer calls it when a {@code fit} starts. */
    void reset() {
        history.clear();
        bestValue = Double.NEGATIVE_INFINITY;
        bestEpoch = 0;
        sinceBest = 0;
        improved = false;
    }

    /**
     * Computes the metric on the epoch's model and updates the best epoch.
     *
     * @param event the epoch that ended
     * @throws IllegalStateException if the metric is NaN
     */
    @Override
    public void onEpochEnd(EpochEvent event) {
        double value = metric.applyAsDouble(event.scorer());
        if (Double.isNaN(value)) {
            throw new IllegalStateException("early-stopping metric is NaN at epoch " + event.epoch());
        }
        history.add(value);
        improved = value > bestValue + minDelta || bestEpoch == 0;
        if (improved) {
            bestValue = value;
            bestEpoch = event.epoch();
            sinceBest = 0;
        } else {
            sinceBest++;
        }
    }

    /** @return whether the last epoch set a new best */
    public boolean improved() {
        return improved;
    }

    /** @return whether {@code patience} epochs have passed without improvement */
    public boolean shouldStop() {
        return sinceBest >= patience;
    }

    /** @return the 1-based epoch with the best metric so far, 0 before the first epoch */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the best metric value so far, negative infinity before the first epoch */
    public double bestValue() {
        return bestValue;
    }

    /** @return the metric of every epoch of the last fit, in order */
    public List<Double> history() {
        return List.copyOf(history);
    }

    /** @return whether the trainer restores the best epoch's weights at the end */
    public boolean restoreBest() {
        return restoreBest;
    }

    /** @return the number of epochs without improvement that stops training */
    public int patience() {
        return patience;
    }

    @Override
    public String toString() {
        return "EarlyStopping{patience=" + patience + ", minDelta=" + minDelta + ", restoreBest="
                + restoreBest + "}";
    }

    /** Builds {@link EarlyStopping}; reusable. */
    public static final class Builder {
        private ToDoubleFunction<Scorer> metric;
        private int patience = 2;
        private double minDelta;
        private boolean restoreBest = true;

        private Builder() {
        }

        /**
         * Sets the validation metric, computed on the model after each epoch; higher is better.
         *
         * @param metric scorer to metric value
         * @return this builder
         */
        public Builder metric(ToDoubleFunction<Scorer> metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        /**
         * Sets how many epochs without improvement stop training.
         *
         * @param patience at least 1; default 2
         * @return this builder
         * @throws IllegalArgumentException if patience is less than 1
         */
        public Builder patience(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be >= 1, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /**
         * Sets by how much the metric must exceed the best so far to count as an improvement.
         *
         * @param minDelta at least 0; default 0
         * @return this builder
         * @throws IllegalArgumentException if minDelta is negative or not finite
         */
        public Builder minDelta(double minDelta) {
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
            }
            this.minDelta = minDelta;
            return this;
        }

        /**
         * Sets whether the trainer restores the best epoch's weights when training ends.
         *
         * @param restoreBest default true
         * @return this builder
         */
        public Builder restoreBest(boolean restoreBest) {
            this.restoreBest = restoreBest;
            return this;
        }

        /**
         * Builds the early stopping.
         *
         * @return the early stopping
         * @throws IllegalStateException if no metric was set
         */
        public EarlyStopping build() {
            if (metric == null) {
                throw new IllegalStateException("metric must be set before build()");
            }
            return new EarlyStopping(this);
        }
    }
}
