package io.github.ncf.core.train;

/**
 * Receives training progress from {@code NcfTrainer}: after every batch (for progress bars) and after
 * every epoch (for logging, evaluation and early stopping).
 *
 * <p>Both methods have empty defaults, so a listener implements only what it needs. Listeners are
 * called on the training thread, in the order they were added; a slow listener slows training.
 */
public interface TrainingListener {

    /**
     * Called after each training batch.
     *
     * @param event what the batch did
     */
    default void onBatchEnd(BatchEvent event) {
    }

    /**
     * Called after each epoch, with the model in inference mode for the duration of the call.
     *
     * @param event what the epoch did, and the model as a scorer
     */
    default void onEpochEnd(EpochEvent event) {
    }
}
