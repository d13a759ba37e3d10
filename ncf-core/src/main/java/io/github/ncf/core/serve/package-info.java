/**
 * Serving a trained model by raw ids: {@link io.github.ncf.core.serve.Recommender} turns a (saved
 * and loaded) {@link io.github.ncf.core.model.NcfModel} into top-K lists of raw item ids with
 * scores, masking each user's training items. Persistence itself lives on {@code NcfModel}.
 */
package io.github.ncf.core.serve;
