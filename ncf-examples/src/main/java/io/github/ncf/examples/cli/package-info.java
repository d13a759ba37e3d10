/**
 * The subcommands of the {@code ncf} program, one class each, and the option groups they share
 * (data set and split, model, training, outputs). A command checks every option and output path before
 * it reads any data, then wires library calls together through
 * {@link io.github.ncf.examples.cli.Experiment}; it computes nothing itself.
 */
package io.github.ncf.examples.cli;
