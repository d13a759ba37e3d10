/**
 * Statistics for comparing recommenders honestly, in plain Java: {@link
 * io.github.ncf.eval.compare.PairedBootstrap} gives a confidence interval of the difference in a mean
 * per-user metric between two models evaluated on the same users, and {@link
 * io.github.ncf.eval.compare.KendallTau} measures how far two orderings of models (say, by full and by
 * sampled ranking) agree.
 */
package io.github.ncf.eval.compare;
