/**
 * Baselines that implement {@link io.github.ncf.core.Scorer}, so they are evaluated exactly like the
 * NCF models: {@link io.github.ncf.eval.baseline.ItemPopularity} (training counts) and {@link
 * io.github.ncf.eval.baseline.RandomScorer} (seeded, deterministic per pair).
 */
package io.github.ncf.eval.baseline;
