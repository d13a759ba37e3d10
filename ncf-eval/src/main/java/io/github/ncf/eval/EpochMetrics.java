package io.github.ncf.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluations made after one training epoch, as kept in an {@link EvaluationListener}'s history.
 *
 * <pre>{@code
 * for (EpochMetrics m : listener.history()) {
 *     System.out.println(m.epoch() + " " + m.split() + " " + m.value("full", HitRate.at(10)));
 * }
 * }</pre>
 *
 * @param epoch the 1-based epoch
 * @param meanLoss the epoch's mean training loss
 * @param split the part of the split that was ranked
 * @param results one result per evaluator, in the listener's order
 */
public record EpochMetrics(int epoch, double meanLoss, SplitKind split, List<EvaluationResult> results) {

    /**
     * Copies the results.
     *
     * @param epoch the 1-based epoch
     * @param meanLoss the epoch's mean training loss
     * @param split the part of the split that was ranked
     * @param results one result per evaluator
     */
    public EpochMetrics {
        java.util.Objects.requireNonNull(split, "split");
        results = List.copyOf(results);
    }

    /**
     * Returns one metric's mean under one protocol.
     *
     * @param protocol the protocol's name, such as {@code "full"}
     * @param metric the metric
     * @return the mean over evaluated users
     * @throws IllegalArgumentException if no result has that protocol and metric
     */
    public double value(String protocol, io.github.ncf.eval.metric.RankMetric metric) {
        return value(protocol, metric.name());
    }

    /**
     * Returns one metric's mean under one protocol, by the metric's name.
     *
     * @param protocol the protocol's name, such as {@code "full"}
     * @param metric the metric's name, such as {@code "HR@10"}
     * @return the mean over evaluated users
     * @throws IllegalArgumentException if no result has that protocol and metric
     */
    public double value(String protocol, String metric) {
        for (EvaluationResult r : results) {
            if (r.protocol().equals(protocol) && r.metricNames().contains(metric)) {
                return r.mean(metric);
            }
        }
        throw new IllegalArgumentException("no result for protocol \"" + protocol + "\" and metric \""
                + metric + "\" at epoch " + epoch + "; have " + flat().keySet());
    }

    /** @return every mean, keyed {@code "protocol metric"} (e.g. {@code "full HR@10"}), in order */
    public Map<String, Double> flat() {
        Map<String, Double> flat = new LinkedHashMap<>();
        for (EvaluationResult r : results) {
            r.means().forEach((metric, v) -> flat.putIfAbsent(r.protocol() + " " + metric, v));
        }
        return flat;
    }
}
