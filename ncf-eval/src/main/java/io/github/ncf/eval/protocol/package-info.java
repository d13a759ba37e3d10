/**
 * Leave-one-out evaluation protocols: {@link io.github.ncf.eval.protocol.FullRanking} ranks the
 * held-out item against every item the user did not train on, {@link
 * io.github.ncf.eval.protocol.SampledRanking} against a fixed, seeded sample of negatives (or those of
 * a {@code .test.negative} file, read by {@link io.github.ncf.eval.protocol.TestNegativeFile}). Both
 * count only strictly higher scores in a rank.
 */
package io.github.ncf.eval.protocol;
