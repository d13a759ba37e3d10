/**
 * The core of {@code ncf}: the {@link io.github.ncf.core.Scorer} contract shared by models and
 * baselines, engine start-up that changes nothing process-wide ({@link io.github.ncf.core.Engines}),
 * and the one explicit opt-in to process-wide training tunings ({@link
 * io.github.ncf.core.ProcessTuning}).
 */
package io.github.ncf.core;
