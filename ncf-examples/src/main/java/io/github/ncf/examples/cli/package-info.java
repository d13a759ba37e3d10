/**
 * The subcommands of the {@code ncf} program, one class each, and the option groups they share
 * (data set, model, training, outputs). A command parses and checks its options, then wires library
 * calls together through {@link io.github.ncf.examples.cli.Experiment}; it computes nothing itself.
 */
package io.github.ncf.examples.cli;
