package io.github.ncf.examples.cli;

import io.github.ncf.core.train.OptimizerKind;
import io.github.ncf.core.train.TrainingKernels;
import picocli.CommandLine.Option;

/** The training and evaluation settings shared by the training commands; defaults are the reference's. */
public final class TrainOptions {

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the split, initialisation, negatives and sampled candidates (default 42).")
    long seed;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Training epochs (default 10).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
            description = "Positives per training step, each with its negatives (default 256 = 1,280 rows).")
    int batchSize;

    @Option(names = "--negatives", defaultValue = "4", paramLabel = "N",
            description = "Negatives drawn afresh per positive each epoch (default 4).")
    int negatives;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "RATE", description = "Learning rate (default 0.001).")
    float learningRate;

    @Option(names = "--l2", defaultValue = "0", paramLabel = "W",
            description = "L2 weight decay, added to every gradient as PyTorch's weight_decay (default 0).")
    double l2;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
            description = "adam (default), sgd or adagrad.")
    OptimizerKind optimizer;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "PyTorch intra-op threads (default 1; on a busy machine 1 is often fastest). Runs are "
                    + "repeatable for one count, but 2 threads sum in another order than 1, so figures differ "
                    + "slightly; more than the processors warns.")
    int threads;

    @Option(names = "--eval-threads", defaultValue = "1", paramLabel = "N",
            description = "Threads that evaluate at once, each calling the model with the intra-op threads of"
                    + " --threads (default 1; 2 on an otherwise idle 2-core machine about halves full ranking).")
    int evalThreads;

    @Option(names = "--eval-every", defaultValue = "1", paramLabel = "N",
            description = "Evaluate both protocols every N epochs (default 1); 0 = only after the last epoch.")
    int evalEvery;

    @Option(names = "--eval-negatives", defaultValue = "99", paramLabel = "N",
            description = "Sampled protocol: non-interacted items ranked with the held-out one (default 99).")
    int evalNegatives;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "With --validation: stop after PATIENCE epochs without a better validation full-ranking"
                    + " HR@10 and keep the best epoch's weights (default: train every epoch, keep the last).")
    Integer earlyStopping;

    @Option(names = "--lazy-adam", defaultValue = "false",
            description = "Update only the embedding rows a batch touches (faster; changes the maths slightly).")
    boolean lazyAdam;

    @Option(names = "--kernels", defaultValue = "torch", paramLabel = "NAME",
            description = "What runs a training step: torch (default; torch's operators through DJL) or java"
                    + " (the whole step fused in Java with the Vector API: GMF, MLP and NeuMF on the CPU, on"
                    + " --threads threads; the same maths with the sums in another order, about 2-2.5 times"
                    + " faster).")
    TrainingKernels kernels = TrainingKernels.TORCH;

    /**
     * Whether the fused Java step trains a model kind.
     *
     * @param kind the block's kind ({@code gmf}, {@code mlp}, {@code neumf}, {@code mf})
     * @return true for the NCF models
     */
    static boolean javaKernelsTrain(String kind) {
        return kind.equals("gmf") || kind.equals("mlp") || kind.equals("neumf");
    }

    /**
     * Checks that {@code --kernels} applies to the one model a command trains.
     *
     * @param kind the model
     * @throws IllegalArgumentException naming the option when the Java step does not train the model
     */
    void checkKernelsFor(ModelKind kind) {
        if (kernels == TrainingKernels.JAVA && !javaKernelsTrain(kind.id())) {
            throw new IllegalArgumentException("--kernels java does not apply to --model " + kind.id()
                    + ": the Java step trains gmf, mlp and neumf; use --kernels torch");
        }
    }

    /** Creates the options; picocli fills them. */
    public TrainOptions() {
    }

    /**
     * Returns the settings that evaluating a saved model reads; training settings keep their defaults.
     *
     * @param seed the seed of the split and the sampled candidates
     * @param evalNegatives sampled candidates per user besides the held-out item
     * @param evalThreads threads that evaluate at once
     * @param threads PyTorch intra-op threads
     * @return the settings
     */
    static TrainOptions forEvaluation(long seed, int evalNegatives, int evalThreads, int threads) {
        TrainOptions t = new TrainOptions();
        t.seed = seed;
        t.evalNegatives = evalNegatives;
        t.evalThreads = evalThreads;
        t.threads = threads;
        t.epochs = 1;
        t.batchSize = 1;
        t.negatives = 1;
        t.learningRate = 1;
        return t;
    }

    TrainOptions copy() {
        TrainOptions c = new TrainOptions();
        c.seed = seed;
        c.epochs = epochs;
        c.batchSize = batchSize;
        c.negatives = negatives;
        c.learningRate = learningRate;
        c.l2 = l2;
        c.optimizer = optimizer;
        c.threads = threads;
        c.evalThreads = evalThreads;
        c.evalEvery = evalEvery;
        c.evalNegatives = evalNegatives;
        c.lazyAdam = lazyAdam;
        c.kernels = kernels;
        c.earlyStopping = earlyStopping;
        return c;
    }

    /**
     * Checks the values and those that need the data options, as usage errors naming the option.
     *
     * @param data the data options, for {@code --validation}
     * @throws IllegalArgumentException on the first bad value
     */
    void validate(DataOptions data) {
        validate();
        if (earlyStopping != null && !data.validation()) {
            throw new IllegalArgumentException("--early-stopping " + earlyStopping + " selects the epoch on the "
                    + "validation split; add --validation");
        }
    }

    /**
     * Checks the values, as usage errors naming the option and value.
     *
     * @throws IllegalArgumentException on the first bad value
     */
    void validate() {
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("--l2 must be finite and >= 0, got " + l2);
        }
        positive("--negatives", negatives);
        positive("--threads", threads);
        positive("--eval-negatives", evalNegatives);
        positive("--eval-threads", evalThreads);
        if (earlyStopping != null) {
            positive("--early-stopping", earlyStopping);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every must be >= 0, got " + evalEvery);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
        }
    }

    /**
     * Warns, once each, of thread counts above the processor count, which run but compete for cores.
     *
     * @param io where to print the warning
     */
    void warnAboutThreads(Io io) {
        warnAboutThreads("--threads", threads, io);
        warnAboutThreads("--eval-threads", evalThreads, io);
    }

    static void warnAboutThreads(String option, int value, Io io) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (value > processors) {
            io.err().println("warning: " + option + " " + value + " is more than the " + processors
                    + " processors of this machine; the threads will compete for cores and run slower "
                    + "(use " + option + " " + processors + " or less)");
        }
    }

    static void positive(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
    }
}
