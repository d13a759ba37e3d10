package io.github.ncf.eval.tune;

import io.github.ncf.core.NativeAllocator;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.RankingEvaluation;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Seeded random search over a recipe's space that selects on validation only, then trains the chosen
 * configuration and runs the test protocol once.
 *
 * <pre>{@code
 * RandomSearch search = RandomSearch.builder().trials(20).budget(Duration.ofMinutes(8)).seed(42)
 *         .evaluation(evaluation).build();
 * SearchResult r = search.run(recipes.get("ease"), split, List.of(), trial -> save(trial));
 * }</pre>
 *
 * <p>Budget: a trial starts only while fewer than {@code trials} have run and the seconds spent on
 * trials so far (resumed ones included) are below the budget; a started trial runs to its end, and the
 * first trial always runs. The rule is the same for every model, so equal budgets are equal chances.
 * Trial {@code k}'s configuration depends on the seed and {@code k} only: a search resumed with the
 * trials it already ran continues the same sequence, and a recorded trial whose configuration differs
 * from the sequence's is refused. A space with nothing to draw runs one trial.
 *
 * <p>Memory: each trial's model is closed when the trial ends. Where the process opted in to the
 * allocator tuning ({@code ProcessTuning}), which keeps freed native memory for reuse, the search also
 * returns it to the kernel between trials ({@link NativeAllocator#releaseFreed()}); without that, a
 * long search of NCF models stayed resident at several times one trial's need.
 */
public final class RandomSearch {

    private final int trials;
    private final Duration budget;
    private final long seed;
    private final RankingEvaluation evaluation;

    private RandomSearch(Builder b) {
        trials = b.trials;
        budget = b.budget;
        seed = b.seed;
        evaluation = b.evaluation != null ? b.evaluation : RankingEvaluation.builder().seed(b.seed).build();
    }

    /**
     * Returns a builder: 10 trials, a budget of 10 minutes, {@link Seeds#DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the search.
     *
     * @param recipe the model
     * @param split a split with validation rows
     * @param done trials a previous run of this search recorded, in order, not run again
     * @param onTrial told of each new trial as it ends (to record it)
     * @return the trials, the choice and its one test evaluation
     * @throws IllegalStateException if the split has no validation rows, or a recorded trial's
     *     configuration is not this search's
     */
    public SearchResult run(Recipe recipe, Split split, List<Trial> done, Consumer<Trial> onTrial) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(split, "split");
        if (!split.hasValidation()) {
            throw new IllegalStateException("the split has no validation rows, and selection must not read "
                    + "test; split with LeaveOneOutSplitter.builder().validation(true)");
        }
        int limit = recipe.space().names().isEmpty() ? 1 : trials;
        List<Trial> all = new ArrayList<>();
        double spent = 0;
        for (Trial t : done) {
            if (t.index() != all.size()) {
                throw new IllegalStateException("recorded trial " + t.index() + " is out of sequence; expected "
                        + all.size());
            }
            Map<String, Object> expected = recipe.space().sample(seed, t.index());
            if (!sameConfig(expected, t.config())) {
                throw new IllegalStateException("recorded trial " + t.index() + " has configuration "
                        + t.config() + " but this search (seed " + seed + ", " + recipe.space() + ") draws "
                        + expected);
            }
            all.add(t);
            spent += t.seconds();
        }
        String selection = key("full", evaluation.selectionMetric().name());
        long start = System.nanoTime();
        double before = spent;
        while (all.size() < limit && (all.isEmpty() || spent < budget.toMillis() / 1000.0)) {
            int index = all.size();
            Map<String, Object> config = recipe.space().sample(seed, index);
            long t0 = System.nanoTime();
            double c0 = cpuSeconds();
            Map<String, Double> metrics;
            Map<String, Object> learned;
            try (Fitted f = recipe.fit(config, split, Recipe.Stage.SELECTION)) {
                metrics = metrics(evaluation.validate(f.scorer(), split));
                learned = f.learned();
            }
            // The trial's model and every scope it opened are closed here; hand what they freed back
            // to the kernel, so the next trial does not start on top of this one's high-water mark.
            NativeAllocator.releaseFreed();
            Trial trial = new Trial(index, config, learned, metrics, (System.nanoTime() - t0) / 1e9,
                    since(c0));
            all.add(trial);
            onTrial.accept(trial);
            spent = before + (System.nanoTime() - start) / 1e9;
        }
        Trial best = all.get(0);
        for (Trial t : all) {
            if (t.validation().get(selection) > best.validation().get(selection)) {
                best = t;
            }
        }
        Map<String, Object> chosen = new LinkedHashMap<>(best.config());
        chosen.putAll(best.learned());
        long f0 = System.nanoTime();
        double c0 = cpuSeconds();
        EvaluationReport test;
        try (Fitted f = recipe.fit(chosen, split, Recipe.Stage.FINAL)) {
            test = evaluation.test(f.scorer(), split);
        }
        NativeAllocator.releaseFreed();
        return new SearchResult(all, best, chosen, test, 1, spent, (System.nanoTime() - f0) / 1e9, since(c0));
    }

    /** The process's CPU seconds so far (all threads), or -1 where the JVM cannot tell. */
    static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? -1 : ns / 1e9;
        }
        return -1;
    }

    private static double since(double cpuStart) {
        double now = cpuSeconds();
        return cpuStart < 0 || now < 0 ? -1 : now - cpuStart;
    }

    /**
     * Flattens a report's means to {@code full.<metric>} and {@code sampled.<metric>}, metric names in
     * lower case ({@code full.hr@10}).
     *
     * @param report the report
     * @return the flat metrics
     */
    public static Map<String, Double> metrics(EvaluationReport report) {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "full", report.full());
        put(m, "sampled", report.sampled());
        return m;
    }

    private static void put(Map<String, Double> m, String protocol, EvaluationResult r) {
        r.means().forEach((name, value) -> m.put(key(protocol, name), value));
    }

    private static String key(String protocol, String metric) {
        return protocol + "." + metric.toLowerCase(Locale.ROOT);
    }

    /** Numbers compare by value, since a configuration read back from JSON may hold 16.0 for 16. */
    private static boolean sameConfig(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            boolean same = x instanceof Number n && y instanceof Number m ? n.doubleValue() == m.doubleValue()
                    : String.valueOf(x).equals(String.valueOf(y));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** @return the most trials */
    public int trials() {
        return trials;
    }

    /** @return the search budget */
    public Duration budget() {
        return budget;
    }

    /** @return the seed of the trial sequence */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "RandomSearch{trials=" + trials + ", budget=" + budget + ", seed=" + seed + "}";
    }

    /** Builds a {@link RandomSearch}; each setter checks its argument. */
    public static final class Builder {

        private int trials = 10;
        private Duration budget = Duration.ofMinutes(10);
        private long seed = Seeds.DEFAULT;
        private RankingEvaluation evaluation;

        private Builder() {
        }

        /**
         * Sets the most trials.
         *
         * @param trials >= 1; default 10
         * @return this builder
         */
        public Builder trials(int trials) {
            if (trials < 1) {
                throw new IllegalArgumentException("trials must be >= 1, got " + trials);
            }
            this.trials = trials;
            return this;
        }

        /**
         * Sets the time after which no new trial starts.
         *
         * @param budget positive; default 10 minutes
         * @return this builder
         */
        public Builder budget(Duration budget) {
            if (budget == null || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("budget must be positive, got " + budget);
            }
            this.budget = budget;
            return this;
        }

        /**
         * Sets the seed of the trial sequence.
         *
         * @param seed default {@link Seeds#DEFAULT}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the evaluation: validation for trials, test once for the choice (default HR@10 and
         * NDCG@10, 99 sampled negatives, seeded with {@link #seed(long)}).
         *
         * @param evaluation the evaluation
         * @return this builder
         */
        public Builder evaluation(RankingEvaluation evaluation) {
            this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search
         */
        public RandomSearch build() {
            return new RandomSearch(this);
        }
    }
}
