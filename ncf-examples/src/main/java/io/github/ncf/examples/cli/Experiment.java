package io.github.ncf.examples.cli;

import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.MklCpuDispatch;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.pretrain.Pretraining;
import io.github.ncf.core.train.EarlyStopping;
import io.github.ncf.core.train.TrainingKernels;
import io.github.ncf.core.train.FitResult;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.core.train.OptimizerKind;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DataSource;
import io.github.ncf.data.movielens.DelimitedReader;
import io.github.ncf.data.movielens.ItemCatalog;
import io.github.ncf.data.movielens.MovieLensData;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.movielens.ReadReport;
import io.github.ncf.data.movielens.ReadResult;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EpochMetrics;
import io.github.ncf.eval.EvaluationListener;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.ProtocolEvaluator;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.SplitKind;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Mrr;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.examples.progress.ProgressBar;
import io.github.ncf.examples.report.DatasetInfo;
import io.github.ncf.examples.report.EpochRecord;
import io.github.ncf.examples.report.Reports;
import io.github.ncf.examples.report.RunReport;
import io.github.ncf.examples.report.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Wires the library together for the commands: reads or generates a data set, splits it, builds the
 * two evaluators once per split, trains models and evaluates scorers into {@link RunReport}s.
 *
 * <p>Nothing here trains or measures by itself: loading is {@code ncf-data}'s, training {@code
 * ncf-core}'s and measuring {@code ncf-eval}'s. Every run made from one {@link Prepared} shares the
 * same split and the same sampled candidates, so their figures compare.
 */
final class Experiment {

    /** The metric cut-off of every table and report. */
    static final int K = 10;

    /** Provenance key of the split order a saved model was trained with, read back by {@code evaluate}. */
    static final String SPLIT = "split.order";

    /** Provenance key of the seed of the split and the sampled candidates. */
    static final String SEED = "split.seed";

    /** Provenance key of the sampled protocol's candidates per user. */
    static final String EVAL_NEGATIVES = "eval.negatives";

    /** Provenance key of the data set a model was trained on. */
    static final String DATASET = "dataset";

    /** The metric early stopping maximises, on the validation split. */
    private static final String HR = "HR@" + K;

    private Experiment() {
    }

    /**
     * A data set as loaded.
     *
     * @param spec what the user asked for
     * @param interactions every positive interaction
     * @param catalog titles of items, empty when the source has none
     * @param notes what loading skipped or changed, in words; empty if nothing
     * @param order which interaction per user the split holds out
     * @param validation whether the split also holds out a validation interaction per user
     */
    record LoadedData(DatasetSpec spec, Interactions interactions, ItemCatalog catalog, String notes,
            SplitOrder order, boolean validation) {

        LoadedData(DatasetSpec spec, Interactions interactions, ItemCatalog catalog, String notes) {
            this(spec, interactions, catalog, notes, SplitOrder.TIME, false);
        }

        LoadedData splitBy(SplitOrder order, boolean validation) {
            return new LoadedData(spec, interactions, catalog, notes, order, validation);
        }
    }

    /**
     * A split with its evaluators: the test protocols, and the validation protocols when the split has a
     * validation hold-out. Selection reads only the validation ones; the test ones run once, after.
     *
     * @param data the loaded data
     * @param split the leave-one-out split
     * @param evaluation the metrics, candidates and seed of both protocols, and the selection metric
     * @param full the full-ranking evaluator on test (train and validation items masked)
     * @param sampled the sampled evaluator on test (held-out item among sampled non-interacted items)
     * @param validationFull the full-ranking evaluator on validation (train items masked), or null
     * @param validationSampled the sampled evaluator on validation (candidates never train or validation
     *     items), or null
     * @param info the data set as described in reports
     * @param seed the seed of the split's sampled candidates and of training
     */
    record Prepared(LoadedData data, Split split, RankingEvaluation evaluation, ProtocolEvaluator full,
            ProtocolEvaluator sampled, ProtocolEvaluator validationFull, ProtocolEvaluator validationSampled,
            DatasetInfo info, long seed) {

        /** @return whether the split holds out validation interactions */
        boolean hasValidation() {
            return validationFull != null;
        }
    }

