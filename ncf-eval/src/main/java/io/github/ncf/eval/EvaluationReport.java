package io.github.ncf.eval;

import io.github.ncf.eval.metric.RankMetric;
import java.util.Objects;

/**
 * One model measured under both protocols on one part of a split: full ranking (every item ranked,
 * known items masked) and sampled ranking (the held-out item among sampled negatives), with the part
 * they came from.
 *
 * <pre>{@code
 * EvaluationReport test = evaluation.test(model, split);
 * double fullHr = test.full().get(HitRate.at(10));
 * double sampledNdcg = test.sampled().get(Ndcg.at(10));
 * System.out.println(test);   // TEST / full: HR@10=0.1304 ... / sampled-99: HR@10=0.6405 ...
 * }</pre>
 *
 * @param split the part of the split that was ranked
 * @param full the full-ranking result
 * @param sampled the sampled-ranking result
 */
public record EvaluationReport(SplitKind split, EvaluationResult full, EvaluationResult sampled) {

    /**
     * Checks that no part is missing.
     *
     * @param split the part of the split that was ranked
     * @param full the full-ranking result
     * @param sampled the sampled-ranking result
     */
    public EvaluationReport {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(full, "full");
        Objects.requireNonNull(sampled, "sampled");
    }

    /**
     * Returns a metric under one protocol.
     *
     * @param protocol which protocol
     * @param metric the metric
     * @return its mean over the evaluated users
     * @throws IllegalArgumentException if the metric was not computed
     */
    public double get(Protocol protocol, RankMetric metric) {
        return (protocol == Protocol.FULL ? full : sampled).get(metric);
    }

    /** @return the seconds both evaluations took */
    public double seconds() {
        return full.seconds() + sampled.seconds();
    }

    /** @return the part, then one line per protocol */
    @Override
    public String toString() {
        return split + "\n  " + full + "\n  " + sampled;
    }

    /** The two protocols of a report. */
    public enum Protocol {
        /** Every item ranked, the user's known items masked. */
        FULL,
        /** The held-out item among sampled items the user never interacted with. */
        SAMPLED
    }
}
