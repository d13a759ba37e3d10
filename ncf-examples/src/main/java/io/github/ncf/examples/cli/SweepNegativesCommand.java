package io.github.ncf.examples.cli;

import io.github.ncf.examples.report.MultiRunReport;
import io.github.ncf.examples.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncf sweep-negatives}: one model trained with several negatives-per-positive ratios. */
@Command(name = "sweep-negatives", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one model once per number of negatives per positive (1, 4, 8, 16 by "
                + "default) on the same split; print a table and chart HR@10, NDCG@10 and seconds "
                + "per epoch.")
public final class SweepNegativesCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--values", split = ",", defaultValue = "1,4,8,16", paramLabel = "N,N,...",
            description = "Negatives per positive to try (default 1,4,8,16).")
    List<Integer> values;

    @Option(names = {"-m", "--model"}, defaultValue = "neumf", paramLabel = "MODEL",
            description = "neumf (default), gmf, mlp or mf.")
    ModelKind model;

    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions hyper;

    @Mixin
    TrainOptions train;

    @Mixin
    OutputOptions output;

    SweepNegativesCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Outputs outputs;
        try {
            data.validate();
            hyper.validate();
            hyper.checkAppliesTo(model);
            train.validate(data);
            if (spec.commandLine().getParseResult().hasMatchedOption("--negatives")) {
                throw new IllegalArgumentException("--negatives does not apply to sweep-negatives, which trains "
                        + "with each of --values, got --negatives " + train.negatives);
            }
            for (int v : values) {
                TrainOptions.positive("--values", v);
            }
            outputs = Outputs.checked(output, null, io);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        train.warnAboutThreads(io);
        Experiment.Prepared prepared = Experiment.prepare(Experiment.load(data, io), train, io);
        List<RunReport> runs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int n : values) {
            TrainOptions t = train.copy();
            t.negatives = n;
            labels.add(Integer.toString(n));
            runs.add(Experiment.train(prepared, model, hyper, t, model.displayName() + " negatives=" + n, io,
                    outputs));
        }
        io.out().println();
        ResultsTable.print(runs, io.out());
        MultiRunReport report = new MultiRunReport("sweep-negatives", "negatives", labels, runs);
        outputs.report(report);
        outputs.sweepCharts(report);
        outputs.finish();
        return 0;
    }
}
