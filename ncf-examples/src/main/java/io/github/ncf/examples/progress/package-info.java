/**
 * Training progress for people watching: a {@link io.github.ncf.core.train.EpochListener} that draws a
 * single updating bar on a terminal and prints plain periodic lines into logs and pipes.
 */
package io.github.ncf.examples.progress;
