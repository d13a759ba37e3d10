/**
 * The {@code ncf} command-line program: {@link io.github.ncf.examples.Ncf} is its entry point, and each
 * subcommand lives in {@link io.github.ncf.examples.cli}. Commands only wire library calls together; the
 * training, evaluation and data logic lives in {@code ncf-data}, {@code ncf-core} and {@code ncf-eval}.
 */
package io.github.ncf.examples;
