package io.github.ncf.examples.cli;

import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.data.IdMapping;
import io.github.ncf.examples.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncf evaluate}: measures a model saved by {@code ncf train --save} on a data set's test split
 * under full and sampled ranking, with the report keys of {@code train}. The data set is split as the
 * model's training split it (data set, split order, seed and sampled candidates are read from the
 * model unless given), and the model's user and item ids must be the data's.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model saved by 'ncf train --save' on the test split of a data set under "
                + "full and sampled ranking; the data set, --split, --seed and --eval-negatives default to "
                + "the ones the model was trained with, so final.* matches what train reported.")
public final class EvaluateCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Folder of a saved model.")
    Path model;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the split and the sampled candidates (default: the model's, else 42).")
    long seed;

    @Option(names = "--eval-negatives", defaultValue = "99", paramLabel = "N",
            description = "Sampled protocol: non-interacted items ranked with the held-out one "
                    + "(default: the model's, else 99).")
    int evalNegatives;

    @Option(names = "--eval-threads", defaultValue = "1", paramLabel = "N",
            description = "Threads that evaluate at once (default 1).")
    int evalThreads;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "PyTorch intra-op threads (default 1).")
    int threads;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    EvaluateCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            if (!Files.isDirectory(model)) {
                throw new IllegalArgumentException("--model " + model + " is not a folder; save one with "
                        + "'ncf train --save DIR'");
            }
            TrainOptions.positive("--threads", threads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ProcessTuning.forTraining(threads);
        try (NcfModel saved = NcfModel.load(model)) {
            Outputs outputs = checkOptions(saved.provenance());
            TrainOptions.warnAboutThreads("--threads", threads, io);
            TrainOptions.warnAboutThreads("--eval-threads", evalThreads, io);
            Experiment.LoadedData loaded = Experiment.load(data, io);
            checkIds("user", saved.userIds(), loaded.interactions().userIds(), loaded);
            checkIds("item", saved.itemIds(), loaded.interactions().itemIds(), loaded);
            Experiment.Prepared prepared = Experiment.prepare(loaded,
                    TrainOptions.forEvaluation(seed, evalNegatives, evalThreads, threads), io);
            RunReport report = Experiment.savedModel(prepared, saved,
                    ModelKind.valueOf(saved.block().kind().toUpperCase(java.util.Locale.ROOT)).displayName()
                            + " (" + model + ")");
            io.out().println();
            ResultsTable.print(List.of(report), io.out());
            outputs.report(report);
            outputs.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model in " + model + ": " + e.getMessage(), e);
        }
        return 0;
    }

    /** Fills what the command line left out from the model's record of its training, then checks it all. */
    private Outputs checkOptions(Map<String, String> recorded) {
        try {
            data.defaultTo(recorded.get(Experiment.DATASET), recorded.get(Experiment.SPLIT));
            seed = recordedUnlessGiven("--seed", seed, recorded.get(Experiment.SEED));
            evalNegatives = (int) recordedUnlessGiven("--eval-negatives", evalNegatives,
                    recorded.get(Experiment.EVAL_NEGATIVES));
            data.validate();
            if (data.validation()) {
                throw new IllegalArgumentException("--validation does not apply to evaluate: the test split and "
                        + "its known interactions are the same with or without a validation hold-out");
            }
            TrainOptions.positive("--eval-negatives", evalNegatives);
            TrainOptions.positive("--eval-threads", evalThreads);
            return Outputs.checked(output, null, io);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private long recordedUnlessGiven(String option, long value, String recorded) {
        if (recorded == null || spec.commandLine().getParseResult().hasMatchedOption(option)) {
            return value;
        }
        try {
            return Long.parseLong(recorded);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--model " + model + " records " + option.substring(2) + "=\""
                    + recorded + "\", not a number; give " + option);
        }
    }

    /** A model scores by index, so data whose ids are numbered differently would be scored as other users. */
    private void checkIds(String what, IdMapping model, IdMapping data, Experiment.LoadedData loaded) {
        if (model.equals(data)) {
            return;
        }
        String where = "--model " + this.model + " does not match --dataset " + loaded.spec().label() + ": ";
        if (model.size() != data.size()) {
            throw new UsageException(where + "the model knows " + model.size() + " " + what + "s, the data have "
                    + data.size());
        }
        for (int i = 0; i < model.size(); i++) {
            if (!model.rawId(i).equals(data.rawId(i))) {
                throw new UsageException(where + what + " " + i + " is \"" + model.rawId(i) + "\" in the model and \""
                        + data.rawId(i) + "\" in the data");
            }
        }
    }
}
