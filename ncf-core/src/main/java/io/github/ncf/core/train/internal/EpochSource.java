package io.github.ncf.core.train.internal;

import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.data.sampling.NegativeSampler;
import java.util.Objects;

/**
 * Where {@code NcfTrainer} gets each epoch's training rows, as primitive arrays: not API, for tests
 * and benchmarks that feed the trainer hand-made rows (see the package comment).
 *
 * <pre>{@code
 * EpochSource source = EpochSource.of(sampler);              // the library's sampler
 * EpochSource custom = epoch -> mySample(epoch);             // anything else
 * }</pre>
 */
@FunctionalInterface
public interface EpochSource {

    /**
     * Draws the rows of one epoch. Calling it twice with the same epoch must give the same rows.
     *
     * @param epoch the 0-based epoch number
     * @return the epoch's rows, positive-major
     */
    EpochSamples sample(int epoch);

    /**
     * Adapts a negative sampler. The sampler draws epoch {@code e} identically however often it is
     * asked. The returned source reuses one set of arrays from epoch to epoch, so the samples it
     * returned are valid only until its next call; this is what the trainer needs and saves an
     * allocation of the epoch's arrays per epoch.
     *
     * @param sampler the sampler
     * @return the source
     */
    static EpochSource of(NegativeSampler sampler) {
        Objects.requireNonNull(sampler, "sampler");
        EpochSamples[] reuse = new EpochSamples[1];
        return epoch -> {
            synchronized (reuse) {
                reuse[0] = sampler.sampleInto(epoch, reuse[0]);
                return reuse[0];
            }
        };
    }
}
