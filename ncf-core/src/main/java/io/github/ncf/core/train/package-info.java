/**
 * Training of NCF models: {@link io.github.ncf.core.train.NcfTrainer} (batch size, negatives and one
 * run seed configured on its builder; {@code fit} infers sizes from the training interactions), its
 * {@link io.github.ncf.core.train.EpochListener}s, and {@link io.github.ncf.core.train.EarlyStopping},
 * whose metric reads validation only.
 */
package io.github.ncf.core.train;
