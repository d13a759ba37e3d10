package io.github.ncf.examples.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One epoch of a run, as written in the report's {@code epochs} list. An evaluated epoch carries its
 * metrics under the key of the split they were measured on: {@code epochs[i].validation.full.hr@10}
 * when the run held out a validation split ({@code --validation}), else {@code epochs[i].test.full.hr@10}.
 *
 * <pre>{@code
 * EpochRecord e = EpochRecord.onValidation(3, 0.31, 1.2, Map.of("hr@10", 0.11), Map.of("hr@10", 0.62));
 * }</pre>
 *
 * @param epoch the 1-based epoch number
 * @param loss the mean training loss of the epoch
 * @param trainSeconds wall-clock seconds of the epoch's training (evaluation excluded)
 * @param validation metrics on the validation split after this epoch, or null
 * @param test metrics on the test split after this epoch (runs without validation only), or null
 */
@JsonPropertyOrder({"epoch", "loss", "trainSeconds", "validation", "test"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochRecord(int epoch, double loss, double trainSeconds, ProtocolMetrics validation,
        ProtocolMetrics test) {

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

    /**
     * Creates the record of an epoch evaluated on the validation split.
     *
     * @param epoch the 1-based epoch number
     * @param loss the mean training loss
     * @param trainSeconds the epoch's training seconds
     * @param full full-ranking metrics ({@code "hr@10"} to value)
     * @param sampled sampled-ranking metrics
     * @return the record
     */
    public static EpochRecord onValidation(int epoch, double loss, double trainSeconds, Map<String, Double> full,
            Map<String, Double> sampled) {
        return new EpochRecord(epoch, loss, trainSeconds, new ProtocolMetrics(full, sampled), null);
    }

    /**
     * Creates the record of an epoch evaluated on the test split (a run without validation).
     *
     * @param epoch the 1-based epoch number
     * @param loss the mean training loss
     * @param trainSeconds the epoch's training seconds
     * @param full full-ranking metrics ({@code "hr@10"} to value)
     * @param sampled sampled-ranking metrics
     * @return the record
     */
    public static EpochRecord onTest(int epoch, double loss, double trainSeconds, Map<String, Double> full,
            Map<String, Double> sampled) {
        return new EpochRecord(epoch, loss, trainSeconds, null, new ProtocolMetrics(full, sampled));
    }

    /** @return whether metrics were computed after this epoch */
    @JsonIgnore
    public boolean evaluated() {
        return validation != null || test != null;
    }

    /** @return {@code "validation"} or {@code "test"}: the split this epoch was evaluated on; null if none */
    @JsonIgnore
    public String split() {
        return validation != null ? "validation" : test != null ? "test" : null;
    }

    /** @return this epoch's full-ranking metrics on whichever split it was evaluated, or null */
    @JsonIgnore
    public Map<String, Double> full() {
        ProtocolMetrics m = validation != null ? validation : test;
        return m == null ? null : m.full();
    }

    /** @return this epoch's sampled-ranking metrics on whichever split it was evaluated, or null */
    @JsonIgnore
    public Map<String, Double> sampled() {
        ProtocolMetrics m = validation != null ? validation : test;
        return m == null ? null : m.sampled();
    }
}
