package io.github.ncf.eval.tune;

import io.github.ncf.eval.EvaluationReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RandomSearch} did: every trial with its validation metrics, the configuration chosen on
 * validation, and the one test evaluation of that configuration.
 *
 * <pre>{@code
 * SearchResult r = search.run(recipe, split, List.of(), t -> { });
 * System.out.println(r.chosenConfig() + " -> " + r.test());
 * }</pre>
 *
 * @param trials every trial, in sequence order (those resumed from an earlier run included)
 * @param chosen the trial with the best validation selection metric
 * @param chosenConfig the chosen trial's configuration with what its training chose (e.g. epochs)
 * @param test the test evaluation of the chosen configuration, trained on train and validation
 * @param testEvaluations how often the test protocol ran: always 1
 * @param searchSeconds the seconds of all trials, resumed ones included
 * @param finalSeconds the seconds of the final fit and its test evaluation
 * @param finalCpuSeconds the process's CPU seconds of the final fit and its test evaluation, or -1
 *     where unknown
 */
public record SearchResult(List<Trial> trials, Trial chosen, Map<String, Object> chosenConfig,
        EvaluationReport test, int testEvaluations, double searchSeconds, double finalSeconds,
        double finalCpuSeconds) {

    /**
     * Copies the collections.
     *
     * @param trials every trial, in sequence order (those resumed from an earlier run included)
     * @param chosen the trial with the best validation selection metric
     * @param chosenConfig the chosen trial's configuration with what its training chose (e.g. epochs)
     * @param test the test evaluation of the chosen configuration, trained on train and validation
     * @param testEvaluations how often the test protocol ran: always 1
     * @param searchSeconds the seconds of all trials, resumed ones included
     * @param finalSeconds the seconds of the final fit and its test evaluation
     * @param finalCpuSeconds the process's CPU seconds of the final fit and its test evaluation, or -1
     */
    public SearchResult {
        trials = List.copyOf(trials);
        chosenConfig = Collections.unmodifiableMap(new LinkedHashMap<>(chosenConfig));
    }
}
