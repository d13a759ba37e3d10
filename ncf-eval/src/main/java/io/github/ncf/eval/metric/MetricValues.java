package io.github.ncf.eval.metric;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of one metric over a set of users: each user's value, kept apart from their mean.
 *
 * <p>Immutable: the per-user array is copied in and out. Values are in the order of the ranks they
 * were computed from (the evaluated users' order in an {@code EvaluationResult}).
 *
 * <pre>{@code
 * MetricValues hr = HitRate.at(10).evaluate(ranks);
 * double mean = hr.mean();
 * double first = hr.value(0);
 * }</pre>
 */
public final class MetricValues {

    private final String name;
    private final double[] values;
    private final double mean;

    private MetricValues(String name, double[] values) {
        this.name = name;
        this.values = values;
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        this.mean = values.length == 0 ? Double.NaN : sum / values.length;
    }

    /**
     * Wraps per-user values; the array is copied.
     *
     * @param name the metric's name, such as {@code "HR@10"}
     * @param values one value per user
     * @return the values with their mean
     */
    public static MetricValues of(String name, double[] values) {
        return new MetricValues(Objects.requireNonNull(name, "name"), values.clone());
    }

    /** @return the metric's name, such as {@code "HR@10"} */
    public String name() {
        return name;
    }

    /** @return the mean over users, or NaN when there are no users */
    public double mean() {
        return mean;
    }

    /** @return the number of users */
    public int size() {
        return values.length;
    }

    /**
     * Returns one user's value.
     *
     * @param position the user's position, in {@code [0, size())}
     * @return the value
     */
    public double value(int position) {
        return values[position];
    }

    /** @return a copy of the per-user values */
    public double[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s=%.4f (%d users)", name, mean, values.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricValues other && other.name.equals(name)
                && Arrays.equals(other.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }
}
