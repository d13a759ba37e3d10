package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ncf.eval.compare.ModelComparison;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of {@code ncf compare --models}: each model's configuration and where it came from,
 * its test figures under both protocols with the per-user values, and the comparison (differences to
 * the best model with paired bootstrap intervals, Kendall's tau between the protocols' orderings).
 *
 * @param command always {@code compare}
 * @param dataset the data set's label
 * @param seed the seed of the split, training, sampled candidates and bootstrap
 * @param models one entry per model, in the order given
 * @param comparison the comparison
 */
@JsonPropertyOrder({"command", "dataset", "seed", "models", "comparison"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompareReport(String command, String dataset, long seed, List<ModelEntry> models,
        ModelComparison comparison) {

    /**
     * Copies the list.
     *
     * @param command always {@code compare}
     * @param dataset the data set's label
     * @param seed the seed of the split, training, sampled candidates and bootstrap
     * @param models one entry per model, in the order given
     * @param comparison the comparison
     */
    public CompareReport {
        models = List.copyOf(models);
    }

    /**
     * One model of the comparison.
     *
     * @param name the model's name, e.g. {@code ease}
     * @param source {@code defaults} or the tune report its configuration came from
     * @param config the configuration trained
     * @param test test means, keyed {@code full.hr@10}, ...
     * @param perUser per-user test values, keyed like {@code test}, in the evaluation's user order
     * @param seconds training and evaluation time
     * @param selection how the configuration was chosen: on validation by {@code ncf tune}, or not at all
     */
    public record ModelEntry(String name, String source, Map<String, Object> config, Map<String, Double> test,
            Map<String, double[]> perUser, double seconds, Chosen selection) {
    }

    /**
     * How a compared model's configuration was chosen, read from its {@code ncf tune} report: selection
     * read validation only, and this comparison evaluates test once per model.
     *
     * @param rule {@code validation} for a tuned configuration, {@code none} for defaults or options
     * @param metric the validation metric the search chose by, e.g. {@code full.ndcg@10}, or null
     * @param trials the trials the search ran, or 0
     * @param validation the chosen trial's validation figures, or null
     * @param searchSeconds the search's wall seconds, or 0
     * @param searchCpuSeconds the search's CPU seconds, or 0 (or -1 where it could not be measured)
     * @param testEvaluations how often this comparison evaluated test for the model: 1
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chosen(String rule, String metric, int trials, Map<String, Double> validation,
            double searchSeconds, double searchCpuSeconds, int testEvaluations) {
    }
}
