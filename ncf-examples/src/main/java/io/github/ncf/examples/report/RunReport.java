package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON report of one run: what was trained on what, with which settings, how each epoch went, the
 * final metrics under both protocols, and the timing.
 *
 * <p>The keys {@code dataset}, {@code model}, {@code config}, {@code epochs}, {@code final.full},
 * {@code final.sampled} and {@code timing} (with {@code trainSecondsPerEpoch}, {@code fullEvalSeconds},
 * {@code sampledEvalSeconds}) are always present; metric keys are lower case, such as {@code hr@10} and
 * {@code ndcg@10}. Every metric says its split: {@code final.*} is the test split, measured once after
 * training; an epoch's metrics sit under {@code validation} or {@code test}; {@code selection} says
 * what was chosen on which split. Every figure is measured by the run that writes it.
 *
 * <pre>{@code
 * RunReport report = RunReport.builder()
 *         .dataset(new DatasetInfo("ml-100k", 943, 1682, 100_000, 99_057, 943, ""))
 *         .model("neumf")
 *         .config("seed", 42L)
 *         .addEpoch(EpochRecord.unevaluated(1, 0.39, 5.1))
 *         .finalFull(Map.of("hr@10", 0.13)).finalSampled(Map.of("hr@10", 0.65))
 *         .fullEvalSeconds(0.4).sampledEvalSeconds(0.1)
 *         .build();
 * Reports.write(report, Path.of("run.json"));
 * }</pre>
 *
 * @param label a human name for the run within a comparison or sweep, or null
 * @param dataset the data set
 * @param model the model kind: {@code gmf}, {@code mlp}, {@code neumf} or a baseline such as {@code popularity}
 * @param config every hyperparameter and the seed, in a stable order
 * @param epochs one record per trained epoch; empty for baselines
 * @param selection what was selected (the epoch kept) and on which split; null in reports of older versions
 * @param finalMetrics the final metrics under both protocols, on the test split
 * @param timing the training and evaluation seconds
 */
