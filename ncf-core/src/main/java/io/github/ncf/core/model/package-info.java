/**
 * The three models of He et al., "Neural Collaborative Filtering" (WWW 2017), {@link
 * io.github.ncf.core.model.GMF}, {@link io.github.ncf.core.model.MLP} and {@link
 * io.github.ncf.core.model.NeuMF}, as DJL blocks with fluent builders, and {@link
 * io.github.ncf.core.model.NcfModel}, the handle that pairs a block with its id mappings and
 * training items, scores as a {@link io.github.ncf.core.Scorer} and saves and loads itself.
 */
package io.github.ncf.core.model;
