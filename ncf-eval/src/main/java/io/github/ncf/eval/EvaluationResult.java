package io.github.ncf.eval;

import io.github.ncf.eval.metric.MetricValues;
import io.github.ncf.eval.metric.RankMetric;
import io.github.ncf.eval.protocol.Ranks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one evaluation measured: the mean of every metric over the evaluated users, each user's rank
 * and metric values kept apart from those means, how many users were evaluated and skipped, and the
 * seconds taken.
 *
 * <pre>{@code
 * EvaluationResult r = evaluator.evaluate(model);
 * System.out.println(r);                    // full: HR@10=0.1315 NDCG@10=... (943 users, 0 skipped, 0.21 s)
 * double hr = r.get(HitRate.at(10));
 * int firstRank = r.ranks().rank(0);
 * }</pre>
 */
public final class EvaluationResult {

    private final String protocol;
    private final Ranks ranks;
    private final Map<String, MetricValues> values;
    private final int skippedUsers;
    private final double seconds;

    EvaluationResult(String protocol, Ranks ranks, Map<String, MetricValues> values, int skippedUsers,
            double seconds) {
        this.protocol = protocol;
        this.ranks = ranks;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.skippedUsers = skippedUsers;
        this.seconds = seconds;
    }

    /**
     * Computes every metric over ranks obtained elsewhere (for example on a cluster, one user per
     * row, collected back), exactly as {@link ProtocolEvaluator#evaluate} does for ranks it computed itself.
     *
     * @param protocol the protocol's name, such as {@code "full"} or {@code "sampled-99"}
     * @param ranks each evaluated user's rank, in ascending user order
     * @param metrics the metrics, at least one, distinct by name
     * @param skippedUsers users of the id space without a held-out item, at least 0
     * @param seconds the seconds the ranking took, at least 0
     * @return the result
     * @throws IllegalArgumentException if no metric is given, two share a name, a count is negative,
     *     or a metric's K exceeds the ranks' {@link Ranks#cutoff()}
     */
    public static EvaluationResult of(String protocol, Ranks ranks, List<? extends RankMetric> metrics,
            int skippedUsers, double seconds) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ranks, "ranks");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics must name at least one metric, got none");
        }
        if (skippedUsers < 0) {
            throw new IllegalArgumentException("skippedUsers must be >= 0, got " + skippedUsers);
        }
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
        for (RankMetric metric : metrics) {
            if (metric.k() > ranks.cutoff()) {
                throw new IllegalArgumentException(metric.name() + " needs ranks up to " + metric.k()
                        + " but the ranks are cut at " + ranks.cutoff() + "; rank with a cut-off of at least "
                        + metric.k());
            }
        }
        int[] r = ranks.ranks();
        Map<String, MetricValues> values = new LinkedHashMap<>();
        for (RankMetric metric : metrics) {
            if (values.put(metric.name(), metric.evaluate(r)) != null) {
                throw new IllegalArgumentException("metrics must be distinct, got " + metric.name()
                        + " twice");
            }
        }
        return new EvaluationResult(protocol, ranks, values, skippedUsers, seconds);
    }

    /** @return the protocol's name, such as {@code "full"} or {@code "sampled-99"} */
    public String protocol() {
        return protocol;
    }

    /** @return the metric names, in the evaluator's order */
    public List<String> metricNames() {
        return List.copyOf(values.keySet());
    }

    /**
     * Returns a metric's mean over the evaluated users.
     *
     * <pre>{@code
     * double hr = result.get(HitRate.at(10));
     * }</pre>
     *
     * @param metric the metric, as given to the evaluator
     * @return the mean
     * @throws IllegalArgumentException if the metric was not computed
     */
    public double get(RankMetric metric) {
        return mean(metric.name());
    }

    /**
     * Returns a metric's mean over the evaluated users, by the metric's name (for reports that
     * carry names; code should prefer {@link #get(RankMetric)}).
     *
     * @param metric the metric's name, such as {@code "HR@10"}
     * @return the mean
     * @throws IllegalArgumentException if the metric was not computed
     */
    public double mean(String metric) {
        return values(metric).mean();
    }

    /**
     * Returns a metric's per-user values and mean.
     *
     * @param metric the metric's name, such as {@code "NDCG@10"}
     * @return the values, in the order of {@link Ranks#users()}
     * @throws IllegalArgumentException if the metric was not computed
     */
    public MetricValues values(String metric) {
        MetricValues v = values.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("metric \"" + metric + "\" was not computed; have "
                    + values.keySet());
        }
        return v;
    }

    /** @return every metric's mean, by name, in the evaluator's order */
    public Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        values.forEach((name, v) -> means.put(name, v.mean()));
        return Collections.unmodifiableMap(means);
    }

    /** @return each evaluated user's rank, tie count and candidate count */
    public Ranks ranks() {
        return ranks;
    }

    /** @return the number of users evaluated */
    public int evaluatedUsers() {
        return ranks.size();
    }

    /** @return the number of users skipped because they have no test row */
    public int skippedUsers() {
        return skippedUsers;
    }

    /** @return the wall-clock seconds of the evaluation, scoring included */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(protocol).append(':');
        values.forEach((name, v) -> s.append(' ').append(name).append('=')
                .append(String.format(Locale.ROOT, "%.4f", v.mean())));
        String cut = ranks.cutoff() == Integer.MAX_VALUE ? "" : "ranks cut at " + ranks.cutoff() + ", ";
        s.append(String.format(Locale.ROOT, " (%d users, %d skipped, %s%d with ties, %.3f s)",
                evaluatedUsers(), skippedUsers, cut, ranks.usersWithTies(), seconds));
        return s.toString();
    }
}
