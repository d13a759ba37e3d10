package io.github.ncf.examples.chart;

import io.github.ncf.examples.report.EpochRecord;
import io.github.ncf.examples.report.RunReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the charts of {@code ncf} runs from their {@link RunReport}s and saves them as PNG.
 *
 * <p>Every chart has a title, labelled axes and a legend outside the plot, so nothing hides the data.
 * The HR@10 chart draws the reference lab's target, sampled HR@10 of {@value #LAB_TARGET_HR10}, as a
 * dashed line; the lab's target is a sampled-protocol figure, and full ranking sits far below it.
 *
 * <pre>{@code
 * Charts.save(Charts.loss(List.of(report)), dir.resolve("loss.png"));
 * Charts.save(Charts.hitRate(List.of(report)), dir.resolve("hr10.png"));
 * }</pre>
 */
public final class Charts {

    /** The reference lab's target: sampled HR@10 above 0.65. */
    public static final double LAB_TARGET_HR10 = 0.65;

    /** Width in pixels of every chart. */
    public static final int WIDTH = 900;

    /** Height in pixels of every chart. */
    public static final int HEIGHT = 560;

    private static final String HR10 = "hr@10";

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};
    private static final String NDCG10 = "ndcg@10";

    static {
        // AWT must not look for a display: charts are drawn on servers and in CI.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * Draws the mean training loss per epoch, one line per run.
     *
     * @param runs runs with at least one epoch each
     * @return the chart
     * @throws IllegalArgumentException if no run has epochs
     */
    public static XYChart loss(List<RunReport> runs) {
        XYChart chart = xyChart("Training loss per epoch", "epoch", "mean BCE loss");
        boolean any = false;
        for (RunReport run : runs) {
            if (run.epochs().isEmpty()) {
                continue;
            }
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (EpochRecord e : run.epochs()) {
                x.add(e.epoch());
                y.add(e.loss());
            }
            chart.addSeries(uniqueName(chart, name(run)), x, y);
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException("loss chart needs a run with epochs, got " + runs.size()
                    + " runs without any");
        }
        chart.getStyler().setYAxisDecimalPattern("0.000");
        if (chart.getSeriesMap().size() > 4) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        return chart;
    }

    /**
     * Draws HR@10 per evaluated epoch under both protocols, with the lab's target as a dashed line. A run
     * evaluated only at the end shows its final figures at its last epoch.
     *
     * @param runs the runs
     * @return the chart
     * @throws IllegalArgumentException if no run has HR@10 figures
     */
    public static XYChart hitRate(List<RunReport> runs) {
        boolean validation = runs.stream().flatMap(r -> r.epochs().stream())
                .anyMatch(e -> "validation".equals(e.split()));
        XYChart chart = xyChart("HR@10 per epoch on the " + (validation ? "validation" : "test")
                + " split, full and sampled ranking", "epoch", "HR@10");
        int maxEpoch = 1;
        boolean any = false;
        for (RunReport run : runs) {
            List<Integer> x = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            List<Double> sampled = new ArrayList<>();
            for (EpochRecord e : run.epochs()) {
                if (e.evaluated() && e.full() != null && e.sampled() != null
                        && e.full().containsKey(HR10) && e.sampled().containsKey(HR10)) {
                    x.add(e.epoch());
                    full.add(e.full().get(HR10));
                    sampled.add(e.sampled().get(HR10));
                }
            }
            if (x.isEmpty() && run.finalMetrics().full().containsKey(HR10)
                    && run.finalMetrics().sampled().containsKey(HR10)) {
                x.add(run.epochs().isEmpty() ? 1 : run.epochs().get(run.epochs().size() - 1).epoch());
                full.add(run.finalMetrics().full().get(HR10));
                sampled.add(run.finalMetrics().sampled().get(HR10));
            }
            if (x.isEmpty()) {
                continue;
            }
            any = true;
            maxEpoch = Math.max(maxEpoch, x.get(x.size() - 1));
            String prefix = runs.size() == 1 ? "" : name(run) + ", ";
            XYSeries s = chart.addSeries(uniqueName(chart, prefix + "sampled (1 + 99)"), x, sampled);
            XYSeries f = chart.addSeries(uniqueName(chart, prefix + "full ranking"), x, full);
            if (runs.size() > 1) {
                // One colour per run; the protocol shows in the line: solid sampled, dashed full.
                Color colour = PALETTE[(chart.getSeriesMap().size() / 2 - 1) % PALETTE.length];
                s.setLineColor(colour);
                s.setMarkerColor(colour);
                s.setMarker(SeriesMarkers.CIRCLE);
                f.setLineColor(colour);
                f.setMarkerColor(colour);
                f.setMarker(SeriesMarkers.DIAMOND);
                f.setLineStyle(SeriesLines.DASH_DOT);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("HR@10 chart needs a run with hr@10 under both protocols");
        }
        XYSeries target = chart.addSeries("lab target, sampled HR@10 = " + LAB_TARGET_HR10,
                new double[] {maxEpoch == 1 ? 0.5 : 1, maxEpoch == 1 ? 1.5 : maxEpoch},
                new double[] {LAB_TARGET_HR10, LAB_TARGET_HR10});
        target.setLineStyle(SeriesLines.DASH_DASH);
        target.setLineColor(Color.GRAY);
        target.setMarker(SeriesMarkers.NONE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        if (runs.size() > 1) {
            // Two series per run do not fit in one row under the plot.
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
            chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        return chart;
    }

    /**
     * Draws the validation HR@10 of each trial of a search, full and sampled, with the chosen trial
     * marked.
     *
     * @param title what was searched, e.g. {@code ease on ml-100k}
     * @param trials the trials, in order
     * @param chosen the index of the chosen trial
     * @return the chart
     * @throws IllegalArgumentException if there are no trials
     */
    public static XYChart trials(String title, List<io.github.ncf.eval.tune.Trial> trials, int chosen) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("trial chart needs at least one trial, got none");
        }
        XYChart chart = xyChart("Validation HR@10 per trial: " + title, "trial", "validation HR@10");
        List<Integer> x = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> sampled = new ArrayList<>();
        for (io.github.ncf.eval.tune.Trial t : trials) {
            x.add(t.index());
            full.add(t.validation().get("full." + HR10));
            sampled.add(t.validation().get("sampled." + HR10));
        }
        chart.addSeries("full ranking", x, full).setMarker(SeriesMarkers.DIAMOND);
        chart.addSeries("sampled", x, sampled).setMarker(SeriesMarkers.CIRCLE);
        io.github.ncf.eval.tune.Trial c = trials.stream().filter(t -> t.index() == chosen).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("chosen trial " + chosen + " is not among the trials"));
        XYSeries mark = chart.addSeries("chosen (trial " + chosen + ")", new double[] {chosen},
                new double[] {c.validation().get("full." + HR10)});
        mark.setMarker(SeriesMarkers.SQUARE);
        mark.setMarkerColor(Color.RED);
        mark.setLineStyle(SeriesLines.NONE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        return chart;
    }

    /**
     * Draws the comparison bar chart: HR@10 and NDCG@10 under both protocols for each run, with the
     * values written on the bars.
     *
     * @param title the chart's title
     * @param runs the runs, one group of bars each
     * @return the chart
     */
    public static CategoryChart comparison(String title, List<RunReport> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("comparison chart needs at least one run, got 0");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("model").yAxisTitle("metric at 10").build();
        style(chart.getStyler());
        List<String> names = new ArrayList<>();
        for (RunReport run : runs) {
            names.add(name(run));
        }
        addBars(chart, names, "full HR@10", runs, true, HR10);
        addBars(chart, names, "full NDCG@10", runs, true, NDCG10);
        addBars(chart, names, "sampled HR@10", runs, false, HR10);
        addBars(chart, names, "sampled NDCG@10", runs, false, NDCG10);
        return labelledBars(chart, 11);
    }

    /** Writes each bar's value on it, three decimals, on a 0..1 axis. */
    private static CategoryChart labelledBars(CategoryChart chart, int fontSize) {
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setLabelsPosition(1.0);
        // The bar labels use the y axis pattern, so three decimals show on the axis too.
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        return chart;
    }

    /**
     * Draws the {@code compare --models} bar chart: HR@10 and NDCG@10 under both protocols for each
     * model, with the values written on the bars.
     *
     * @param title the chart's title
     * @param comparison the comparison
     * @return the chart
     */
    public static CategoryChart models(String title, io.github.ncf.eval.compare.ModelComparison comparison) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("model").yAxisTitle("test metric at 10").build();
        style(chart.getStyler());
        for (String protocol : io.github.ncf.eval.compare.ModelComparison.PROTOCOLS) {
            for (String metric : List.of("HR@10", "NDCG@10")) {
                Map<String, Double> means = comparison.means().get(protocol).get(metric);
                List<Double> values = new ArrayList<>();
                for (String model : comparison.models()) {
                    values.add(means.get(model));
                }
                chart.addSeries(protocol + " " + metric, comparison.models(), values);
            }
        }
        return labelledBars(chart, 9);
    }

    private static void addBars(CategoryChart chart, List<String> names, String series, List<RunReport> runs,
            boolean full, String key) {
        List<Double> values = new ArrayList<>();
        for (RunReport run : runs) {
            Map<String, Double> m = full ? run.finalMetrics().full() : run.finalMetrics().sampled();
            values.add(m.getOrDefault(key, 0.0));
        }
        chart.addSeries(series, names, values);
    }

    /**
     * Draws HR@10 and NDCG@10 under both protocols against the swept value.
     *
     * @param parameter the swept setting, e.g. {@code negatives}
     * @param values the swept values as labels, one per run
     * @param runs the runs in the order of values
     * @return the chart
     */
    public static CategoryChart sweepQuality(String parameter, List<String> values, List<RunReport> runs) {
        checkSweep(values, runs);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("HR@10 and NDCG@10 against " + parameter).xAxisTitle(parameter)
                .yAxisTitle("metric at 10").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        // Without overlap each series is shifted sideways as if it were a bar.
        chart.getStyler().setOverlapped(true);
        addBars(chart, values, "full HR@10", runs, true, HR10);
        addBars(chart, values, "full NDCG@10", runs, true, NDCG10);
        addBars(chart, values, "sampled HR@10", runs, false, HR10);
        addBars(chart, values, "sampled NDCG@10", runs, false, NDCG10);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        return chart;
    }

    /**
     * Draws the median training seconds per epoch against the swept value, with values on the bars.
     *
     * @param parameter the swept setting
     * @param values the swept values as labels, one per run
     * @param runs the runs in the order of values
     * @return the chart
     */
    public static CategoryChart sweepSeconds(String parameter, List<String> values, List<RunReport> runs) {
        checkSweep(values, runs);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Training seconds per epoch against " + parameter).xAxisTitle(parameter)
                .yAxisTitle("seconds per epoch (median)").build();
        style(chart.getStyler());
        List<Double> seconds = new ArrayList<>();
        for (RunReport run : runs) {
            Double s = run.timing().trainSecondsPerEpoch();
            seconds.add(s == null ? 0.0 : s);
        }
        chart.addSeries("seconds per epoch", values, seconds);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(0.0);
        double max = seconds.stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        // Head room so the value labels above the tallest bar stay inside the plot.
        chart.getStyler().setYAxisMax(max <= 0 ? 1.0 : max * 1.15);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    private static void checkSweep(List<String> values, List<RunReport> runs) {
        if (values.isEmpty() || values.size() != runs.size()) {
            throw new IllegalArgumentException("sweep chart needs one run per value, got " + values.size()
                    + " values and " + runs.size() + " runs");
        }
    }

    /**
     * Saves a chart as a PNG file of {@link #WIDTH} x {@link #HEIGHT} pixels, creating the folders.
     *
     * @param chart the chart
     * @param file the file; should end in {@code .png}
     * @return the file
     * @throws UncheckedIOException if the file cannot be written, naming it
     */
    public static Path save(Chart<?, ?> chart, Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".png")) {
            throw new IllegalArgumentException("chart file must end in .png, got " + file);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // XChart appends ".png" itself, so pass the name without it.
            String base = file.toAbsolutePath().toString();
            BitmapEncoder.saveBitmap(chart, base.substring(0, base.length() - 4), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file + ": " + e.getMessage(), e);
        }
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setChartPadding(14);
    }

    private static String name(RunReport run) {
        return run.label() != null ? run.label() : run.model();
    }

    private static String uniqueName(XYChart chart, String name) {
        String candidate = name;
        for (int i = 2; chart.getSeriesMap().containsKey(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }
}
