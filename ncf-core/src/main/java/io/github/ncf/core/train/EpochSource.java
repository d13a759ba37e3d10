package io.github.ncf.core.train;

/**
 * Where {@link NcfTrainer} gets each epoch's training rows: a fresh draw of negatives per epoch as
 * primitive arrays, and how many positives make one batch.
 *
 * <p>ncf-data's {@code NegativeSamplingDataset} is adapted to this interface by {@code NcfTrainer};
 * tests and benchmarks may implement it directly.
 *
 * <pre>{@code
 * EpochSource source = EpochSource.of(256, epoch -> mySampler.sample(epoch));
 * }</pre>
 */
public interface EpochSource {

    /**
     * Draws the rows of one epoch. Calling it twice with the same epoch must give the same rows.
     *
     * @param epoch the 0-based epoch number
     * @return the epoch's rows, positive-major
     */
    TrainingEpoch sample(int epoch);

    /** @return positives per training batch (each brings its negatives along) */
    int batchPositives();

    /**
     * Wraps a sampling function.
     *
     * @param batchPositives positives per batch, at least 1
     * @param sampler epoch number to rows
     * @return the source
     * @throws IllegalArgumentException if batchPositives is less than 1
     */
    static EpochSource of(int batchPositives, java.util.function.IntFunction<TrainingEpoch> sampler) {
        if (batchPositives < 1) {
            throw new IllegalArgumentException("batchPositives must be >= 1, got " + batchPositives);
        }
        java.util.Objects.requireNonNull(sampler, "sampler");
        return new EpochSource() {
            @Override
            public TrainingEpoch sample(int epoch) {
                return sampler.apply(epoch);
            }

            @Override
            public int batchPositives() {
                return batchPositives;
            }
        };
    }
}
