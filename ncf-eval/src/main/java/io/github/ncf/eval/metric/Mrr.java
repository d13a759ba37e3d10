package io.github.ncf.eval.metric;

/**
 * Mean reciprocal rank at K: a user whose held-out item has 0-based rank {@code r < K} earns {@code
 * 1 / (r + 1)}, else 0. Pass {@link Integer#MAX_VALUE} as K for the uncut reciprocal rank.
 *
 * <pre>{@code
 * Mrr mrr = Mrr.at(10);
 * mrr.value(0);   // 1.0
 * mrr.value(3);   // 0.25
 * }</pre>
 */
public final class Mrr implements RankMetric {

    private final int k;

    private Mrr(int k) {
        this.k = RankMetric.checkK(k);
    }

    /**
     * Returns the reciprocal rank at a cut-off.
     *
     * @param k the cut-off, at least 1
     * @return the metric
     * @throws IllegalArgumentException if k is less than 1
     */
    public static Mrr at(int k) {
        return new Mrr(k);
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public String name() {
        return k == Integer.MAX_VALUE ? "MRR" : "MRR@" + k;
    }

    @Override
    public double value(int rank) {
        return RankMetric.checkRank(rank) < k ? 1.0 / (rank + 1.0) : 0.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mrr other && other.k == k;
    }

    @Override
    public int hashCode() {
        return 31 * Mrr.class.hashCode() + k;
    }

    @Override
    public String toString() {
        return name();
    }
}
