package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One epoch of a run, as written in the report's {@code epochs} list.
 *
 * @param epoch the 1-based epoch number
 * @param loss the mean training loss of the epoch
 * @param trainSeconds wall-clock seconds of the epoch's training (evaluation excluded)
 * @param full full-ranking metrics after this epoch ({@code "hr@10"} to value), or null if not evaluated
 * @param sampled sampled-ranking metrics after this epoch, or null if not evaluated
 */
@JsonPropertyOrder({"epoch", "loss", "trainSeconds", "full", "sampled"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochRecord(int epoch, double loss, double trainSeconds, Map<String, Double> full,
        Map<String, Double> sampled) {

    /**
     * Creates the record of an epoch that was not evaluated.
     *
     * @param epoch the 1-based epoch number
     * @param loss the mean training loss
     * @param trainSeconds the epoch's training seconds
     * @return the record
     */
    public static EpochRecord unevaluated(int epoch, double loss, double trainSeconds) {
        return new EpochRecord(epoch, loss, trainSeconds, null, null);
    }

    /** @return whether metrics were computed after this epoch */
    public boolean evaluated() {
        return full != null || sampled != null;
    }
}
