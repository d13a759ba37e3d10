package io.github.ncf.examples.cli;

import io.github.ncf.examples.Ncf;
import io.github.ncf.examples.chart.Charts;
import io.github.ncf.examples.report.MultiRunReport;
import io.github.ncf.examples.report.Reports;
import io.github.ncf.examples.report.RunReport;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The files a command was asked to write ({@code --save}, {@code --report}, {@code --charts}): checked
 * for writability before any data is read, then written one by one at the end, where one that fails
 * does not keep the others from being written.
 *
 * <pre>{@code
 * Outputs outputs = Outputs.checked(output, save, io);    // UsageException if a path cannot be written
 * ... train ...
 * outputs.report(report);
 * outputs.trainingCharts(List.of(report));
 * outputs.finish();                                        // throws naming the outputs that failed
 * }</pre>
 */
final class Outputs {

    private final OutputOptions options;
    private final Path save;
    private final Io io;
    private final List<String> failures = new ArrayList<>();

    private Outputs(OutputOptions options, Path save, Io io) {
        this.options = options;
        this.save = save;
        this.io = io;
    }

    /**
     * Checks every output path the user gave and returns the outputs to write at the end.
     *
     * @param options the {@code --report} and {@code --charts} options
     * @param save the {@code --save} folder, or null
     * @param io where to print what was written
     * @return the outputs
     * @throws UsageException naming the option whose path cannot be written
     */
    static Outputs checked(OutputOptions options, Path save, Io io) {
        options.validate();
        if (options.report != null) {
            checkWritable("--report", options.report, false);
        }
        if (options.charts != null) {
            checkWritable("--charts", options.charts, true);
        }
        if (save != null) {
            checkWritable("--save", save, true);
            // A model is written beside its folder and moved in, so the parent must take files too.
            Path parent = save.toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent)) {
                probe("--save", save, parent);
            }
        }
        return new Outputs(options, save, io);
    }

    /**
     * Checks that a file or folder can be created or written, without creating it.
     *
     * @param option the option, for the message
     * @param path the path given
     * @param folder whether the path names a folder
     * @throws UsageException if it cannot be written
     */
    static void checkWritable(String option, Path path, boolean folder) {
        Path target = path.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            if (folder && !Files.isDirectory(target)) {
                throw new UsageException(option + " " + path + " is an existing file, not a folder");
            }
            if (!folder && Files.isDirectory(target)) {
                throw new UsageException(option + " " + path + " is a folder, not a file");
            }
            if (!folder && !Files.isWritable(target)) {
                throw new UsageException(option + " " + path + " exists and is read-only");
            }
            probe(option, path, folder ? target : target.getParent());
            return;
        }
        Path ancestor = target.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new UsageException(option + " " + path + ": no existing folder above it");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new UsageException(option + " " + path + ": cannot create its folder, " + ancestor
                    + " is a file");
        }
        probe(option, path, ancestor);
    }

    /** Creates and deletes a file in the folder: permission bits alone say nothing to root or on read-only mounts. */
    private static void probe(String option, Path path, Path folder) {
        try {
            Path probe = Files.createTempFile(folder, ".ncf-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(option + " " + path + ": cannot write into " + folder + " (" + reason(e) + ")", e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it takes no new files";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : "cannot create a file there";
    }

    /**
     * Saves a model if {@code --save} was given; a failure is recorded, not thrown, so the other outputs
     * are still written.
     *
     * @param writer saves the model into the folder it is given
     */
    void model(Consumer<Path> writer) {
        if (save != null) {
            attempt("--save " + save, () -> {
                writer.accept(save);
                return List.of(save);
            }, "model: ");
        }
    }

    /**
     * Writes a report if {@code --report} was given.
     *
     * @param report the report
     */
    void report(Object report) {
        if (options.report != null) {
            attempt("--report " + options.report, () -> {
                Reports.write(report, options.report);
                return List.of(options.report);
            }, "report: ");
        }
    }

    /**
     * Writes the charts of training runs if {@code --charts} was given: loss per epoch and HR@10 per
     * epoch under both protocols.
     *
     * @param runs the runs; those without epochs (baselines) are left out of the per-epoch charts
     */
    void trainingCharts(List<RunReport> runs) {
        List<RunReport> trained = runs.stream().filter(r -> !r.epochs().isEmpty()).toList();
        if (options.charts == null || trained.isEmpty()) {
            return;
        }
        attempt("--charts " + options.charts, () -> List.of(
                Charts.save(Charts.loss(trained), options.charts.resolve("loss.png")),
                Charts.save(Charts.hitRate(trained), options.charts.resolve("hr10.png"))), "chart: ");
    }

    /**
     * Writes the comparison bar chart if {@code --charts} was given.
     *
     * @param title the chart's title
     * @param file the file name inside the charts folder
     * @param runs the runs
     */
    void comparisonChart(String title, String file, List<RunReport> runs) {
        if (options.charts != null) {
            attempt("--charts " + options.charts, () -> List.of(
                    Charts.save(Charts.comparison(title, runs), options.charts.resolve(file))), "chart: ");
        }
    }

    /**
     * Writes the sweep charts if {@code --charts} was given.
     *
     * @param report the sweep's report
     */
    void sweepCharts(MultiRunReport report) {
        if (options.charts == null) {
            return;
        }
        String p = report.parameter();
        attempt("--charts " + options.charts, () -> List.of(
                Charts.save(Charts.sweepQuality(p, report.values(), report.runs()),
                        options.charts.resolve("sweep-" + p + "-quality.png")),
                Charts.save(Charts.sweepSeconds(p, report.values(), report.runs()),
                        options.charts.resolve("sweep-" + p + "-seconds.png"))), "chart: ");
    }

    private void attempt(String what, Supplier<List<Path>> write, String label) {
        try {
            write.get().forEach(f -> io.out().println(label + f));
        } catch (RuntimeException e) {
            failures.add(what + " (" + Ncf.describe(e) + ")");
        }
    }

    /**
     * Ends the command: fails if an output could not be written, after the others were.
     *
     * @throws IllegalStateException naming each output that was not written and why
     */
    void finish() {
        if (!failures.isEmpty()) {
            throw new IllegalStateException("not written: " + String.join("; ", failures));
        }
    }
}
