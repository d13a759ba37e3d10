/**
 * Negative sampling for implicit feedback: {@link io.github.ncf.data.sampling.NegativeSampler} draws,
 * for every training positive, distinct items the user has not interacted with, afresh each epoch
 * and straight into primitive arrays ({@link io.github.ncf.data.sampling.EpochSamples});
 * {@link io.github.ncf.data.sampling.NegativeSamplingDataset} offers the same epochs through DJL's
 * dataset API. {@link io.github.ncf.data.sampling.DistinctItems} is the draw itself, also used for
 * the sampled evaluation candidates of one user.
 */
package io.github.ncf.data.sampling;
