package io.github.ncf.eval.compare;

/**
 * A paired-bootstrap confidence interval of the difference {@code mean(a) - mean(b)} of a per-user
 * metric, as computed by {@link PairedBootstrap#interval(double[], double[])}.
 *
 * <pre>{@code
 * BootstrapInterval ci = PairedBootstrap.builder().build().interval(easeHr, itemKnnHr);
 * boolean easeBetter = ci.excludesZero() && ci.difference() > 0;
 * }</pre>
 *
 * @param difference the observed difference of the means over all users, {@code mean(a) - mean(b)}
 * @param lower the lower end of the percentile interval
 * @param upper the upper end of the percentile interval
 * @param confidence the nominal coverage, e.g. {@code 0.95}
 * @param resamples the number of bootstrap resamples behind the interval
 * @param users the number of paired users resampled
 */
public record BootstrapInterval(double difference, double lower, double upper, double confidence,
        int resamples, int users) {

    /**
     * Returns whether zero lies outside the interval, i.e. the difference is significant at level
     * {@code 1 - confidence} by this test.
     *
     * @return true if {@code lower > 0} or {@code upper < 0}
     */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%+.4f [%+.4f, %+.4f] (%.0f%%, %d resamples, %d users)",
                difference, lower, upper, 100 * confidence, resamples, users);
    }
}
