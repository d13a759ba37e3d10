package io.github.ncf.eval;

import io.github.ncf.core.Scorer;
import io.github.ncf.core.train.EarlyStopping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.metric.RankMetric;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a model the way {@code ncf} always reports it: under both protocols at once, full
 * ranking (every item ranked, the user's known items masked) and sampled ranking (the held-out item
 * among {@code sampledNegatives} items the user never interacted with), on the validation or the
 * test rows of a {@link Split}, with typed metric values.
 *
 * <pre>{@code
 * RankingEvaluation evaluation = RankingEvaluation.builder().seed(42).build();  // HR@10, NDCG@10
 * NcfTrainer trainer = NcfTrainer.builder().earlyStopping(evaluation.earlyStopping(split)).build();
 * try (NcfModel model = trainer.fit(NeuMF.builder().build(), split.train())) {
 *     EvaluationReport test = evaluation.test(model, split);   // once, after selection
 *     double hr = test.full().get(HitRate.at(10));
 * }
 * }</pre>
 *
 * <p><b>Validation stays apart from test.</b> {@link #validate} ranks {@code split.validation()}
 * with {@code split.train()} known (masked, and excluded from the sampled candidates, as are the
 * validation items): the test rows are never read. {@link #test} ranks {@code split.test()} with
 * {@code split.trainAndValidation()} known, and its sampled candidates exclude every interaction of
 * the user. Selection (early stopping, hyperparameters) should read {@link #validate} only, and
 * {@link #test} should run once, after it. On a split made without validation, {@code test} ranks
 * exactly as the reference lab does.
 *
 * <p>The sampled candidates are drawn from {@code seed} per user, so the same seed gives the same
 * candidates for every model and epoch. Instances are immutable; the protocols are built per call
 * (a single-protocol path for other protocols or metrics: {@link ProtocolEvaluator}).
 */
public final class RankingEvaluation {

    /** The default number of sampled negatives per user, as in the NCF paper. */
    public static final int DEFAULT_SAMPLED_NEGATIVES = 99;

    /** The default patience of {@link #earlyStopping(Split)}, in epochs. */
    public static final int DEFAULT_PATIENCE = 2;

    private final List<RankMetric> metrics;
    private final int sampledNegatives;
    private final long seed;
    private final int threads;
    private final RankMetric selectionMetric;
    private final int patience;

    private RankingEvaluation(Builder b) {
        this.metrics = List.copyOf(b.metrics.isEmpty() ? List.of(HitRate.at(10), Ndcg.at(10)) : b.metrics);
        this.sampledNegatives = b.sampledNegatives;
        this.seed = b.seed;
        this.threads = b.threads;
        this.selectionMetric = b.selectionMetric;
        this.patience = b.patience;
    }

    /**
     * Returns a builder with the defaults: HR@10 and NDCG@10, 99 sampled negatives, seed {@link
     * Seeds#DEFAULT}, one thread, early stopping on full-ranking NDCG@10 with patience 2.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates a model on the split's validation rows under both protocols; the test rows are not
     * read.
     *
     * @param scorer the model or baseline
     * @param split a split made with validation
     * @return the report, marked {@link SplitKind#VALIDATION}
     * @throws IllegalStateException if the split has no validation rows
     */
    public EvaluationReport validate(Scorer scorer, Split split) {
        return evaluate(scorer, split, SplitKind.VALIDATION);
    }

    /**
     * Evaluates a model on the split's test rows under both protocols. Run it once, after every
     * choice was made on validation.
     *
     * @param scorer the model or baseline
     * @param split the split
     * @return the report, marked {@link SplitKind#TEST}
     */
    public EvaluationReport test(Scorer scorer, Split split) {
        return evaluate(scorer, split, SplitKind.TEST);
    }

    /**
     * Evaluates a model on one part of a split under both protocols.
     *
     * @param scorer the model or baseline
     * @param split the split
     * @param part which held-out rows to rank
     * @return the report
     * @throws IllegalStateException if validation is asked of a split without it
     */
    public EvaluationReport evaluate(Scorer scorer, Split split, SplitKind part) {
        Objects.requireNonNull(scorer, "scorer");
        List<ProtocolEvaluator> e = evaluators(split, part);
        return new EvaluationReport(part, e.get(0).evaluate(scorer), e.get(1).evaluate(scorer));
    }

    /**
     * Returns the two single-protocol evaluators for one part of a split, full ranking first, for
     * callers that evaluate many scorers or epochs against one split (each evaluator draws its
     * sampled candidates once).
     *
     * @param split the split
     * @param part which held-out rows to rank
     * @return the full-ranking and the sampled-ranking evaluator, in that order
     * @throws IllegalStateException if validation is asked of a split without it
     */
    public List<ProtocolEvaluator> evaluators(Split split, SplitKind part) {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(part, "part");
        boolean validation = part == SplitKind.VALIDATION;
        Interactions known = validation ? split.train() : split.trainAndValidation();
        Interactions heldOut = validation ? validationOf(split) : split.test();
        RankMetric[] m = metrics.toArray(new RankMetric[0]);
        ProtocolEvaluator full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().known(known).test(heldOut).threads(threads).build())
                .metrics(m).build();
        // Candidates never include a known or held-out item; at test time the validation rows are
        // known too.
        SampledRanking.Builder candidates = SampledRanking.builder().train(split.train()).test(heldOut)
                .negatives(sampledNegatives).seed(seed).threads(threads);
        if (!validation && split.hasValidation()) {
            candidates.exclude(split.validation());
        }
        ProtocolEvaluator sampled = ProtocolEvaluator.builder().protocol(candidates.build())
                .metrics(m).build();
        return List.of(full, sampled);
    }

    /**
     * Returns early stopping that selects the epoch on the split's validation rows: after each
     * epoch the selection metric (default NDCG@10) is computed under full ranking on {@code
     * split.validation()} with {@code split.train()} masked; training stops after {@code patience}
     * epochs without improvement and the best epoch's weights are restored. The test rows are never
     * read.
     *
     * @param split a split made with validation ({@code LeaveOneOutSplitter.builder().validation(true)})
     * @return a new early stopping, for one fit at a time
     * @throws IllegalStateException if the split has no validation rows
     */
    public EarlyStopping earlyStopping(Split split) {
        Objects.requireNonNull(split, "split");
        ProtocolEvaluator full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().known(split.train()).test(validationOf(split))
                        .threads(threads).build())
                .metrics(selectionMetric).build();
        return EarlyStopping.builder().metric(full.meanOf(selectionMetric)).patience(patience)
                .restoreBest(true).build();
    }

    private static Interactions validationOf(Split split) {
        if (!split.hasValidation()) {
            throw new IllegalStateException("the split has no validation rows, and selection must not"
                    + " read test; split with LeaveOneOutSplitter.builder().validation(true)");
        }
        return split.validation();
    }

    /** @return the metrics, in order */
    public List<RankMetric> metrics() {
        return metrics;
    }

    /** @return the number of sampled negatives per user */
    public int sampledNegatives() {
        return sampledNegatives;
    }

    /** @return the seed of the sampled candidates */
    public long seed() {
        return seed;
    }

    /** @return the threads each protocol ranks with */
    public int threads() {
        return threads;
    }

    /** @return the full-ranking metric early stopping selects by */
    public RankMetric selectionMetric() {
        return selectionMetric;
    }

    /** @return the patience of early stopping, in epochs */
    public int patience() {
        return patience;
    }

    @Override
    public String toString() {
        return "RankingEvaluation{metrics=" + metrics + ", sampledNegatives=" + sampledNegatives
                + ", seed=" + seed + ", threads=" + threads + ", selectionMetric="
                + selectionMetric.name() + ", patience=" + patience + "}";
    }

    /** Builds a {@link RankingEvaluation}; setters check their argument at once; reusable. */
    public static final class Builder {

        private final List<RankMetric> metrics = new ArrayList<>();
        private int sampledNegatives = DEFAULT_SAMPLED_NEGATIVES;
        private long seed = Seeds.DEFAULT;
        private int threads = 1;
        private RankMetric selectionMetric = Ndcg.at(10);
        private int patience = DEFAULT_PATIENCE;

        private Builder() {
        }

        /**
         * Sets the metrics, replacing the default HR@10 and NDCG@10.
         *
         * @param metrics one or more metrics with distinct names
         * @return this builder
         * @throws IllegalArgumentException if none is given or a name repeats
         */
        public Builder metrics(RankMetric... metrics) {
            if (metrics.length == 0) {
                throw new IllegalArgumentException("metrics must name at least one metric, got none");
            }
            List<RankMetric> list = new ArrayList<>();
            for (RankMetric m : metrics) {
                Objects.requireNonNull(m, "metric");
                if (list.stream().anyMatch(x -> x.name().equals(m.name()))) {
                    throw new IllegalArgumentException("metrics must be distinct, got " + m.name()
                            + " twice");
                }
                list.add(m);
            }
            this.metrics.clear();
            this.metrics.addAll(list);
            return this;
        }

        /**
         * Sets how many items the user never interacted with are sampled as each user's candidates.
         *
         * @param negatives at least 1; default {@value RankingEvaluation#DEFAULT_SAMPLED_NEGATIVES}
         * @return this builder
         * @throws IllegalArgumentException if negatives is less than 1
         */
        public Builder sampledNegatives(int negatives) {
            if (negatives < 1) {
                throw new IllegalArgumentException("sampledNegatives must be >= 1, got " + negatives);
            }
            this.sampledNegatives = negatives;
            return this;
        }

        /**
         * Sets the seed of the sampled candidates.
         *
         * @param seed default {@link Seeds#DEFAULT}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how many threads each protocol ranks with; the ranks do not depend on it.
         *
         * @param threads at least 1; default 1
         * @return this builder
         * @throws IllegalArgumentException if threads is less than 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the metric {@link #earlyStopping(Split)} selects by, under full ranking on validation.
         *
         * @param metric default NDCG@10
         * @return this builder
         */
        public Builder selectionMetric(RankMetric metric) {
            this.selectionMetric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        /**
         * Sets how many epochs without improvement on validation stop training.
         *
         * @param patience at least 1; default {@value RankingEvaluation#DEFAULT_PATIENCE}
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

        /** @return the evaluation */
        public RankingEvaluation build() {
            return new RankingEvaluation(this);
        }
    }
}
