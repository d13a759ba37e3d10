package io.github.ncf.examples.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The output streams of one run of the program, handed to each command so that tests can capture
 * what it prints.
 *
 * @param out results, tables and progress
 * @param err errors and warnings
 */
public record Io(PrintStream out, PrintStream err) {

    /**
     * Checks the streams.
     *
     * @param out results, tables and progress
     * @param err errors and warnings
     */
    public Io {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
