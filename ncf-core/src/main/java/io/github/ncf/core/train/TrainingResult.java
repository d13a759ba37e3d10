package io.github.ncf.core.train;

import java.util.List;

/**
 * What {@link NcfTrainer#fit} did.
 *
 * @param epochsRun the number of epochs trained (fewer than asked when early stopping stopped)
 * @param meanLosses the mean training loss of each epoch run, in order
 * @param epochSeconds the training seconds of each epoch run (sampling included, listeners not)
 * @param bestEpoch the 1-based epoch whose weights the model holds when early stopping restored
 *     them, otherwise the last epoch
 * @param stoppedEarly whether early stopping ended training before the last epoch
 */
public record TrainingResult(int epochsRun, List<Double> meanLosses, List<Double> epochSeconds,
        int bestEpoch, boolean stoppedEarly) {

    /** Copies the lists. */
    public TrainingResult {
        meanLosses = List.copyOf(meanLosses);
        epochSeconds = List.copyOf(epochSeconds);
    }
}
