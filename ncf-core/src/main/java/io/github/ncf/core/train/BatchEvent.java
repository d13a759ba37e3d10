package io.github.ncf.core.train;

/**
 * What one training batch did.
 *
 * @param epoch the 1-based epoch number
 * @param batch the 1-based batch number within the epoch
 * @param batches the number of batches in the epoch
 * @param samples the number of samples (positives and negatives) trained on so far in this epoch
 * @param loss the mean loss of this batch
 * @param elapsedSeconds seconds since the epoch started
 */
public record BatchEvent(int epoch, int batch, int batches, long samples, double loss,
        double elapsedSeconds) {
}
