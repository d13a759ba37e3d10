/**
 * Test fixtures of {@code ncf-eval}: a hand-worked split and a scorer reading a score table, so that
 * every expected rank and metric can be computed on paper.
 */
package io.github.ncf.eval.testing;