    /**
     * Reads or generates the data set the options name, printing one line of what was read.
     *
     * @param options the data options
     * @param io where to print
     * @return the data
     * @throws UncheckedIOException if a file cannot be read, naming it
     */
    static LoadedData load(DataOptions options, Io io) {
        DatasetSpec spec = options.dataset();
        try {
            LoadedData data = (switch (spec.kind()) {
                case MOVIELENS -> loadMovieLens(spec, options);
                case CSV -> loadCsv(spec, options);
                case SYNTHETIC -> Synthetic.load(spec);
            }).splitBy(options.splitOrder(), options.validation());
            Interactions i = data.interactions();
            io.out().printf(java.util.Locale.ROOT, "data: %s, %,d interactions, %,d users, %,d items%s%n",
                    spec.label(), i.size(), i.numUsers(), i.numItems(),
                    data.notes().isEmpty() ? "" : " (" + data.notes() + ")");
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec.label() + ": " + e.getMessage(), e);
        }
    }

    private static LoadedData loadMovieLens(DatasetSpec spec, DataOptions options) throws IOException {
        MovieLensVariant variant = MovieLensVariant.fromName(spec.name());
        DataSource.Builder source = DataSource.builder();
        if (options.dataDir() != null) {
            source.directory(options.dataDir());
        }
        Path dir;
        try {
            dir = source.build().resolve(variant);
        } catch (IOException e) {
            throw new IOException(CliWords.of(e.getMessage()), e);
        }
        MovieLensReader.Builder reader = MovieLensReader.builder().variant(variant);
        if (options.minRating != null) {
            reader.minRating(options.minRating);
        }
        MovieLensData ml = reader.build().read(dir);
        StringBuilder notes = new StringBuilder(describe(ml.report()));
        if (ml.itemsWithoutCatalogEntry() > 0) {
            append(notes, ml.itemsWithoutCatalogEntry() + " items without a title");
        }
        return new LoadedData(spec, ml.interactions(), ml.catalog(), notes.toString());
    }

    private static LoadedData loadCsv(DatasetSpec spec, DataOptions options) throws IOException {
        if (!Files.isRegularFile(spec.path())) {
            throw new IllegalArgumentException("--dataset csv:PATH: no such file: " + spec.path());
        }
        DelimitedReader.Builder b = DelimitedReader.builder().delimiter(options.csvDelimiter())
                .header(options.csvHeader).quoted(options.csvQuoted).userColumn(options.csvUserColumn).itemColumn(options.csvItemColumn);
        if (options.csvTimestampColumn != null) {
            b.timestampColumn(options.csvTimestampColumn);
        }
        if (options.csvRatingColumn != null) {
            b.ratingColumn(options.csvRatingColumn);
        }
        if (options.minRating != null) {
            b.minRating(options.minRating);
        }
        ReadResult result = b.build().read(spec.path());
        return new LoadedData(spec, result.interactions(), ItemCatalog.empty(), describe(result.report()));
    }

    private static String describe(ReadReport r) {
        StringBuilder s = new StringBuilder();
        if (r.rowsBelowThreshold() > 0) {
            append(s, String.format(java.util.Locale.ROOT, "%,d rows rated below %s left out",
                    r.rowsBelowThreshold(), r.minRating()));
        }
        if (r.blankLines() > 0) {
            append(s, r.blankLines() + " blank lines skipped");
        }
        if (r.duplicatePairs() > 0) {
            append(s, String.format(java.util.Locale.ROOT, "%,d repeated (user, item) rows", r.duplicatePairs()));
        }
        return s.toString();
    }

    private static void append(StringBuilder s, String note) {
        if (s.length() > 0) {
            s.append("; ");
        }
        s.append(note);
    }

    /**
     * Splits the data leave-one-out in the order the options chose (with a validation hold-out if asked)
     * and builds the evaluators, printing one line of the split.
     *
     * @param data the loaded data, with the split order and validation choice
     * @param t the settings: {@code seed} (split and sampled candidates), {@code evalNegatives}
     *     (sampled candidates per user besides the held-out item), {@code evalThreads}
     * @param io where to print
     * @return the prepared split
     * @throws UsageException if nothing can be held out, or {@code --eval-negatives} is too many
     */
    static Prepared prepare(LoadedData data, TrainOptions t, Io io) {
        long seed = t.seed;
        Interactions all = data.interactions();
        Split split = LeaveOneOutSplitter.builder().order(data.order().sortOrder()).seed(seed)
                .validation(data.validation()).build().split(all);
        if (split.test().size() == 0) {
            throw new UsageException(String.format(java.util.Locale.ROOT, "--dataset %s: no user has two or more "
                    + "interactions, so none can be held out to evaluate (%,d users, %,d interactions)",
                    data.spec().label(), all.numUsers(), all.size()));
        }
        if (split.hasValidation() && split.validation().size() == 0) {
            throw new UsageException(String.format(java.util.Locale.ROOT, "--validation: no user of %s has three "
                    + "or more interactions, so none can hold out a validation one besides the test one "
                    + "(%,d users, %,d interactions)", data.spec().label(), all.numUsers(), all.size()));
        }
        // Test time knows train and validation; validation time knows train only (RankingEvaluation).
        RankingEvaluation evaluation = RankingEvaluation.builder().metrics(HitRate.at(K), Ndcg.at(K), Mrr.at(K))
                .selectionMetric(HitRate.at(K)).sampledNegatives(t.evalNegatives).seed(seed)
                .patience(t.earlyStopping != null ? t.earlyStopping : RankingEvaluation.DEFAULT_PATIENCE)
                .threads(t.evalThreads).build();
        List<ProtocolEvaluator> test = evaluators(evaluation, split, SplitKind.TEST, data);
        List<ProtocolEvaluator> validation = split.hasValidation()
                ? evaluators(evaluation, split, SplitKind.VALIDATION, data) : List.of();
        Long validationRows = split.hasValidation() ? (long) split.validation().size() : null;
        DatasetInfo info = new DatasetInfo(data.spec().label(), all.numUsers(), all.numItems(), all.size(),
                split.train().size(), split.test().size(), data.notes(), data.order().id(), validationRows);
        io.out().println("split: " + describe(data, split));
        return new Prepared(data, split, evaluation, test.get(0), test.get(1),
                validation.isEmpty() ? null : validation.get(0), validation.isEmpty() ? null : validation.get(1),
                info, seed);
    }

    /** The full-ranking and sampled evaluators of one part of the split; too many candidates is a usage error. */
    private static List<ProtocolEvaluator> evaluators(RankingEvaluation evaluation, Split split, SplitKind part,
            LoadedData data) {
        try {
            return evaluation.evaluators(split, part);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--eval-negatives " + evaluation.sampledNegatives() + " is too many for "
                    + data.spec().label() + ": " + e.getMessage() + " (lower --eval-negatives)", e);
        }
    }

    /** Says which split was made, in the program's words, with the option that chose it. */
    private static String describe(LoadedData data, Split split) {
        String how = switch (data.order()) {
            case TIME -> "each user's latest interaction by time (ties: the later row in the file)";
            case FILE_ORDER -> "each user's last row in the file";
            case RANDOM -> "one interaction per user drawn at random (--seed)";
        };
        boolean defaulted = data.order() == SplitOrder.FILE_ORDER && data.spec().kind() == DatasetSpec.Kind.CSV;
        StringBuilder s = new StringBuilder("--split ").append(data.order().id())
                .append(defaulted ? " (the default without --csv-timestamp-column)" : "")
                .append(": ").append(how).append(" held out for test");
        s.append(String.format(java.util.Locale.ROOT, "; %,d train, ", split.train().size()));
        if (split.hasValidation()) {
            s.append(String.format(java.util.Locale.ROOT, "%,d validation (the latest before the test one), ",
                    split.validation().size()));
        }
        s.append(String.format(java.util.Locale.ROOT, "%,d test rows", split.test().size()));
        if (split.usersKeptWhole() > 0) {
            s.append(String.format(java.util.Locale.ROOT, "; %,d users with one interaction kept whole in train",
                    split.usersKeptWhole()));
        }
        if (split.hasValidation() && split.usersWithoutValidation() > 0) {
            s.append(String.format(java.util.Locale.ROOT, "; %,d users with two interactions have no validation "
                    + "row", split.usersWithoutValidation()));
        }
        return s.toString();
    }

    /**
     * Builds the model the options describe, sized for the split's users and items, seeded.
     *
     * @param kind the model
     * @param m the hyperparameters given; unset ones keep the builder's defaults
     * @param train the training interactions
     * @param seed the initialisation seed
     * @return the block
     */
    static NcfBlock block(ModelKind kind, ModelOptions m, Interactions train, long seed) {
        int users = train.numUsers();
        int items = train.numItems();
        return switch (kind) {
            case GMF -> {
                GMF.Builder b = GMF.builder().numUsers(users).numItems(items).seed(seed);
                if (m.embeddingDim != null) {
                    b.embeddingDim(m.embeddingDim);
                }
                yield b.build();
            }
            case MLP -> {
                MLP.Builder b = MLP.builder().numUsers(users).numItems(items).seed(seed);
                if (m.embeddingDim != null) {
                    b.embeddingDim(m.embeddingDim);
                }
                if (m.layers != null) {
                    b.layers(m.layers.sizes());
                }
                if (m.dropout != null) {
                    b.dropout(m.dropout);
                }
                yield b.build();
            }
            case MF -> {
                MF.Builder b = MF.builder().numUsers(users).numItems(items).seed(seed);
                if (m.embeddingDim != null) {
                    b.dim(m.embeddingDim);
                }
                yield b.build();
            }
            case NEUMF -> {
                NeuMF.Builder b = NeuMF.builder().numUsers(users).numItems(items).seed(seed);
                if (m.gmfDim != null) {
                    b.gmfDim(m.gmfDim);
                }
                if (m.mlpDim != null) {
                    b.mlpDim(m.mlpDim);
                }
                if (m.layers != null) {
                    b.mlpLayers(m.layers.sizes());
                }
                if (m.dropout != null) {
                    b.dropout(m.dropout);
                }
                yield b.build();
            }
        };
    }

    /**
     * Builds, trains and evaluates one model, showing progress, and saves it if asked.
     *
     * @param prepared the split and evaluators
     * @param kind the model
     * @param m the hyperparameters
     * @param t the training settings
     * @param label the run's name in tables and charts
     * @param io where to print
     * @param outputs saves the trained model if {@code --save} was given
     * @return the report
     */
    static RunReport train(Prepared prepared, ModelKind kind, ModelOptions m, TrainOptions t, String label, Io io,
            Outputs outputs) {
        ProcessTuning.forTraining(t.threads);
        NcfBlock block = block(kind, m, prepared.split().train(), t.seed);
        try (NcfModel model = NcfModel.create(block, prepared.split().train())) {
            RunReport report = fit(prepared, model, t, label, io, Map.of());
            outputs.model(dir -> save(model, dir, prepared, report));
            return report;
        }
    }

    /**
     * Trains a created model with fresh negatives each epoch, evaluating both protocols every
     * {@code --eval-every} epochs and after the last, and returns the run's report.
     *
     * @param prepared the split and evaluators
     * @param model the model, trained in place
     * @param t the training settings
     * @param label the run's name
     * @param io where to print
     * @param extraConfig settings to record besides the hyperparameters and training settings
     * @return the report
     */
    static RunReport fit(Prepared prepared, NcfModel model, TrainOptions t, String label, Io io,
            Map<String, Object> extraConfig) {
        Interactions train = prepared.split().train();
        TrainingKernels kernels = t.kernels;
        if (kernels == TrainingKernels.JAVA && !TrainOptions.javaKernelsTrain(model.block().kind())) {
            // compare and tune train several kinds with one set of options: say which ones take torch's.
            io.out().println("note: " + label + " trains with --kernels torch: the Java step trains gmf, mlp"
                    + " and neumf");
            kernels = TrainingKernels.TORCH;
        }
        boolean validation = prepared.hasValidation();
        // Per-epoch metrics read validation when there is one; without it they are test metrics that
        // choose nothing (the last epoch is kept).
        EvaluationListener evaluation = EvaluationListener.builder()
                .evaluators(validation ? SplitKind.VALIDATION : SplitKind.TEST,
                        validation ? prepared.validationFull() : prepared.full(),
                        validation ? prepared.validationSampled() : prepared.sampled())
                .every(t.evalEvery == 0 ? t.epochs : t.evalEvery)
                .printTo(io.out())
                .build();
        NcfTrainer.Builder trainerBuilder = NcfTrainer.builder().epochs(t.epochs).batchSize(t.batchSize)
                .negatives(t.negatives).learningRate(t.learningRate).l2((float) t.l2)
                .optimizer(t.optimizer).seed(t.seed).threads(t.threads).lazyEmbeddingUpdates(t.lazyAdam)
                .kernels(kernels)
                .listener(ProgressBar.builder().out(io.out()).interactive(System.console() != null)
                        .prefix(label + " ").epochs(t.epochs).build())
                .listener(evaluation);
        EarlyStopping stop = null;
        if (t.earlyStopping != null) {
            stop = prepared.evaluation().earlyStopping(prepared.split());
            trainerBuilder.earlyStopping(stop);
        }
        io.out().println("training " + label + ": " + model.block() + ", " + t.epochs + " epochs, batch "
                + t.batchSize + " positives x (1 + " + t.negatives + "); per-epoch metrics on the "
                + (validation ? "validation" : "test") + " split");
        FitResult result = trainerBuilder.build().fit(model, train);

        RunReport.Builder report = RunReport.builder().label(label).dataset(prepared.info())
                .model(model.block().kind());
        model.block().hyperparameters().forEach((k, v) -> report.config(k, typed(k, v)));
        report.config("seed", t.seed).config("epochs", t.epochs).config("batchSize", t.batchSize)
                .config("negatives", t.negatives).config("learningRate", Double.parseDouble(Float.toString(t.learningRate)))
                .config("l2", t.l2)
                .config("optimizer", t.optimizer.name().toLowerCase(java.util.Locale.ROOT))
                .config("threads", t.threads).config("evalThreads", t.evalThreads)
                .config("evalEvery", t.evalEvery)
                .config("evalNegatives", t.evalNegatives).config("lazyAdam", t.lazyAdam)
                .config("kernels", kernels.name().toLowerCase(java.util.Locale.ROOT)).config("k", K)
                .config("mklAvx512OnAmd", MklCpuDispatch.isApplied())
                .config("validation", validation);
        if (t.earlyStopping != null) {
            report.config("earlyStopping", t.earlyStopping);
        }
        report.config(extraConfig);
        List<EpochMetrics> history = evaluation.history();
        for (int e = 1; e <= result.epochsRun(); e++) {
            double loss = result.meanLosses().get(e - 1);
            double seconds = result.epochSeconds().get(e - 1);
            Optional<EpochMetrics> evaluated = find(history, e);
            if (evaluated.isEmpty()) {
                report.addEpoch(EpochRecord.unevaluated(e, loss, seconds));
            } else {
                Map<String, Double> full = metrics(evaluated.get().results().get(0));
                Map<String, Double> sampled = metrics(evaluated.get().results().get(1));
                report.addEpoch(validation ? EpochRecord.onValidation(e, loss, seconds, full, sampled)
                        : EpochRecord.onTest(e, loss, seconds, full, sampled));
            }
        }
        report.selection(stop != null
                ? Selection.bestEpoch(result.bestEpoch(), "validation.full." + Reports.metricKey(HR),
                        stop.bestValue(),
                        t.earlyStopping)
                : Selection.lastEpoch(result.epochsRun()));
        // Without validation the last epoch's test evaluation is the final one; with it, test runs once here.
        Optional<EpochMetrics> last = validation ? Optional.empty() : find(history, result.epochsRun());
        EvaluationResult full = last.isPresent() ? last.get().results().get(0) : prepared.full().evaluate(model);
        EvaluationResult sampled = last.isPresent() ? last.get().results().get(1)
                : prepared.sampled().evaluate(model);
        return report.finalFull(metrics(full)).finalSampled(metrics(sampled))
                .fullEvalSeconds(full.seconds()).sampledEvalSeconds(sampled.seconds()).build();
    }

    private static Optional<EpochMetrics> find(List<EpochMetrics> history, int epoch) {
        return history.stream().filter(m -> m.epoch() == epoch).findFirst();
    }

    /** Hyperparameters come as strings; reports carry numbers as numbers and layer sizes as lists. */
    private static Object typed(String key, String value) {
        if (key.toLowerCase(java.util.Locale.ROOT).endsWith("layers") && value.matches("\\d+(,\\d+)*")) {
            return java.util.Arrays.stream(value.split(",")).map(Long::parseLong).toList();
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException notDouble) {
                return value;
            }
        }
    }

    /**
     * Saves a trained model with its provenance, and the item titles beside it for {@code recommend}.
     *
     * @param model the model
     * @param dir the folder
     * @param prepared the split it was trained on
     * @param report its report, whose metrics are recorded as provenance
     */
    static void save(NcfModel model, Path dir, Prepared prepared, RunReport report) {
        model.putProvenance(DATASET, prepared.info().name());
        model.putProvenance("trainedBy", "ncf train");
        model.putProvenance(SPLIT, prepared.data().order().id());
        model.putProvenance(SEED, String.valueOf(prepared.seed()));
        model.putProvenance(EVAL_NEGATIVES, String.valueOf(samplesOf(prepared)));
        model.putProvenance("final.full.hr10", String.valueOf(report.finalMetrics().full().get("hr@10")));
        model.putProvenance("final.sampled.hr10", String.valueOf(report.finalMetrics().sampled().get("hr@10")));
        Catalogs.attach(prepared.data().catalog(), model);
        try {
            model.save(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates a scorer that needs no training (a baseline) under both protocols.
     *
     * @param prepared the split and evaluators
     * @param label the run's name in tables
     * @param model the baseline's name in reports
     * @param scorer the baseline
     * @return the report
     */
    static RunReport baseline(Prepared prepared, String label, String model, Scorer scorer) {
        return tested(prepared, RunReport.builder().label(label).dataset(prepared.info()).model(model)
                .config("seed", prepared.seed()).config("evalNegatives", samplesOf(prepared)), scorer);
    }

    /**
     * Evaluates a saved model on the test split under both protocols, with the report keys of
     * {@code train}: its hyperparameters, the seed and candidates of the split, {@code final.*}.
     *
     * @param prepared the split and evaluators, made as the model's training made them
     * @param model the loaded model
     * @param label the run's name in tables
     * @return the report
     */
    static RunReport savedModel(Prepared prepared, NcfModel model, String label) {
        RunReport.Builder report = RunReport.builder().label(label).dataset(prepared.info())
                .model(model.block().kind());
        model.block().hyperparameters().forEach((k, v) -> report.config(k, typed(k, v)));
        report.config("seed", prepared.seed()).config("evalNegatives", samplesOf(prepared)).config("k", K);
        return tested(prepared, report, model);
    }

    /** Measures a scorer on the test split under both protocols: nothing is selected, test runs once. */
    private static RunReport tested(Prepared prepared, RunReport.Builder report, Scorer scorer) {
        EvaluationResult full = prepared.full().evaluate(scorer);
        EvaluationResult sampled = prepared.sampled().evaluate(scorer);
        return report.selection(Selection.none()).finalFull(metrics(full)).finalSampled(metrics(sampled))
                .fullEvalSeconds(full.seconds()).sampledEvalSeconds(sampled.seconds()).build();
    }

    private static int samplesOf(Prepared prepared) {
        return prepared.evaluation().sampledNegatives();
    }

    /**
     * Returns an evaluation's means keyed as in reports ({@code hr@10}).
     *
     * @param result the evaluation
     * @return metric key to mean
     */
    static Map<String, Double> metrics(EvaluationResult result) {
        Map<String, Double> m = new LinkedHashMap<>();
        result.means().forEach((name, value) -> m.put(Reports.metricKey(name), value));
        return m;
    }

    /**
     * Returns a value or a default when it is null.
     *
     * @param value the value
     * @param fallback the default
     * @param <T> the type
     * @return value if not null, else fallback
     */
    static <T> T orElse(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }

    /**
     * Pretrains GMF and MLP, transplants them into NeuMF and fine-tunes it (He et al., section 3.4.1).
     * GMF's embeddings take NeuMF's GMF size and MLP's take NeuMF's MLP size, so the shapes match.
     *
     * @param prepared the split and evaluators
     * @param m the hyperparameters of NeuMF
     * @param t the training settings of all three trainings
     * @param alpha the weight of GMF's output layer in NeuMF's
     * @param fineTuneOptimizer the optimizer of the fine-tuning
     * @param fineTuneLr the learning rate of the fine-tuning
     * @param io where to print
     * @param outputs saves the fine-tuned NeuMF if {@code --save} was given
     * @return the reports of GMF, MLP and the fine-tuned NeuMF, in that order
     */
    static List<RunReport> pretrained(Prepared prepared, ModelOptions m, TrainOptions t, float alpha,
            OptimizerKind fineTuneOptimizer, float fineTuneLr, Io io, Outputs outputs) {
        ProcessTuning.forTraining(t.threads);
        Interactions train = prepared.split().train();
        ModelOptions gmfOptions = m.copy();
        gmfOptions.embeddingDim = orElse(m.gmfDim, NeuMF.DEFAULT_GMF_DIM);
        ModelOptions mlpOptions = m.copy();
        mlpOptions.embeddingDim = orElse(m.mlpDim, NeuMF.DEFAULT_MLP_DIM);
        TrainOptions fineTune = t.copy();
        fineTune.optimizer = fineTuneOptimizer;
        fineTune.learningRate = fineTuneLr;
        try (NcfModel gmf = NcfModel.create(block(ModelKind.GMF, gmfOptions, train, t.seed), train);
                NcfModel mlp = NcfModel.create(block(ModelKind.MLP, mlpOptions, train, t.seed), train)) {
            RunReport gmfReport = fit(prepared, gmf, t, "GMF (pretraining)", io, Map.of());
            RunReport mlpReport = fit(prepared, mlp, t, "MLP (pretraining)", io, Map.of());
            try (NcfModel neumf = Pretraining.builder().alpha(alpha).build().transplant(gmf, mlp)) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("pretrained", true);
                extra.put("alpha", Double.parseDouble(Float.toString(alpha)));
                extra.put("pretrainEpochs", t.epochs);
                extra.put("pretrainOptimizer", t.optimizer.name().toLowerCase(java.util.Locale.ROOT));
                RunReport neumfReport = fit(prepared, neumf, fineTune, "NeuMF (pretrained)", io, extra);
                outputs.model(dir -> save(neumf, dir, prepared, neumfReport));
                return List.of(gmfReport, mlpReport, neumfReport);
            }
        }
    }
}
