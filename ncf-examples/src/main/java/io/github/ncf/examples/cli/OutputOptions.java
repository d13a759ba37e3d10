package io.github.ncf.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command writes its JSON report and PNG charts. */
public final class OutputOptions {

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the JSON report of the run(s) here.")
    Path report;

    @Option(names = "--charts", paramLabel = "DIR", description = "Write PNG charts into this folder.")
    Path charts;

    /** Creates the options; picocli fills them. */
    public OutputOptions() {
    }

    /**
     * Checks the report file name.
     *
     * @throws IllegalArgumentException if the report file does not end in {@code .json}
     */
    void validate() {
        if (report != null && !report.getFileName().toString().endsWith(".json")) {
            throw new IllegalArgumentException("--report must name a .json file, got " + report);
        }
    }
}
