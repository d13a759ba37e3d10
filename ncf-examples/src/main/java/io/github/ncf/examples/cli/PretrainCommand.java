package io.github.ncf.examples.cli;

import io.github.ncf.core.train.OptimizerKind;
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

/**
 * {@code ncf pretrain}: the paper's pretraining. Trains GMF and MLP, transplants their weights into
 * NeuMF, fine-tunes it, and compares it with NeuMF trained from scratch on the same split.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train GMF and MLP, transplant them into NeuMF, fine-tune it, and compare with "
                + "NeuMF from scratch on the same split and sampled candidates.")
public final class PretrainCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--alpha", defaultValue = "0.5", paramLabel = "A",
            description = "Weight of GMF's output layer in NeuMF's (default 0.5).")
    float alpha;

    @Option(names = "--finetune-optimizer", defaultValue = "adam", paramLabel = "NAME",
            description = "Optimizer of the fine-tuning: adam (default) or sgd (as the paper), adagrad.")
    OptimizerKind fineTuneOptimizer;

    @Option(names = "--finetune-lr", paramLabel = "RATE",
            description = "Learning rate of the fine-tuning (default: --lr).")
    Float fineTuneLr;

    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions hyper;

    @Mixin
    TrainOptions train;

    @Mixin
    OutputOptions output;

    PretrainCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        float lr = fineTuneLr == null ? train.learningRate : fineTuneLr;
        Outputs outputs;
        try {
            data.validate();
            hyper.validate();
            hyper.checkAppliesTo(ModelKind.NEUMF);
            train.validate(data);
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
            }
            if (!(lr > 0) || Float.isInfinite(lr)) {
                throw new IllegalArgumentException("--finetune-lr must be > 0, got " + lr);
            }
            outputs = Outputs.checked(output, null, io);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        train.warnAboutThreads(io);
        Experiment.Prepared prepared = Experiment.prepare(Experiment.load(data, io), train, io);
        List<RunReport> runs = new ArrayList<>(
                Experiment.pretrained(prepared, hyper, train, alpha, fineTuneOptimizer, lr, io, outputs));
        runs.add(Experiment.train(prepared, ModelKind.NEUMF, hyper, train, "NeuMF (scratch)", io, outputs));
        io.out().println();
        ResultsTable.print(runs, io.out());
        MultiRunReport report = new MultiRunReport("pretrain", null, null, runs);
        outputs.report(report);
        outputs.comparisonChart("NeuMF pretrained vs from scratch (" + prepared.info().name() + ")",
                "pretrain.png", runs);
        outputs.trainingCharts(runs);
        outputs.finish();
        return 0;
    }
}
