package io.github.ncf.examples.cli;

import io.github.ncf.examples.chart.Charts;
import io.github.ncf.examples.report.MultiRunReport;
import io.github.ncf.examples.report.Reports;
import io.github.ncf.examples.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a command's JSON report and charts where {@link OutputOptions} say, and prints where they went. */
final class Outputs {

    private Outputs() {
    }

    /**
     * Writes a report if {@code --report} was given.
     *
     * @param report the report
     * @param options the output options
     * @param io where to print the file name
     */
    static void report(Object report, OutputOptions options, Io io) {
        if (options.report != null) {
            Reports.write(report, options.report);
            io.out().println("report: " + options.report);
        }
    }

    /**
     * Writes the charts of training runs if {@code --charts} was given: loss per epoch and HR@10 per
     * epoch under both protocols.
     *
     * @param runs the runs; those without epochs (baselines) are left out of the per-epoch charts
     * @param options the output options
     * @param io where to print the file names
     * @return the files written
     */
    static List<Path> trainingCharts(List<RunReport> runs, OutputOptions options, Io io) {
        List<Path> files = new ArrayList<>();
        if (options.charts == null) {
            return files;
        }
        List<RunReport> trained = runs.stream().filter(r -> !r.epochs().isEmpty()).toList();
        if (!trained.isEmpty()) {
            files.add(Charts.save(Charts.loss(trained), options.charts.resolve("loss.png")));
            files.add(Charts.save(Charts.hitRate(trained), options.charts.resolve("hr10.png")));
        }
        files.forEach(f -> io.out().println("chart: " + f));
        return files;
    }

    /**
     * Writes the comparison bar chart if {@code --charts} was given.
     *
     * @param title the chart's title
     * @param file the file name inside the charts folder
     * @param runs the runs
     * @param options the output options
     * @param io where to print the file name
     */
    static void comparisonChart(String title, String file, List<RunReport> runs, OutputOptions options, Io io) {
        if (options.charts != null) {
            Path f = Charts.save(Charts.comparison(title, runs), options.charts.resolve(file));
            io.out().println("chart: " + f);
        }
    }

    /**
     * Writes the sweep charts if {@code --charts} was given.
     *
     * @param report the sweep's report
     * @param options the output options
     * @param io where to print the file names
     */
    static void sweepCharts(MultiRunReport report, OutputOptions options, Io io) {
        if (options.charts == null) {
            return;
        }
        String p = report.parameter();
        List<Path> files = List.of(
                Charts.save(Charts.sweepQuality(p, report.values(), report.runs()),
                        options.charts.resolve("sweep-" + p + "-quality.png")),
                Charts.save(Charts.sweepSeconds(p, report.values(), report.runs()),
                        options.charts.resolve("sweep-" + p + "-seconds.png")));
        files.forEach(f -> io.out().println("chart: " + f));
    }
}
