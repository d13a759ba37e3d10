/**
 * The core of {@code ncf}: the {@link io.github.ncf.core.Scorer} contract shared by models and
 * baselines, and engine start-up ({@link io.github.ncf.core.Engines}) that keeps DJL offline.
 */
package io.github.ncf.core;
