package io.github.ncf.core.train;

import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.data.sampling.NegativeSampler;
import io.github.ncf.data.sampling.NegativeSamplingDataset;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Where {@link NcfTrainer} gets each epoch's training rows: a fresh draw of negatives per epoch as
 * primitive arrays, and how many positives make one batch.
 *
 * <p>ncf-data's {@link NegativeSamplingDataset} is adapted by {@link #of(NegativeSamplingDataset)};
 * tests and benchmarks may implement the interface directly.
 *
 * <pre>{@code
 * EpochSource source = EpochSource.of(dataset);                     // the library's sampler
 * EpochSource custom = EpochSource.of(256, epoch -> mySample(epoch)); // anything else
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
    static EpochSource of(int batchPositives, IntFunction<TrainingEpoch> sampler) {
        if (batchPositives < 1) {
            throw new IllegalArgumentException("batchPositives must be >= 1, got " + batchPositives);
        }
        Objects.requireNonNull(sampler, "sampler");
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

    /**
     * Adapts a negative-sampling dataset: each epoch comes from its {@link
     * NegativeSamplingDataset#sampler() sampler} as primitive arrays (DJL's per-record path is not
     * used), with the dataset's batch size in positives. The sampler draws epoch {@code e}
     * identically however often it is asked. The returned source reuses one set of arrays from epoch
     * to epoch, so a {@link TrainingEpoch} it returned is valid only until its next call; this is
     * what the trainer needs and saves an allocation of the epoch's arrays per epoch.
     *
     * @param dataset the dataset
     * @return the source
     */
    static EpochSource of(NegativeSamplingDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        NegativeSampler sampler = dataset.sampler();
        int batch = dataset.batchSize();
        EpochSamples[] reuse = new EpochSamples[1];
        return of(batch, epoch -> {
            synchronized (reuse) {
                reuse[0] = reuse[0] == null ? sampler.sample(epoch) : sampler.sampleInto(epoch, reuse[0]);
                EpochSamples s = reuse[0];
                return new TrainingEpoch(s.users(), s.items(), s.labels(), s.rowsPerPositive());
            }
        });
    }
}
