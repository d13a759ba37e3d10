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

/** {@code ncf sweep-layers}: NeuMF (or MLP) trained with several MLP tower shapes. */
@Command(name = "sweep-layers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train NeuMF (or MLP) once per MLP tower (64-32, 128-64-32, 256-128-64-32, "
                + "512-256 by default) on the same split; print a table and chart HR@10, NDCG@10 "
                + "and seconds per epoch.")
public final class SweepLayersCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--values", split = ",", defaultValue = "64-32,128-64-32,256-128-64-32,512-256",
            paramLabel = "L-L,...", converter = LayerSizes.Converter.class,
            description = "Towers to try, comma-separated, each as sizes joined by '-' (default "
                    + "64-32,128-64-32,256-128-64-32,512-256).")
    List<LayerSizes> values;

    @Option(names = {"-m", "--model"}, defaultValue = "neumf", paramLabel = "MODEL",
            description = "neumf (default) or mlp.")
    ModelKind model;

    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions hyper;

    @Mixin
    TrainOptions train;

    @Mixin
    OutputOptions output;

    SweepLayersCommand(Io io) {
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
            if (hyper.layers != null) {
                throw new IllegalArgumentException("--layers does not apply to sweep-layers, which trains the "
                        + "towers of --values, got --layers " + hyper.layers);
            }
            if (model == ModelKind.GMF || model == ModelKind.MF) {
                throw new IllegalArgumentException("--model " + model.id() + " has no layers to sweep; use neumf or mlp");
            }
            outputs = Outputs.checked(output, null, io);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        train.warnAboutThreads(io);
        Experiment.Prepared prepared = Experiment.prepare(Experiment.load(data, io), train, io);
        List<RunReport> runs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (LayerSizes layers : values) {
            String label = layers.toString();
            labels.add(label);
            runs.add(Experiment.train(prepared, model, hyper.withLayers(layers), train,
                    model.displayName() + " layers=" + label, io, outputs));
        }
        io.out().println();
        ResultsTable.print(runs, io.out());
        MultiRunReport report = new MultiRunReport("sweep-layers", "layers", labels, runs);
        outputs.report(report);
        outputs.sweepCharts(report);
        outputs.finish();
        return 0;
    }
}
