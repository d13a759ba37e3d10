package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ncf.eval.tune.Trial;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of {@code ncf tune}: every trial with its validation metrics, the configuration
 * chosen on validation, and the one test evaluation of it. Written after each trial, so an interrupted
 * search resumes from it (then {@code chosenConfig} and {@code test} are still null).
 *
 * @param command always {@code tune}
 * @param model the model tuned, e.g. {@code ease}
 * @param dataset the data set's label
 * @param seed the seed of the trial sequence, the split and training
 * @param trialsPlanned the most trials
 * @param budgetMinutes the search budget
 * @param maxEpochs the most epochs of an NCF or MF trial
 * @param batchSize the positives per batch of an NCF or MF fit
 * @param patience the epochs without improvement on validation that end an NCF or MF trial
 * @param fixed hyperparameters held at a value in every trial ({@code --fix}), as given
 * @param space the search space, as text
 * @param selection always {@code validation}: what selection read
 * @param selectionMetric the validation metric that chose, e.g. {@code full.hr@10}
 * @param trials every trial so far
 * @param chosenTrial the index of the chosen trial, or null while searching
 * @param chosenConfig the chosen configuration with what its training chose (epochs), or null
 * @param test the test metrics of the chosen configuration ({@code full.hr@10}, ...), or null
 * @param testEvaluations how often test was evaluated: 0 while searching, then 1
 * @param searchSeconds the seconds spent on trials
 * @param searchCpuSeconds the process's CPU seconds spent on trials (the cost on a shared machine)
 * @param finalSeconds the seconds of the final fit and its test evaluation, or null
 * @param finalCpuSeconds the CPU seconds of the final fit and its test evaluation, or null
 * @param testPerUser the per-user values of that one test evaluation, keyed like {@code test}, users in
 *     the evaluation's order (what {@code compare --tuned} compares without training again), or null
 */
@JsonPropertyOrder({"command", "model", "dataset", "seed", "trialsPlanned", "budgetMinutes", "maxEpochs",
    "batchSize", "patience", "fixed", "space", "selection", "selectionMetric", "trials", "chosenTrial",
    "chosenConfig", "test", "testEvaluations", "searchSeconds", "searchCpuSeconds", "finalSeconds",
    "finalCpuSeconds", "testPerUser"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TuneReport(String command, String model, String dataset, long seed, int trialsPlanned,
        double budgetMinutes, int maxEpochs, int batchSize, int patience, Map<String, String> fixed, String space,
        String selection, String selectionMetric,
        List<Trial> trials, Integer chosenTrial, Map<String, Object> chosenConfig, Map<String, Double> test,
        int testEvaluations, double searchSeconds, double searchCpuSeconds, Double finalSeconds,
        Double finalCpuSeconds, Map<String, double[]> testPerUser) {

    /**
     * Copies the list.
     *
     * @param command always {@code tune}
     * @param model the model tuned, e.g. {@code ease}
     * @param dataset the data set's label
     * @param seed the seed of the trial sequence, the split and training
     * @param trialsPlanned the most trials
     * @param budgetMinutes the search budget
     * @param maxEpochs the most epochs of an NCF or MF trial
     * @param batchSize the positives per batch of an NCF or MF fit
     * @param patience the epochs without improvement on validation that end an NCF or MF trial
     * @param fixed hyperparameters held at a value in every trial ({@code --fix}), as given
     * @param space the search space, as text
     * @param selection always {@code validation}: what selection read
     * @param selectionMetric the validation metric that chose, e.g. {@code full.hr@10}
     * @param trials every trial so far
     * @param chosenTrial the index of the chosen trial, or null while searching
     * @param chosenConfig the chosen configuration with what its training chose (epochs), or null
     * @param test the test metrics of the chosen configuration ({@code full.hr@10}, ...), or null
     * @param testEvaluations how often test was evaluated: 0 while searching, then 1
     * @param searchSeconds the seconds spent on trials
     * @param searchCpuSeconds the process's CPU seconds spent on trials
     * @param finalSeconds the seconds of the final fit and its test evaluation, or null
     * @param finalCpuSeconds the CPU seconds of the final fit and its test evaluation, or null
     * @param testPerUser the per-user values of the test evaluation, keyed like {@code test}, or null
     */
    public TuneReport {
        trials = List.copyOf(trials);
        fixed = Map.copyOf(fixed);
    }
}
