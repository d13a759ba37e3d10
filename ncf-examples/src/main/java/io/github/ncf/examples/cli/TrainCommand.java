package io.github.ncf.examples.cli;

import io.github.ncf.examples.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncf train}: trains one model, shows a progress bar, evaluates it under full and sampled
 * ranking and prints a results table; optionally writes the JSON report, charts and the saved model.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one model (NeuMF by default) on a data set (ML-100k by default), then "
                + "print full-ranking and sampled HR@10 and NDCG@10, seconds per epoch and "
                + "evaluation seconds.")
public final class TrainCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--model"}, defaultValue = "neumf", paramLabel = "MODEL",
            description = "neumf (default), gmf, mlp or mf.")
    ModelKind model;

    @Option(names = "--pretrain", defaultValue = "false",
            description = "NeuMF only: train GMF and MLP first and start NeuMF from their weights.")
    boolean pretrain;

    @Option(names = "--alpha", defaultValue = "0.5", paramLabel = "A",
            description = "With --pretrain: weight of GMF's output layer in NeuMF's (default 0.5).")
    float alpha;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Save the trained model (with its id mappings and item titles) into DIR.")
    Path save;

    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions hyper;

    @Mixin
    TrainOptions train;

    @Mixin
    OutputOptions output;

    TrainCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Outputs outputs;
        try {
            data.validate();
            hyper.validate();
            hyper.checkAppliesTo(model);
            train.checkKernelsFor(model);
            train.validate(data);
            if (pretrain && model != ModelKind.NEUMF) {
                throw new IllegalArgumentException("--pretrain needs --model neumf, got --model " + model.id());
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
            }
            outputs = Outputs.checked(output, save, io);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        train.warnAboutThreads(io);
        Experiment.LoadedData loaded = Experiment.load(data, io);
        Experiment.Prepared prepared = Experiment.prepare(loaded, train, io);
        RunReport report;
        if (pretrain) {
            List<RunReport> runs = Experiment.pretrained(prepared, hyper, train, alpha, train.optimizer,
                    train.learningRate, io, outputs);
            report = runs.get(runs.size() - 1);
        } else {
            report = Experiment.train(prepared, model, hyper, train, model.displayName(), io, outputs);
        }
        io.out().println();
        ResultsTable.print(List.of(report), io.out());
        outputs.report(report);
        outputs.trainingCharts(List.of(report));
        outputs.finish();
        return 0;
    }
}
