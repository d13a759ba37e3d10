package io.github.ncf.core.train;

import io.github.ncf.core.Scorer;

/**
 * What one training epoch did, with the model to evaluate.
 *
 * @param epoch the 1-based epoch number
 * @param epochs the number of epochs the trainer was asked for
 * @param meanLoss the mean loss over all samples of the epoch
 * @param samples the number of samples (positives and negatives) of the epoch
 * @param trainSeconds wall-clock seconds of the epoch's training, sampling included, listeners not
 * @param scorer the model being trained, usable as a scorer during the call
 */
public record EpochEvent(int epoch, int epochs, double meanLoss, long samples, double trainSeconds,
        Scorer scorer) {
}
