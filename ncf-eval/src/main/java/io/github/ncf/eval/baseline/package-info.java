/**
 * Baselines that implement {@link io.github.ncf.core.Scorer}, so they are evaluated exactly like the
 * NCF models: {@link io.github.ncf.eval.baseline.ItemPopularity} (training counts), {@link
 * io.github.ncf.eval.baseline.RandomScorer} (seeded, deterministic per pair), {@link
 * io.github.ncf.eval.baseline.ItemKNN} (cosine item neighbourhoods), {@link
 * io.github.ncf.eval.baseline.EASE} (closed-form item-to-item weights) and {@link
 * io.github.ncf.eval.baseline.ImplicitALS} (implicit-feedback matrix factorisation). Each fits with
 * {@code X.fit(train)} (defaults) or {@code X.builder().param(v).fit(train)}.
 */
package io.github.ncf.eval.baseline;
