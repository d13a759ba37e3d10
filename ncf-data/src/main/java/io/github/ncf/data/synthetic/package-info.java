/**
 * Seeded synthetic interaction data, from a few dozen rows for tests to MovieLens-20M size for
 * benchmarks: power-law item popularity plus planted latent topics, so that a model that learns user
 * tastes can beat a popularity ranking.
 */
package io.github.ncf.data.synthetic;
