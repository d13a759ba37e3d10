package io.github.ncf.eval.metric;

/**
 * A top-K ranking metric for leave-one-out evaluation: the value a user earns when the held-out item
 * lands at a given 0-based rank among the user's candidates.
 *
 * <p>Implementations are immutable values: {@link #k()} is fixed when the metric is made, and {@link
 * #value(int)} and {@link #evaluate(int[])} never change the metric, so one instance can be shared by
 * many evaluations and threads. Per-user values and their mean are returned together in a {@link
 * MetricValues}, never accumulated inside the metric.
 *
 * <pre>{@code
 * RankMetric ndcg = Ndcg.at(10);
 * double v = ndcg.value(2);              // held-out item third: 1 / log2(4) = 0.5
 * MetricValues all = ndcg.evaluate(new int[] {0, 2, 40});
 * double mean = all.mean();              // (1 + 0.5 + 0) / 3
 * }</pre>
 */
public interface RankMetric {

    /** @return the cut-off K, at least 1 */
    int k();

    /** @return the display name with its cut-off, such as {@code "HR@10"} */
    String name();

    /**
     * Returns the value earned by a user whose held-out item has the given 0-based rank, that is,
     * the number of candidates ranked above it.
     *
     * @param rank the 0-based rank, at least 0
     * @return the value, in {@code [0, 1]}
     * @throws IllegalArgumentException if the rank is negative
     */
    double value(int rank);

    /**
     * Computes the value of every user from the users' 0-based ranks, and their mean.
     *
     * @param ranks one 0-based rank per user; not modified
     * @return the per-user values and their mean
     * @throws IllegalArgumentException if a rank is negative
     */
    default MetricValues evaluate(int[] ranks) {
        double[] values = new double[ranks.length];
        for (int u = 0; u < ranks.length; u++) {
            values[u] = value(ranks[u]);
        }
        return MetricValues.of(name(), values);
    }

    /**
     * Checks a cut-off given to a factory.
     *
     * @param k the cut-off
     * @return k
     * @throws IllegalArgumentException if k is less than 1
     */
    static int checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return k;
    }

    /**
     * Checks a rank given to {@link #value(int)}.
     *
     * @param rank the 0-based rank
     * @return rank
     * @throws IllegalArgumentException if the rank is negative
     */
    static int checkRank(int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0 (0-based), got " + rank);
        }
        return rank;
    }
}
