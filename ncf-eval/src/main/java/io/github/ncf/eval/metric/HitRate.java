package io.github.ncf.eval.metric;

/**
 * Hit rate at K: 1 if the held-out item is among the top K candidates, else 0; averaged over users
 * it is the fraction of users whose item was recommended (He et al., WWW 2017, section 4.1).
 *
 * <pre>{@code
 * HitRate hr = HitRate.at(10);
 * hr.value(9);    // 1.0: tenth place is still a hit
 * hr.value(10);   // 0.0
 * }</pre>
 */
public final class HitRate implements RankMetric {

    private final int k;

    private HitRate(int k) {
        this.k = RankMetric.checkK(k);
    }

    /**
     * Returns the hit rate at a cut-off.
     *
     * @param k the cut-off, at least 1
     * @return the metric
     * @throws IllegalArgumentException if k is less than 1
     */
    public static HitRate at(int k) {
        return new HitRate(k);
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "HR@" + k;
    }

    @Override
    public double value(int rank) {
        return RankMetric.checkRank(rank) < k ? 1.0 : 0.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HitRate other && other.k == k;
    }

    @Override
    public int hashCode() {
        return 31 * HitRate.class.hashCode() + k;
    }

    @Override
    public String toString() {
        return name();
    }
}
