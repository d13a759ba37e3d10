package io.github.ncf.eval.metric;

/**
 * Normalised discounted cumulative gain at K with the log2 discount, for one relevant item: a user
 * whose held-out item has 0-based rank {@code r < K} earns {@code 1 / log2(r + 2)}, else 0. With a
 * single relevant item the ideal DCG is 1, so no further normalisation is needed.
 *
 * <pre>{@code
 * Ndcg ndcg = Ndcg.at(5);
 * ndcg.value(0);   // 1.0
 * ndcg.value(2);   // 1 / log2(4) = 0.5
 * ndcg.value(5);   // 0.0: outside the top 5
 * }</pre>
 */
public final class Ndcg implements RankMetric {

    private static final double LN2 = Math.log(2.0);

    private final int k;

    private Ndcg(int k) {
        this.k = RankMetric.checkK(k);
    }

    /**
     * Returns NDCG at a cut-off.
     *
     * @param k the cut-off, at least 1
     * @return the metric
     * @throws IllegalArgumentException if k is less than 1
     */
    public static Ndcg at(int k) {
        return new Ndcg(k);
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "NDCG@" + k;
    }

    @Override
    public double value(int rank) {
        return RankMetric.checkRank(rank) < k ? LN2 / Math.log(rank + 2.0) : 0.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ndcg other && other.k == k;
    }

    @Override
    public int hashCode() {
        return 31 * Ndcg.class.hashCode() + k;
    }

    @Override
    public String toString() {
        return name();
    }
}
