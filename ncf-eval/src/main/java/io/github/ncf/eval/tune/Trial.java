package io.github.ncf.eval.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration tried by a search and what it scored on the validation split.
 *
 * <pre>{@code
 * Trial t = result.trials().get(0);
 * double hr = t.validation().get("full.hr@10");
 * }</pre>
 *
 * @param index the trial number in the search's sequence, from 0
 * @param config the configuration drawn for it
 * @param learned what training chose on validation beside the configuration (the best epoch)
 * @param validation validation metrics, keyed {@code full.<metric>} and {@code sampled.<metric>}
 * @param seconds wall time of training and validation
 * @param cpuSeconds CPU time of the process during training and validation (all its threads), or -1
 *     where the JVM cannot measure it; on a shared machine this, not wall time, is the trial's cost
 */
public record Trial(int index, Map<String, Object> config, Map<String, Object> learned,
        Map<String, Double> validation, double seconds, double cpuSeconds) {

    /**
     * Copies the maps.
     *
     * @param index the trial number in the search's sequence, from 0
     * @param config the configuration drawn for it
     * @param learned what training chose on validation beside the configuration (the best epoch)
     * @param validation validation metrics, keyed {@code full.<metric>} and {@code sampled.<metric>}
     * @param seconds wall time of training and validation
     * @param cpuSeconds CPU time of the process during training and validation, or -1 where unknown
     */
    public Trial {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        learned = Collections.unmodifiableMap(new LinkedHashMap<>(learned));
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
    }
}
