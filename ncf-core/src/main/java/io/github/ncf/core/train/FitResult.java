package io.github.ncf.core.train;

import java.util.List;
import java.util.Map;

/**
 * What one {@link NcfTrainer} fit did: epochs run, the best epoch, the losses and the time. Named
 * apart from DJL's {@code TrainingResult}.
 *
 * <pre>{@code
 * FitResult r = trainer.fit(model, split.train());
 * System.out.println(r.epochsRun() + " epochs, best " + r.bestEpoch() + ", losses " + r.meanLosses());
 * }</pre>
 *
 * @param epochsRun the number of epochs trained (fewer than asked when early stopping stopped)
 * @param meanLosses the mean training loss of each epoch run, in order
 * @param epochSeconds the training seconds of each epoch run (sampling included, listeners not)
 * @param bestEpoch the 1-based epoch whose weights the model holds when early stopping restored
 *     them, otherwise the last epoch
 * @param stoppedEarly whether early stopping ended training before the last epoch
 * @param phaseSeconds seconds spent per phase over all epochs: always {@code sampling} (drawing the
 *     epochs' rows); with the internal profiling switch also {@code batchCreation},
 *     {@code forward} (loss included), {@code backward} and {@code optimizer}
 */
public record FitResult(int epochsRun, List<Double> meanLosses, List<Double> epochSeconds,
        int bestEpoch, boolean stoppedEarly, Map<String, Double> phaseSeconds) {

    /**
     * Copies the lists and the map.
     *
     * @param epochsRun the number of epochs trained
     * @param meanLosses the mean training loss of each epoch run
     * @param epochSeconds the training seconds of each epoch run
     * @param bestEpoch the 1-based epoch whose weights the model holds
     * @param stoppedEarly whether early stopping ended training before the last epoch
     * @param phaseSeconds seconds spent per phase over all epochs
     */
    public FitResult {
        meanLosses = List.copyOf(meanLosses);
        epochSeconds = List.copyOf(epochSeconds);
        phaseSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phaseSeconds));
    }

    /** @return the median of the epoch seconds, or NaN when no epoch ran */
    public double medianEpochSeconds() {
        if (epochSeconds.isEmpty()) {
            return Double.NaN;
        }
        double[] s = epochSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
