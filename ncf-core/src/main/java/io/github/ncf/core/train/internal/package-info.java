/**
 * Not API: training switches and hooks that exist for the benchmarks and tests ({@link
 * io.github.ncf.core.train.internal.Tuning}, {@link io.github.ncf.core.train.internal.EpochSource}).
 * They may change or disappear in any release; applications configure training through {@code
 * NcfTrainer.builder()} only.
 */
package io.github.ncf.core.train.internal;
