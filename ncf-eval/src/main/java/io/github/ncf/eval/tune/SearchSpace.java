package io.github.ncf.eval.tune;

import io.github.ncf.data.SplitMix64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A declared set of hyperparameters and the ranges a search draws them from.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *         .logUniform("lambda", 10, 2000)
 *         .choice("negatives", 4, 8)
 *         .build();
 * Map<String, Object> config = space.sample(42L, 0);   // trial 0 of seed 42, always the same
 * }</pre>
 */
public final class SearchSpace {

    private enum Kind { UNIFORM, LOG_UNIFORM, LOG_INT, CHOICE }

    private record Dimension(String name, Kind kind, double low, double high, List<Object> values) {
    }

    private final List<Dimension> dimensions;

    private SearchSpace(Builder b) {
        this.dimensions = List.copyOf(b.dimensions);
    }

    /**
     * Returns an empty builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the hyperparameter names, in declaration order */
    public List<String> names() {
        return dimensions.stream().map(Dimension::name).toList();
    }

    /**
     * Returns this space with one hyperparameter held at a value. The held dimension still consumes
     * its draw, so trial {@code k} of the returned space draws every other hyperparameter exactly as
     * trial {@code k} of this space does: two searches that differ only in a held value (NeuMF with
     * and without pretraining) try the same configurations otherwise, a paired comparison.
     *
     * @param name a hyperparameter of this space
     * @param value the value it takes in every trial
     * @return the new space
     * @throws IllegalArgumentException if the space has no such hyperparameter
     */
    public SearchSpace fix(String name, Object value) {
        Objects.requireNonNull(value, "value");
        Builder b = new Builder();
        boolean found = false;
        for (Dimension d : dimensions) {
            if (d.name().equals(name)) {
                b.dimensions.add(new Dimension(name, Kind.CHOICE, 0, 0, List.of(value)));
                found = true;
            } else {
                b.dimensions.add(d);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("the space has no hyperparameter \"" + name + "\" to fix; it has "
                    + names());
        }
        return new SearchSpace(b);
    }

    /**
     * Draws trial {@code trial}'s configuration: a function of the seed and the trial number only, so
     * a resumed search draws the same sequence.
     *
     * @param seed the search seed
     * @param trial the trial number, >= 0
     * @return name to value (Double, Integer or a choice's value), in declaration order
     */
    public Map<String, Object> sample(long seed, int trial) {
        if (trial < 0) {
            throw new IllegalArgumentException("trial must be >= 0, got " + trial);
        }
        SplitMix64 random = SplitMix64.of(seed, 0x74756e65L, trial);
        Map<String, Object> config = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            double r = random.nextDouble();
            Object value = switch (d.kind()) {
                case UNIFORM -> round(d.low() + r * (d.high() - d.low()));
                case LOG_UNIFORM -> round(Math.exp(Math.log(d.low()) + r * (Math.log(d.high()) - Math.log(d.low()))));
                case LOG_INT -> (int) Math.min(d.high(), Math.floor(Math.exp(Math.log(d.low())
                        + r * (Math.log(d.high() + 1) - Math.log(d.low())))));
                case CHOICE -> d.values().get(Math.min(d.values().size() - 1, (int) (r * d.values().size())));
            };
            config.put(d.name(), value);
        }
        return config;
    }

    /** Four significant digits: reports stay readable and a value read back from JSON is the same. */
    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4g", v));
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Dimension d : dimensions) {
            parts.add(switch (d.kind()) {
                case UNIFORM -> d.name() + "~U(" + d.low() + ", " + d.high() + ")";
                case LOG_UNIFORM -> d.name() + "~logU(" + d.low() + ", " + d.high() + ")";
                case LOG_INT -> d.name() + "~logInt[" + (int) d.low() + ", " + (int) d.high() + "]";
                case CHOICE -> d.name() + " in " + d.values();
            });
        }
        return "SearchSpace" + parts;
    }

    /** Builds a {@link SearchSpace}; each method checks its range at once. */
    public static final class Builder {

        private final List<Dimension> dimensions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a real hyperparameter drawn uniformly from {@code [low, high]}.
         *
         * @param name the name
         * @param low the lower bound
         * @param high the upper bound, >= low
         * @return this builder
         */
        public Builder uniform(String name, double low, double high) {
            return add(name, Kind.UNIFORM, low, high, List.of());
        }

        /**
         * Adds a real hyperparameter whose logarithm is drawn uniformly: {@code [low, high]}, low > 0.
         *
         * @param name the name
         * @param low the lower bound, > 0
         * @param high the upper bound, >= low
         * @return this builder
         */
        public Builder logUniform(String name, double low, double high) {
            if (!(low > 0)) {
                throw new IllegalArgumentException(name + ": low must be > 0 for a log-uniform range, got " + low);
            }
            return add(name, Kind.LOG_UNIFORM, low, high, List.of());
        }

        /**
         * Adds an integer hyperparameter drawn log-uniformly from {@code [low, high]}, low >= 1.
         *
         * @param name the name
         * @param low the lower bound, >= 1
         * @param high the upper bound, >= low
         * @return this builder
         */
        public Builder logInt(String name, int low, int high) {
            if (low < 1) {
                throw new IllegalArgumentException(name + ": low must be >= 1 for a log-integer range, got " + low);
            }
            return add(name, Kind.LOG_INT, low, high, List.of());
        }

        /**
         * Adds a hyperparameter drawn uniformly from listed values.
         *
         * @param name the name
         * @param values the values, at least one
         * @return this builder
         */
        public Builder choice(String name, Object... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException(name + ": a choice needs at least one value, got none");
            }
            return add(name, Kind.CHOICE, 0, 0, List.of(values));
        }

        private Builder add(String name, Kind kind, double low, double high, List<Object> values) {
            Objects.requireNonNull(name, "name");
            if (!(high >= low) || Double.isInfinite(high) || Double.isInfinite(low)) {
                throw new IllegalArgumentException(name + ": range must be finite with high >= low, got ["
                        + low + ", " + high + "]");
            }
            if (dimensions.stream().anyMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException(name + " is declared twice");
            }
            dimensions.add(new Dimension(name, kind, low, high, values));
            return this;
        }

        /**
         * Builds the space.
         *
         * @return the space
         */
        public SearchSpace build() {
            return new SearchSpace(this);
        }
    }
}
