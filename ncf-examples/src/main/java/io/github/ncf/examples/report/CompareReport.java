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
     */
    public record ModelEntry(String name, String source, Map<String, Object> config, Map<String, Double> test,
            Map<String, double[]> perUser, double seconds) {
    }
}
