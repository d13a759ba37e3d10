package io.github.ncf.eval;

import io.github.ncf.core.Scorer;
import io.github.ncf.eval.metric.RankMetric;
import io.github.ncf.eval.protocol.EvaluationProtocol;
import io.github.ncf.eval.protocol.Ranks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Measures any {@link Scorer}, NCF model or baseline alike, with one protocol and a set of metrics:
 * the single-protocol path under {@link RankingEvaluation}, for custom protocols and metrics.
 *
 * <p>An evaluator is immutable and holds no results: each {@link #evaluate(Scorer)} ranks the
 * protocol's users afresh and returns a new {@link EvaluationResult}, so one evaluator serves every
 * model and every epoch.
 *
 * <p>Every metric is cut at some K, so no rank beyond the largest K matters: the evaluator ranks with
 * {@code protocol.withRankCutoff(largest K)} ({@link EvaluationProtocol#withRankCutoff(int)}), which
 * gives the same metric values as uncut ranks, and with full ranking lets the NCF models' screen stop
 * once that many items are certainly above a user's held-out item. The ranks in the result are cut
 * there ({@link Ranks#cutoff()}); an uncut metric ({@code Mrr.at(Integer.MAX_VALUE)}) keeps every
 * rank.
 *
 * <pre>{@code
 * ProtocolEvaluator full = ProtocolEvaluator.builder()
 *         .protocol(FullRanking.builder().train(split.train()).test(split.test()).build())
 *         .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10))
 *         .build();
 * EvaluationResult result = full.evaluate(model);
 * double hr = result.get(HitRate.at(10));
 * }</pre>
 */
public final class ProtocolEvaluator {

    private final EvaluationProtocol protocol;
    private final List<RankMetric> metrics;
    /** The protocol cut at the largest K of the metrics. */
    private final EvaluationProtocol ranking;

    private ProtocolEvaluator(Builder b) {
        this.protocol = b.protocol;
        this.metrics = List.copyOf(b.metrics);
        this.ranking = protocol.withRankCutoff(largestK(metrics));
    }

    /** The largest cut-off among the metrics, the rank cut-off that leaves all of them unchanged. */
    static int largestK(List<RankMetric> metrics) {
        int k = 1;
        for (RankMetric m : metrics) {
            k = Math.max(k, m.k());
        }
        return k;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the protocol */
    public EvaluationProtocol protocol() {
        return protocol;
    }

    /** @return the metrics, in the order given; unmodifiable */
    public List<RankMetric> metrics() {
        return metrics;
    }

    /**
     * Ranks every test user's held-out item with the scorer and computes the metrics.
     *
     * @param scorer the model or baseline
     * @return the per-user and aggregate results, with the seconds taken; ranks cut at the largest K
     *     of the metrics
     * @throws IllegalArgumentException if the scorer does not know an evaluated user, or knows a
     *     different number of items than the data
     * @throws IllegalStateException if the scorer returns NaN for a candidate
     */
    public EvaluationResult evaluate(Scorer scorer) {
        long start = System.nanoTime();
        Ranks ranks = ranking.rank(scorer);
        double seconds = (System.nanoTime() - start) / 1e9;
        return EvaluationResult.of(protocol.name(), ranks, metrics, protocol.skippedUsers(), seconds);
    }

    /**
     * Returns a function that evaluates a scorer and gives one metric's mean, e.g. for {@code
     * EarlyStopping.builder().metric(validationFull.meanOf(Ndcg.at(10)))}.
     *
     * @param metric the metric
     * @return the function; each call runs a full evaluation
     * @throws IllegalArgumentException if this evaluator has no such metric
     */
    public ToDoubleFunction<Scorer> meanOf(RankMetric metric) {
        return meanOf(metric.name());
    }

    /**
     * Returns a function that evaluates a scorer and gives one metric's mean, by the metric's name.
     *
     * @param metric the metric's name, such as {@code "HR@10"}
     * @return the function; each call runs a full evaluation
     * @throws IllegalArgumentException if this evaluator has no such metric
     */
    public ToDoubleFunction<Scorer> meanOf(String metric) {
        if (metrics.stream().noneMatch(m -> m.name().equals(metric))) {
            throw new IllegalArgumentException("metric \"" + metric + "\" is not computed by this"
                    + " evaluator; have " + metrics);
        }
        return scorer -> evaluate(scorer).mean(metric);
    }

    @Override
    public String toString() {
        return "ProtocolEvaluator{protocol=" + protocol.name() + ", metrics=" + metrics + "}";
    }

    /** Builds an {@link ProtocolEvaluator}; reusable. */
    public static final class Builder {

        private EvaluationProtocol protocol;
        private final List<RankMetric> metrics = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the protocol.
         *
         * @param protocol full or sampled ranking
         * @return this builder
         */
        public Builder protocol(EvaluationProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * Adds metrics; call it again to add more.
         *
         * @param metrics one or more metrics, with distinct names across all calls
         * @return this builder
         * @throws IllegalArgumentException if no metric is given or a name repeats
         */
        public Builder metrics(RankMetric... metrics) {
            if (metrics.length == 0) {
                throw new IllegalArgumentException("metrics must name at least one metric, got none");
            }
            for (RankMetric m : metrics) {
                Objects.requireNonNull(m, "metric");
                for (RankMetric present : this.metrics) {
                    if (present.name().equals(m.name())) {
                        throw new IllegalArgumentException("metrics must be distinct, got "
                                + m.name() + " twice");
                    }
                }
                this.metrics.add(m);
            }
            return this;
        }

        /**
         * Builds the evaluator.
         *
         * @return the evaluator
         * @throws IllegalStateException if no protocol or no metric was set
         */
        public ProtocolEvaluator build() {
            if (protocol == null || metrics.isEmpty()) {
                throw new IllegalStateException("protocol and metrics must be set, got protocol="
                        + (protocol == null ? "none" : protocol.name()) + ", metrics=" + metrics);
            }
            return new ProtocolEvaluator(this);
        }
    }
}
