package io.github.ncf.examples.cli;

import io.github.ncf.eval.baseline.ItemPopularity;
import io.github.ncf.examples.report.MultiRunReport;
import io.github.ncf.examples.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
        Experiment.Prepared prepared = Experiment.prepare(Experiment.load(data, io), train, io);
        List<RunReport> runs = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
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
}
