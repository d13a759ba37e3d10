package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run selected and on which split, as written under the report's {@code selection} key. The
 * test split is never read to select: {@code final.*} is always measured on test, once, after the
 * selection.
 *
 * <pre>{@code
 * Selection s = Selection.bestEpoch(4, "validation.full.hr@10", 0.121, 3);
 * }</pre>
 *
 * @param rule {@code last} (the model after its last epoch, nothing chosen), {@code best} (the epoch
 *     with the best validation metric, its weights restored) or {@code none} (nothing trained)
 * @param epoch the epoch whose model was kept, or null for {@code none}
 * @param split the split the choice read: {@code validation}, or {@code none} when nothing was chosen
 * @param metric the metric read, e.g. {@code validation.full.hr@10}; null unless {@code best}
 * @param value the metric's value at the kept epoch; null unless {@code best}
 * @param patience epochs without improvement that stop training; null unless {@code best}
 */
@JsonPropertyOrder({"rule", "epoch", "split", "metric", "value", "patience"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Selection(String rule, Integer epoch, String split, String metric, Double value, Integer patience) {

    /**
     * The model after its last epoch: nothing was chosen, so no split was read to choose.
     *
     * @param epoch the last epoch trained
     * @return the selection
     */
    public static Selection lastEpoch(int epoch) {
        return new Selection("last", epoch, "none", null, null, null);
    }

    /**
     * The epoch with the best validation metric, chosen by early stopping.
     *
     * @param epoch the best epoch
     * @param metric the metric read, e.g. {@code validation.full.hr@10}
     * @param value its value at that epoch
     * @param patience epochs without improvement that stopped training
     * @return the selection
     */
    public static Selection bestEpoch(int epoch, String metric, double value, int patience) {
        return new Selection("best", epoch, "validation", metric, value, patience);
    }

    /** @return the selection of a scorer that needs no training */
    public static Selection none() {
        return new Selection("none", null, "none", null, null, null);
    }
}
