package io.github.ncf.core.train.internal;

import java.util.Map;

/**
 * Not API: a training loop's step fused into Java, outside torch: forward pass, backward pass and
 * optimizer update of an NCF model (GMF, MLP or NeuMF) over primitive arrays, implemented with the
 * Vector API ({@code io.github.ncf.core.train.vector.FusedNetwork}) and created by {@code
 * NcfTrainer} through reflection when the JVM has {@code jdk.incubator.vector}.
 *
 * <p>The mathematics are the torch path's: the same grouped forward pass (the first MLP layer split
 * into a user half once per positive and an item half once per row), the same dropout masks (the
 * stream of {@code DropoutMasks}, drawn per pass and layer as the torch path draws them), the mean
 * sigmoid binary cross-entropy over a batch's rows, and the same update rules (torch's Adam, SGD
 * and Adagrad with coupled L2, dense or lazy). Sums run in another order, so values differ from the
 * torch path's in the last bits.
 */
public interface FusedTraining extends AutoCloseable {

    /**
     * What a fused network is built from.
     *
     * @param numUsers users (rows of the user tables)
     * @param numItems items (rows of the item tables)
     * @param gmfDim the GMF embedding size, 0 without a GMF part
     * @param mlpDim the MLP embedding size, 0 without an MLP tower
     * @param layers the MLP layer widths, empty without a tower
     * @param dropout the dropout rate after each hidden layer, in [0, 1)
     * @param optimizer {@code "ADAM"}, {@code "SGD"} or {@code "ADAGRAD"}
     * @param learningRate the learning rate
     * @param l2 the coupled weight decay
     * @param lazy whether embedding tables are updated only in the rows a batch touched
     * @param maskSeed the seed of the dropout masks' stream, as {@code DropoutMasks} takes it
     * @param parameters initial values by parameter name, row-major; the arrays are taken over and
     *     trained in place (the caller passes copies it does not use again)
     * @param profile whether to time the phases of every step (on the calling thread)
     * @param threads threads a batch's blocks are split over, at least 1
     */
    record Config(int numUsers, int numItems, int gmfDim, int mlpDim, int[] layers, float dropout,
            String optimizer, float learningRate, float l2, boolean lazy, long maskSeed,
            Map<String, float[]> parameters, boolean profile, int threads) {
    }

    /**
     * Trains one batch, rows {@code [from, to)}: forward and backward passes in passes of at most
     * {@code passRows} rows (whole groups; each pass draws its masks as the torch path does) and one
     * optimizer step.
     *
     * @param users per row, its user
     * @param items per row, its item
     * @param labels per row, 1 or 0
     * @param from the batch's first row
     * @param to one past its last row
     * @param groupSize rows per group sharing a user (1: every row its own)
     * @param passRows rows per pass, a multiple of groupSize
     * @return the batch's mean loss
     */
    double trainBatch(int[] users, int[] items, float[] labels, int from, int to, int groupSize,
            int passRows);

    /** @return the current values by parameter name, live arrays not to be written */
    Map<String, float[]> parameters();

    /** @return CPU nanoseconds spent in forward, backward and optimizer (when profiling) */
    long[] phaseNanos();

    /** @return a short description for the log */
    String describe();

    /** Stops the threads of a step on more than one thread. */
    @Override
    void close();
}
