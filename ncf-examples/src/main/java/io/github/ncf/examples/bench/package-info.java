/**
 * Benchmark programs (plain {@code main} classes) that measure training and evaluation speed and
 * write their figures as JSON; {@code ncf bench} calls them.
 */
package io.github.ncf.examples.bench;
