package io.github.ncf.core.train;

/**
 * Hears how an {@link NcfTrainer} fit progresses: after every batch (for progress bars) and after
 * every epoch (for logging and evaluation). Named apart from DJL's {@code TrainingListener}, which
 * serves DJL's own {@code Trainer}.
 *
 * <p>Both methods have empty defaults, so a listener implements only what it needs. Listeners are
 * called on the training thread, in the order they were added; a slow listener slows training.
 *
 * <pre>{@code
 * NcfTrainer.builder().listener(new EpochListener() {
 *     public void onEpochEnd(EpochEvent e) { System.out.println(e.epoch() + " " + e.meanLoss()); }
 * });
 * }</pre>
 */
public interface EpochListener {

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
