package io.github.ncf.examples.cli;

import io.github.ncf.eval.baseline.ItemPopularity;
import io.github.ncf.examples.report.MultiRunReport;
import io.github.ncf.examples.report.RunReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.compare.ModelComparison;
import io.github.ncf.eval.compare.PairedBootstrap;
import io.github.ncf.eval.tune.Fitted;
import io.github.ncf.eval.tune.RandomSearch;
import io.github.ncf.eval.tune.Recipe;
import io.github.ncf.eval.tune.Recipes;
import io.github.ncf.examples.chart.Charts;
import io.github.ncf.examples.report.CompareReport;
import io.github.ncf.examples.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncf compare}: GMF, MLP, NeuMF and ItemPopularity on the same split and the same sampled
 * candidates, as a table and a bar chart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train GMF, MLP and NeuMF and evaluate them beside ItemPopularity on the same "
                + "split and the same sampled candidates; print a table and draw a bar chart.")
public final class CompareCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions hyper;

    @Mixin
    TrainOptions train;

    @Mixin
    OutputOptions output;

    @Option(names = "--models", split = ",", paramLabel = "LIST",
            description = "Compare these models instead (any of itempop, itemknn, ease, ials, mf, gmf, mlp, neumf), "
                    + "each with its defaults or its --tuned configuration, on test under both protocols, with "
                    + "paired bootstrap 95% intervals to the best model and Kendall's tau between the protocols.")
    List<String> models;

    @Option(names = "--tuned", arity = "1..*", paramLabel = "REPORT",
            description = "With --models: take a model's configuration from the report of `ncf tune` for it.")
    List<Path> tuned = new ArrayList<>();

    @Option(names = "--markdown", paramLabel = "FILE.md",
            description = "With --models: also write the table as Markdown (both protocols, intervals, tau).")
    Path markdown;

    @Option(names = "--ease-lambda", paramLabel = "L", description = "EASE: L2 lambda (default 100).")
    Double easeLambda;

    @Option(names = "--knn-k", paramLabel = "K", description = "ItemKNN: neighbours per item (default 20).")
    Integer knnK;

    @Option(names = "--ials-factors", paramLabel = "N", description = "iALS: factors (default 64).")
    Integer ialsFactors;

    @Option(names = "--ials-reg", paramLabel = "R", description = "iALS: L2 regularisation (default 10).")
    Double ialsReg;

    @Option(names = "--ials-alpha", paramLabel = "A", description = "iALS: confidence weight alpha (default 10).")
    Double ialsAlpha;

    @Option(names = "--ials-iterations", paramLabel = "N", description = "iALS: iterations (default 15).")
    Integer ialsIterations;

    @Option(names = "--mf-dim", paramLabel = "N", description = "MF: embedding size (default 64).")
    Integer mfDim;

    CompareCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Outputs outputs;
        try {
            data.validate();
            hyper.validate();
            train.validate(data);
            outputs = Outputs.checked(output, null, io);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        train.warnAboutThreads(io);
        if (models != null) {
            return compareModels(outputs);
        }
        Experiment.Prepared prepared = Experiment.prepare(Experiment.load(data, io), train, io);
        List<RunReport> runs = new ArrayList<>();
        for (ModelKind kind : List.of(ModelKind.GMF, ModelKind.MLP, ModelKind.NEUMF)) {
            runs.add(Experiment.train(prepared, kind, hyper, train, kind.displayName(), io, outputs));
        }
        runs.add(Experiment.baseline(prepared, "ItemPopularity", "popularity",
                ItemPopularity.fit(prepared.split().train())));
        io.out().println();
        ResultsTable.print(runs, io.out());
        MultiRunReport report = new MultiRunReport("compare", null, null, runs);
        outputs.report(report);
        outputs.comparisonChart("GMF vs MLP vs NeuMF vs ItemPopularity (" + prepared.info().name() + ")",
                "compare.png", runs);
        outputs.trainingCharts(runs);
        outputs.finish();
        return 0;
    }

    /** The --models comparison: recipes trained with defaults, options or tuned configurations, tested once each. */
    private int compareModels(Outputs outputs) {
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, CompareReport.Chosen> chosenBy = new LinkedHashMap<>();
        Map<String, JsonNode> recorded = new LinkedHashMap<>();
        RankingEvaluation evaluation = ModelRuns.evaluation(train.seed, train.evalNegatives, train.evalThreads);
        Recipes recipes = Recipes.builder().evaluation(evaluation).seed(train.seed).threads(train.threads)
                .maxEpochs(train.epochs).batchSize(train.batchSize).build();
        try {
            for (String m : models) {
                if (configs.containsKey(m)) {
                    throw new IllegalArgumentException("--models lists " + m + " twice");
                }
                configs.put(m, options(m, recipes.get(m).defaults()));
                sources.put(m, "defaults");
            }
            if (configs.size() < 2) {
                throw new IllegalArgumentException("--models needs at least two models to compare, got " + models);
            }
            for (Path file : tuned) {
                JsonNode r = Reports.readTree(file);
                String m = r.path("model").asText();
                if (!"tune".equals(r.path("command").asText()) || !r.has("chosenConfig")) {
                    throw new IllegalArgumentException("--tuned " + file + " is not the report of a finished "
                            + "`ncf tune` (no chosenConfig)");
                }
                if (!configs.containsKey(m)) {
                    throw new IllegalArgumentException("--tuned " + file + " tunes " + m + ", which --models "
                            + models + " does not list");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> chosen = new ObjectMapper().convertValue(r.path("chosenConfig"), LinkedHashMap.class);
                if (r.has("batchSize") && chosen.containsKey("epochs")) {
                    // A report written before trials recorded their batch size: its epochs hold for this one.
                    chosen.putIfAbsent("batchSize", r.path("batchSize").asInt());
                }
                configs.put(m, chosen);
                sources.put(m, "tuned: " + file);
                chosenBy.put(m, chosen(r));
                if (r.has("testPerUser")) {
                    recorded.put(m, r);
                }
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Experiment.LoadedData loaded = Experiment.load(data, io);
        // A tuned configuration's final fit trains on train and validation rows in the order its search's
        // split holds them; splitting the same way trains the same model (test rows are the same either way).
        Split split = ModelRuns.split(loaded, train.seed, data.validation() || !tuned.isEmpty(), io);
        Map<String, ModelComparison.ModelFigures> figures = new LinkedHashMap<>();
        List<CompareReport.ModelEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : configs.entrySet()) {
            String m = e.getKey();
            JsonNode r = recorded.get(m);
            if (r != null && r.path("dataset").asText().equals(loaded.spec().label()) && r.path("seed").asLong() == train.seed) {
                // The search tested its choice once and kept the per-user values: compare those, train nothing.
                ModelComparison.ModelFigures f = figures(r, evaluation);
                figures.put(m, f);
                entries.add(new CompareReport.ModelEntry(m, sources.get(m) + " (its one test evaluation)", e.getValue(),
                        doubles(r.path("test")), perUserOf(r.path("testPerUser")), 0, chosenBy.get(m)));
                io.out().printf(java.util.Locale.ROOT, "%s: test full HR@10 %.4f, sampled HR@10 %.4f (recorded by its "
                        + "search)%n", m, r.path("test").path("full.hr@10").asDouble(),
                        r.path("test").path("sampled.hr@10").asDouble());
                continue;
            }
            io.out().println("training " + m + " (" + sources.get(m) + "): " + e.getValue());
            long t0 = System.nanoTime();
            EvaluationReport report;
            try (Fitted f = recipes.get(m).fit(e.getValue(), split, Recipe.Stage.FINAL)) {
                report = evaluation.test(f.scorer(), split);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, double[]> perUser = TuneCommand.perUser(report, evaluation);
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, double[]> values = new LinkedHashMap<>();
            for (var metric : evaluation.metrics()) {
                for (String p : ModelComparison.PROTOCOLS) {
                    means.put(p + "." + metric.name(), (p.equals("full") ? report.full() : report.sampled()).get(metric));
                    values.put(p + "." + metric.name(), perUser.get(p + "." + Reports.metricKey(metric.name())));
                }
            }
            figures.put(m, new ModelComparison.ModelFigures(means, values));
            entries.add(new CompareReport.ModelEntry(m, sources.get(m), e.getValue(), RandomSearch.metrics(report),
                    perUser, seconds, chosenBy.getOrDefault(m, new CompareReport.Chosen("none", null, 0, null, 0, 0, 1))));
            io.out().printf(java.util.Locale.ROOT, "%s: test full HR@10 %.4f, sampled HR@10 %.4f (%.1f s)%n", m,
                    report.full().get(evaluation.metrics().get(0)), report.sampled().get(evaluation.metrics().get(0)),
                    seconds);
        }
        ModelComparison comparison = ModelComparison.ofFigures(figures,
                evaluation.metrics().stream().map(metric -> metric.name()).toList(),
                PairedBootstrap.builder().seed(train.seed).build());
        io.out().println();
        ComparisonTable.print(comparison, io.out());
        if (markdown != null) {
            try {
                Files.writeString(markdown, ComparisonTable.markdown(comparison, chosenBy));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --markdown " + markdown + ": " + e.getMessage(), e);
            }
            io.out().println("markdown: " + markdown);
        }
        outputs.report(new CompareReport("compare", loaded.spec().label(), train.seed, entries, comparison));
        outputs.chart("compare-models.png", () -> Charts.models("Test metrics at 10 on " + loaded.spec().label()
                + " (" + (tuned.isEmpty() ? "defaults" : "configurations chosen on validation") + ")", comparison));
        outputs.finish();
        return 0;
    }

    /** The recorded test figures of a tune report, keyed by protocol and metric name ({@code full.HR@10}). */
    private static ModelComparison.ModelFigures figures(JsonNode r, RankingEvaluation evaluation) {
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (var metric : evaluation.metrics()) {
            for (String p : ModelComparison.PROTOCOLS) {
                String key = p + "." + Reports.metricKey(metric.name());
                if (!r.path("test").has(key) || !r.path("testPerUser").has(key)) {
                    throw new UsageException("--tuned report has no recorded test " + key);
                }
                means.put(p + "." + metric.name(), r.path("test").path(key).asDouble());
                values.put(p + "." + metric.name(), array(r.path("testPerUser").path(key)));
            }
        }
        return new ModelComparison.ModelFigures(means, values);
    }

    private static double[] array(JsonNode node) {
        double[] a = new double[node.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = node.get(k).asDouble();
        }
        return a;
    }

    private static Map<String, double[]> perUserOf(JsonNode node) {
        Map<String, double[]> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> m.put(f.getKey(), array(f.getValue())));
        return m;
    }

    private static Map<String, Double> doubles(JsonNode node) {
        Map<String, Double> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asDouble()));
        return m;
    }

    /** What a tune report says about how its configuration was chosen. */
    private static CompareReport.Chosen chosen(JsonNode r) {
        JsonNode trial = r.path("trials").get(r.path("chosenTrial").asInt());
        Map<String, Double> validation = new LinkedHashMap<>();
        if (trial != null) {
            trial.path("validation").fields().forEachRemaining(f -> validation.put(f.getKey(), f.getValue().asDouble()));
        }
        return new CompareReport.Chosen(r.path("selection").asText("validation"), r.path("selectionMetric").asText(null),
                r.path("trials").size(), validation, r.path("searchSeconds").asDouble(),
                r.path("searchCpuSeconds").asDouble(), 1);
    }

    /** A model's defaults with the options given on the command line for it. */
    private Map<String, Object> options(String model, Map<String, Object> config) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean ncf = List.of("mf", "gmf", "mlp", "neumf").contains(model);
        if (ncf) {
            config.put("epochs", train.epochs);
            if (parsed.hasMatchedOption("--lr")) {
                config.put("lr", (double) train.learningRate);
            }
            if (parsed.hasMatchedOption("--negatives")) {
                config.put("negatives", train.negatives);
            }
            if (parsed.hasMatchedOption("--l2")) {
                config.put("l2", train.l2);
            }
        }
        switch (model) {
            case "ease" -> put(config, "lambda", easeLambda);
            case "itemknn" -> put(config, "k", knnK);
            case "ials" -> {
                put(config, "factors", ialsFactors);
                put(config, "reg", ialsReg);
                put(config, "alpha", ialsAlpha);
                put(config, "iterations", ialsIterations);
            }
            case "mf" -> put(config, "dim", mfDim);
            case "gmf", "mlp" -> put(config, "embeddingDim", hyper.embeddingDim);
            default -> { }
        }
        if (model.equals("mlp") || model.equals("neumf")) {
            put(config, "layers", hyper.layers == null ? null : hyper.layers.toString());
            put(config, "dropout", hyper.dropout);
        }
        if (model.equals("neumf")) {
            put(config, "gmfDim", hyper.gmfDim);
            put(config, "mlpDim", hyper.mlpDim);
        }
        return config;
    }

    private static void put(Map<String, Object> config, String key, Object value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}