@JsonPropertyOrder({"label", "dataset", "model", "config", "epochs", "selection", "final", "timing"})
public record RunReport(
        @JsonInclude(JsonInclude.Include.NON_NULL) String label,
        DatasetInfo dataset,
        String model,
        Map<String, Object> config,
        List<EpochRecord> epochs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Selection selection,
        @JsonProperty("final") ProtocolMetrics finalMetrics,
        Timing timing) {

    /**
     * Returns a builder that computes the timing summary from the epochs.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the median of values, the mean of the middle two for an even count.
     *
     * @param values the values; not modified
     * @return the median
     * @throws IllegalArgumentException if there are no values
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Assembles a {@link RunReport}; reusable after {@link #build()}. */
    public static final class Builder {

        private String label;
        private DatasetInfo dataset;
        private String model;
        private final Map<String, Object> config = new LinkedHashMap<>();
        private final List<EpochRecord> epochs = new ArrayList<>();
        private Selection selection;
        private Map<String, Double> finalFull;
        private Map<String, Double> finalSampled;
        private double fullEvalSeconds = Double.NaN;
        private double sampledEvalSeconds = Double.NaN;

        private Builder() {
        }

        /**
         * Sets a human name for the run, shown in tables and charts of comparisons.
         *
         * @param label the label, or null
         * @return this builder
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * Sets the data set.
         *
         * @param dataset the data set
         * @return this builder
         */
        public Builder dataset(DatasetInfo dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            return this;
        }

        /**
         * Sets the model kind.
         *
         * @param model {@code gmf}, {@code mlp}, {@code neumf} or a baseline name
         * @return this builder
         */
        public Builder model(String model) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank, got \"" + model + "\"");
            }
            this.model = model;
            return this;
        }

        /**
         * Records one setting; settings keep the order in which they are first given.
         *
         * @param key the setting's name, e.g. {@code seed}
         * @param value its value: a number, string, boolean or list of them
         * @return this builder
         */
        public Builder config(String key, Object value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("config key must not be blank, got \"" + key + "\"");
            }
            config.put(key, value);
            return this;
        }

        /**
         * Records several settings in the map's iteration order.
         *
         * @param settings name to value
         * @return this builder
         */
        public Builder config(Map<String, ?> settings) {
            settings.forEach(this::config);
            return this;
        }

        /**
         * Adds an epoch; epochs must be added in increasing order.
         *
         * @param epoch the epoch's record
         * @return this builder
         * @throws IllegalArgumentException if the epoch number does not increase
         */
        public Builder addEpoch(EpochRecord epoch) {
            Objects.requireNonNull(epoch, "epoch");
            if (!epochs.isEmpty() && epoch.epoch() <= epochs.get(epochs.size() - 1).epoch()) {
                throw new IllegalArgumentException("epoch must increase, got " + epoch.epoch()
                        + " after " + epochs.get(epochs.size() - 1).epoch());
            }
            epochs.add(epoch);
            return this;
        }

        /**
         * Sets what the run selected and on which split.
         *
         * @param selection the selection
         * @return this builder
         */
        public Builder selection(Selection selection) {
            this.selection = Objects.requireNonNull(selection, "selection");
            return this;
        }

        /**
         * Sets the final full-ranking metrics, measured on the test split.
         *
         * @param metrics metric key (e.g. {@code hr@10}) to value
         * @return this builder
         */
        public Builder finalFull(Map<String, Double> metrics) {
            this.finalFull = new LinkedHashMap<>(metrics);
            return this;
        }

        /**
         * Sets the final sampled-ranking metrics, measured on the test split.
         *
         * @param metrics metric key to value
         * @return this builder
         */
        public Builder finalSampled(Map<String, Double> metrics) {
            this.finalSampled = new LinkedHashMap<>(metrics);
            return this;
        }

        /**
         * Sets the seconds of the final full-ranking evaluation.
         *
         * @param seconds the seconds, >= 0
         * @return this builder
         */
        public Builder fullEvalSeconds(double seconds) {
            this.fullEvalSeconds = checkSeconds("fullEvalSeconds", seconds);
            return this;
        }

        /**
         * Sets the seconds of the final sampled evaluation.
         *
         * @param seconds the seconds, >= 0
         * @return this builder
         */
        public Builder sampledEvalSeconds(double seconds) {
            this.sampledEvalSeconds = checkSeconds("sampledEvalSeconds", seconds);
            return this;
        }

        private static double checkSeconds(String field, double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException(field + " must be >= 0, got " + seconds);
            }
            return seconds;
        }

        /**
         * Builds the report, computing {@code timing.trainSecondsPerEpoch} as the median of the epochs.
         *
         * @return the report
         * @throws IllegalStateException if the dataset, model, final metrics or evaluation seconds are
         *     missing
         */
        public RunReport build() {
            requireSet("dataset", dataset);
            requireSet("model", model);
            requireSet("finalFull", finalFull);
            requireSet("finalSampled", finalSampled);
            if (Double.isNaN(fullEvalSeconds) || Double.isNaN(sampledEvalSeconds)) {
                throw new IllegalStateException("fullEvalSeconds and sampledEvalSeconds must be set before build()");
            }
            Double perEpoch = null;
            Double total = null;
            if (!epochs.isEmpty()) {
                double[] seconds = epochs.stream().mapToDouble(EpochRecord::trainSeconds).toArray();
                perEpoch = median(seconds);
                total = Arrays.stream(seconds).sum();
            }
            return new RunReport(label, dataset, model,
                    Collections.unmodifiableMap(new LinkedHashMap<>(config)), List.copyOf(epochs), selection,
                    new ProtocolMetrics(Collections.unmodifiableMap(new LinkedHashMap<>(finalFull)),
                            Collections.unmodifiableMap(new LinkedHashMap<>(finalSampled))),
                    new Timing(perEpoch, fullEvalSeconds, sampledEvalSeconds, total));
        }

        private static void requireSet(String field, Object value) {
            if (value == null) {
                throw new IllegalStateException(field + " must be set before build()");
            }
        }
    }
}
