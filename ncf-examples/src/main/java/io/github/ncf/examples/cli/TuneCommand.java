package io.github.ncf.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.tune.Recipe;
import io.github.ncf.eval.tune.Recipes;
import io.github.ncf.eval.tune.RandomSearch;
import io.github.ncf.eval.tune.SearchResult;
import io.github.ncf.eval.tune.Trial;
import io.github.ncf.examples.chart.Charts;
import io.github.ncf.examples.report.Reports;
import io.github.ncf.examples.report.TuneReport;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncf tune}: a seeded random search over one model's hyperparameters, each trial scored on the
 * validation split, then the chosen configuration trained and the test protocol run once.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search a model's hyperparameters on the validation split (seeded random search within "
                + "a trial count and a time budget), then train the chosen configuration and evaluate test "
                + "once. An interrupted search resumes from its --report.")
public final class TuneCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "One of itempop, itemknn, ease, ials, mf, gmf, mlp, neumf.")
    String model;

    @Option(names = "--trials", defaultValue = "20", paramLabel = "N", description = "Most trials (default 20).")
    int trials;

    @Option(names = "--budget-minutes", defaultValue = "8", paramLabel = "T",
            description = "No trial starts after this many minutes of search (default 8); the same rule for "
                    + "every model.")
    double budgetMinutes;

    @Option(names = "--max-epochs", defaultValue = "20", paramLabel = "N",
            description = "NCF and MF: most epochs of a trial; early stopping on validation chooses the "
                    + "epoch (default 20).")
    int maxEpochs;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
            description = "NCF and MF: positives per batch, each with its negatives (default 256).")
    int batchSize;

    @Option(names = "--patience", defaultValue = "2", paramLabel = "N",
            description = "NCF and MF: epochs without improvement on validation that end a trial (default 2).")
    int patience;

    @Option(names = "--fix", paramLabel = "NAME=VALUE",
            description = "Hold a hyperparameter of the space at a value in every trial, e.g. --fix pretrain=true "
                    + "for NeuMF with pretraining; the other hyperparameters are drawn as without it. Repeatable.")
    Map<String, String> fixed = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the trial sequence, the split, training and sampled candidates (default 42).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Training threads (default 1).")
    int threads;

    @Option(names = "--eval-threads", defaultValue = "1", paramLabel = "N",
            description = "Evaluation threads (default 1).")
    int evalThreads;

    @Option(names = "--eval-negatives", defaultValue = "99", paramLabel = "N",
            description = "Sampled protocol: negatives per held-out item (default 99).")
    int evalNegatives;

    TuneCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Outputs outputs;
        Recipe recipe;
        RandomSearch search;
        RankingEvaluation evaluation;
        try {
            data.validate();
            TrainOptions.positive("--trials", trials);
            TrainOptions.positive("--max-epochs", maxEpochs);
            TrainOptions.positive("--threads", threads);
            TrainOptions.positive("--eval-threads", evalThreads);
            TrainOptions.positive("--eval-negatives", evalNegatives);
            TrainOptions.positive("--batch-size", batchSize);
            TrainOptions.positive("--patience", patience);
            if (!(budgetMinutes > 0)) {
                throw new IllegalArgumentException("--budget-minutes must be > 0, got " + budgetMinutes);
            }
            outputs = Outputs.checked(output, null, io);
            evaluation = RankingEvaluation.builder().sampledNegatives(evalNegatives).seed(seed).threads(evalThreads)
                    .patience(patience).build();
            recipe = Recipes.builder().evaluation(evaluation).seed(seed).threads(threads).maxEpochs(maxEpochs)
                    .batchSize(batchSize).build().get(model);
            for (Map.Entry<String, String> f : fixed.entrySet()) {
                recipe = recipe.fix(f.getKey(), value(f.getValue()));
            }
            search = RandomSearch.builder().trials(trials).budget(Duration.ofMillis((long) (budgetMinutes * 60_000)))
                    .seed(seed).evaluation(evaluation).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Experiment.LoadedData loaded = Experiment.load(data, io);
        Split split = ModelRuns.split(loaded, seed, true, io);
        List<Trial> done = resumed();
        String label = loaded.spec().label();
        String selection = selectionKey(evaluation);
        io.out().println("tune " + model + ": " + recipe.space() + "; " + search + "; selection on validation "
                + selection + (done.isEmpty() ? "" : "; resuming after " + done.size() + " recorded trials"));
        List<Trial> all = new ArrayList<>(done);
        Recipe tuned = recipe;
        SearchResult result = search.run(recipe, split, done, trial -> {
            all.add(trial);
            io.out().printf(Locale.ROOT, "trial %d: %s %s -> validation full HR@10 %.4f NDCG@10 %.4f, sampled HR@10 "
                    + "%.4f (%.1f s, %.1f CPU s)%n", trial.index(), trial.config(), trial.learned(),
                    trial.validation().get("full.hr@10"), trial.validation().get("full.ndcg@10"),
                    trial.validation().get("sampled.hr@10"), trial.seconds(), trial.cpuSeconds());
            if (output.report != null) {
                // Written after every trial so that an interrupted search resumes from it.
                Reports.write(report(label, tuned, selection, evaluation, all, null), output.report);
            }
        });
        TuneReport report = report(label, recipe, selection, evaluation, result.trials(), result);
        io.out().printf(Locale.ROOT, "chosen on validation: trial %d, %s%n", result.chosen().index(),
                result.chosenConfig());
        io.out().printf(Locale.ROOT, "test (evaluated once): full HR@10 %.4f NDCG@10 %.4f, sampled HR@10 %.4f "
                + "NDCG@10 %.4f; search %.0f s%n", report.test().get("full.hr@10"), report.test().get("full.ndcg@10"),
                report.test().get("sampled.hr@10"), report.test().get("sampled.ndcg@10"), result.searchSeconds());
        outputs.report(report);
        String chartName = "tune-" + model + fixed.entrySet().stream().map(f -> "-" + f.getKey() + "-" + f.getValue())
                .collect(java.util.stream.Collectors.joining()) + ".png";
        outputs.chart(chartName, () -> Charts.trials(model + " on " + label + ", chosen by validation " + selection,
                result.trials(), result.chosen().index()));
        outputs.finish();
        return 0;
    }

    private TuneReport report(String label, Recipe recipe, String selection, RankingEvaluation evaluation,
            List<Trial> trialsSoFar, SearchResult r) {
        double spent = trialsSoFar.stream().mapToDouble(Trial::seconds).sum();
        double cpu = trialsSoFar.stream().mapToDouble(Trial::cpuSeconds).sum();
        return new TuneReport("tune", model, label, seed, trials, budgetMinutes, maxEpochs, batchSize, patience,
                Map.copyOf(fixed), recipe.space().toString(), "validation", selection, trialsSoFar,
                r == null ? null : r.chosen().index(), r == null ? null : r.chosenConfig(),
                r == null ? null : RandomSearch.metrics(r.test()), r == null ? 0 : r.testEvaluations(),
                r == null ? spent : r.searchSeconds(), cpu, r == null ? null : r.finalSeconds(),
                r == null ? null : r.finalCpuSeconds(), r == null ? null : perUser(r.test(), evaluation));
    }

    /** A test report's per-user values, keyed like {@link RandomSearch#metrics}. */
    static Map<String, double[]> perUser(EvaluationReport report, RankingEvaluation evaluation) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (var metric : evaluation.metrics()) {
            String key = Reports.metricKey(metric.name());
            m.put("full." + key, report.full().values(metric.name()).values());
            m.put("sampled." + key, report.sampled().values(metric.name()).values());
        }
        return m;
    }

    /** The validation metric selection reads, as the report keys it ({@code full.ndcg@10}). */
    private static String selectionKey(RankingEvaluation evaluation) {
        return "full." + evaluation.selectionMetric().name().toLowerCase(Locale.ROOT);
    }

    /** A --fix value as the space would hold it: a number, a boolean, or the text. */
    private static Object value(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        try {
            double d = Double.parseDouble(t);
            return d == Math.rint(d) && !t.contains(".") && !t.contains("e") && !t.contains("E") ? (Object) (int) d
                    : (Object) d;
        } catch (NumberFormatException e) {
            return t;
        }
    }

    /** The trials an earlier run of the same search recorded in --report, if it exists. */
    private List<Trial> resumed() {
        if (output.report == null || !Files.isRegularFile(output.report)) {
            return List.of();
        }
        JsonNode root = Reports.readTree(output.report);
        Map<String, String> recordedFixed = new LinkedHashMap<>();
        root.path("fixed").fields().forEachRemaining(e -> recordedFixed.put(e.getKey(), e.getValue().asText()));
        if (!"tune".equals(root.path("command").asText()) || !model.equals(root.path("model").asText())
                || root.path("seed").asLong() != seed || !recordedFixed.equals(fixed)) {
            throw new UsageException("--report " + output.report + " holds another search (command "
                    + root.path("command").asText() + ", model " + root.path("model").asText() + ", seed "
                    + root.path("seed").asText() + ", fixed " + recordedFixed + "); give another file to start a "
                    + "new search");
        }
        // Trials run with another epoch cap, batch size or patience are not this search's trials.
        checkSame("--max-epochs", root.path("maxEpochs"), maxEpochs);
        checkSame("--batch-size", root.path("batchSize"), batchSize);
        checkSame("--patience", root.path("patience"), patience);
        ObjectMapper mapper = new ObjectMapper();
        List<Trial> out = new ArrayList<>();
        for (JsonNode t : root.path("trials")) {
            out.add(new Trial(t.path("index").asInt(), map(mapper, t.path("config")), map(mapper, t.path("learned")),
                    doubles(t.path("validation")), t.path("seconds").asDouble(), t.path("cpuSeconds").asDouble(-1)));
        }
        return out;
    }

    private void checkSame(String option, JsonNode recorded, int given) {
        if (!recorded.isMissingNode() && recorded.asInt() != given) {
            throw new UsageException("--report " + output.report + " holds a search run with " + option + " "
                    + recorded.asInt() + ", not " + given + "; resume it with the same settings or give another file");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ObjectMapper mapper, JsonNode node) {
        return node.isMissingNode() ? Map.of() : mapper.convertValue(node, LinkedHashMap.class);
    }

    private static Map<String, Double> doubles(JsonNode node) {
        Map<String, Double> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }
}
