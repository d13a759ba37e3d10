package io.github.ncf.core.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.ncf.core.Engines;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.model.DropoutMasks;
import io.github.ncf.core.model.EmbeddingLookup;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.train.internal.EpochSource;
import io.github.ncf.core.train.internal.FusedTraining;
import io.github.ncf.core.train.internal.Tuning;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.SplitMix64;
import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.data.sampling.NegativeSampler;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains an NCF model (GMF, MLP or NeuMF) on implicit feedback with negative sampling, the way the
 * PyTorch reference does: each epoch draws {@code negatives} fresh negatives per training positive,
 * each step takes {@code batchSize} positives with their negatives, minimises sigmoid binary
 * cross-entropy on the logits (mean over the step's rows) and applies PyTorch's Adam (or SGD,
 * Adagrad).
 *
 * <p>One run seed drives every random stream of a fit: the initial weights (unless the model's
 * builder set its own seed), the negatives ({@link Builder#samplingSeed(long)} overrides) and the
 * dropout masks ({@link Builder#dropoutSeed(long)} overrides). Each stream is keyed by its purpose,
 * so sharing the number does not correlate them. Same seed, same model.
 *
 * <pre>{@code
 * NcfTrainer trainer = NcfTrainer.builder()
 *         .epochs(10).batchSize(256).negatives(4).seed(42)
 *         .build();
 * try (NcfModel model = trainer.fit(NeuMF.builder().build(), split.train())) {  // sizes from train
 *     ...
 * }
 * }</pre>
 *
 * <p>Each epoch's rows are drawn as primitive arrays by {@link NegativeSampler}, uploaded once and
 * sliced per batch (no per-record batchifier); every batch runs in its own {@link NDManager} scope,
 * so native memory stays flat over any number of epochs. Listeners hear of every batch and epoch;
 * {@link EarlyStopping} can stop training and restore the best weights. DJL's own {@code Trainer}
 * can train the same blocks through ncf-data's {@code NegativeSamplingDataset}, which is not needed
 * here.
 *
 * <p>Instances are immutable; {@code fit} may be called for many models, one at a time per thread
 * (DJL's PyTorch gradient recording is one per process).
 */
public final class NcfTrainer {

    private static final java.lang.management.ThreadMXBean THREAD_CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** The most rows of an epoch that is uploaded once (48 MiB of users, items and labels). */
    private static final int UPLOAD_MAX_ROWS = 1 << 22;

    /** The default batch size in positives, as in the reference lab. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    /** The default number of negatives per positive, as in He et al. and the reference lab. */
    public static final int DEFAULT_NEGATIVES = NegativeSampler.DEFAULT_NUM_NEGATIVES;

    private final int epochs;
    private final int batchSize;
    private final int negatives;
    private final float learningRate;
    private final float l2;
    private final OptimizerKind optimizer;
    private final long seed;
    private final long samplingSeed;
    private final long dropoutSeed;
    private final Device device;
    private final int threads;
    private final List<EpochListener> listeners;
    private final EarlyStopping earlyStopping;
    private final boolean lazyEmbeddingUpdates;
    private final boolean uploadEpochOnce;
    private final boolean profile;
    private final boolean javaDropoutMasks;
    private final boolean maskBeforeActivation;
    private final boolean groupedForward;
    private final int rowsPerPass;
    private final Tuning tuningForTables;
    private final TrainingKernels kernels;

    private NcfTrainer(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.negatives = b.negatives;
        this.learningRate = b.learningRate;
        this.l2 = b.l2;
        this.optimizer = b.optimizer;
        this.seed = b.seed;
        this.samplingSeed = b.samplingSeed != null ? b.samplingSeed : b.seed;
        this.dropoutSeed = b.dropoutSeed != null ? b.dropoutSeed : b.seed;
        this.device = b.device;
        this.threads = b.threads;
        this.listeners = List.copyOf(b.listeners);
        this.earlyStopping = b.earlyStopping;
        this.lazyEmbeddingUpdates = b.lazyEmbeddingUpdates;
        this.uploadEpochOnce = b.tuning.uploadEpochOnce();
        this.profile = b.tuning.profile();
        this.javaDropoutMasks = b.tuning.javaDropoutMasks();
        this.maskBeforeActivation = b.tuning.maskBeforeActivation();
        this.groupedForward = b.tuning.groupedForward();
        this.rowsPerPass = b.tuning.rowsPerPass();
        this.tuningForTables = b.tuning;
        this.kernels = b.kernels;
    }

    /**
     * Returns a builder with the reference defaults: 10 epochs, batches of 256 positives with 4
     * negatives each, Adam at learning rate 0.001, seed {@link Seeds#DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the first GPU when DJL's PyTorch engine sees one, otherwise the CPU.
     *
     * @return the device to train on by preference
     */
    public static Device preferredDevice() {
        return Engines.start().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /**
     * Creates a model of the given configuration sized from the training interactions and trains
     * it: {@link NcfModel#create} (with the block bound by {@link NcfBlock#bind}, initial values
     * from the run seed unless the block's builder set one) followed by {@link #fit(NcfModel,
     * Interactions)}. What training did (epochs run, best epoch) is also recorded in the model's
     * provenance as {@code epochsRun} and {@code bestEpoch}; use the two-step form for the full
     * {@link FitResult}.
     *
     * @param block the model configuration; sizes it was given must match the interactions'
     * @param train the training interactions
     * @return the trained model, on this trainer's device, to be closed by the caller
     * @throws IllegalArgumentException if a size given to the block differs from the data's
     */
    public NcfModel fit(NcfBlock block, Interactions train) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(train, "train");
        NcfModel model = NcfModel.create(block.bind(train.numUsers(), train.numItems(), seed),
                train, device);
        try {
            FitResult result = fit(model, train);
            model.putProvenance("epochsRun", Integer.toString(result.epochsRun()));
            model.putProvenance("bestEpoch", Integer.toString(result.bestEpoch()));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Trains a model in place on the training interactions, drawing {@link #negatives()} fresh
     * negatives per positive each epoch with {@link NegativeSampler} (seeded by the sampling seed,
     * keyed by epoch) and taking {@link #batchSize()} positives per step.
     *
     * @param model the model, created on this trainer's device from these interactions
     * @param train the training interactions, with the model's id mappings
     * @return what the training did
     * @throws IllegalArgumentException if the interactions' sizes differ from the model's, or a user
     *     has fewer candidate items than {@code negatives}
     * @throws IllegalStateException if the model is on another device than the trainer
     */
    public FitResult fit(NcfModel model, Interactions train) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
        if (train.numUsers() != model.numUsers() || train.numItems() != model.numItems()) {
            throw new IllegalArgumentException("train must have the model's " + model.numUsers()
                    + " users and " + model.numItems() + " items, got " + train.numUsers() + " and "
                    + train.numItems());
        }
        NegativeSampler sampler = NegativeSampler.builder().train(train).numNegatives(negatives)
                .seed(samplingSeed).threads(threads).build();
        return fit(model, EpochSource.of(sampler));
    }

    /**
     * Trains a model in place on rows from an internal {@link EpochSource} (tests and benchmarks
     * feeding hand-made rows; not API), with this trainer's batch size in positives.
     *
     * @param model the model, created on this trainer's device
     * @param source the epochs' rows
     * @return what the training did
     * @throws IllegalArgumentException if a row holds an index outside the model's users or items
     * @throws IllegalStateException if the model is on another device than the trainer
     */
    public FitResult fit(NcfModel model, EpochSource source) {
        Objects.requireNonNull(model, "model");
        return fit(model.djlModel(), source, model);
    }

    /**
     * Trains a plain DJL model in place on rows from an internal {@link EpochSource} (not API), with
     * this trainer's batch size in positives; listeners receive the block as a scorer.
     *
     * @param model a DJL model whose block is an {@link NcfBlock} with sizes, created on this
     *     trainer's device; the block is initialised from its own seed if it is not yet
     * @param source the epochs' rows
     * @return what the training did
     * @throws IllegalArgumentException if the model's block is not an NcfBlock, or a row holds an
     *     index outside the block's users or items
     * @throws IllegalStateException if the model is on another device than the trainer
     */
    public FitResult fit(Model model, EpochSource source) {
        return fit(model, source, null);
    }

    private FitResult fit(Model model, EpochSource source, Scorer modelScorer) {
        // torch's intra-op thread count is global: set for this fit, restored when it returns.
        return Engines.withIntraOpThreads(threads, () -> fitOnThreads(model, source, modelScorer));
    }

    private FitResult fitOnThreads(Model model, EpochSource source, Scorer modelScorer) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        if (!(model.getBlock() instanceof NcfBlock block)) {
            throw new IllegalArgumentException("model block must be an NcfBlock, got "
                    + (model.getBlock() == null ? "none" : model.getBlock().getClass().getName()));
        }
        Engine engine = Engines.start();
        NDManager manager = model.getNDManager();
        if (!manager.getDevice().equals(device)) {
            throw new IllegalStateException("model is on device " + manager.getDevice()
                    + " but the trainer's device is " + device);
        }
        // torch.manual_seed: drives torch's own dropout when the Java masks are off.
        engine.setRandomSeed((int) (dropoutSeed ^ (dropoutSeed >>> 32)));
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1), new Shape(1));
        }
        Scorer scorer = modelScorer != null ? modelScorer : new BlockScorer(block, manager);
        long maskSeed = SplitMix64.of(dropoutSeed, 0x64726f70L).nextLong();
        FusedTraining fused = kernels == TrainingKernels.JAVA
                ? FusedKernels.create(block, device, optimizer, learningRate, l2, lazyEmbeddingUpdates,
                        maskSeed, profile, threads)
                : null;
        EmbeddingTables tables = fused == null
                && tuningForTables.javaEmbeddingUpdates(embeddingParameters(block)) ? tablesOf(block) : null;
        // Every trainable array (early stopping's snapshots), and those TorchOptimizer updates: all
        // but the embedding tables when EmbeddingTables updates them.
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> denseWeights = new ArrayList<>();
        List<TorchOptimizer.Rows> rows = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                NDArray w = p.getArray();
                weights.add(w);
                if (tables == null || !tables.parameters().contains(p)) {
                    denseWeights.add(w);
                    rows.add(rowsOf(p, w, block));
                }
            }
        }
        if (earlyStopping != null) {
            earlyStopping.reset();
        }
        ParameterStore store = new ParameterStore(manager, false);
        List<Double> losses = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        NDManager snapshotManager = manager.newSubManager();
        List<NDArray> best = null;
        boolean stopped = false;
        int epochsRun = 0;
        long[] phases = new long[6];
        DropoutMasks previousMasks = block.dropoutMasks();
        EmbeddingLookup previousLookup = block.embeddingLookup();
        block.setEmbeddingLookup(tables);
        DropoutMasks masks = javaDropoutMasks && fused == null
                ? new DropoutMasks(maskSeed, maskBeforeActivation) : null;
        block.setDropoutMasks(masks);
        // The fused kernels update the weights themselves; null resources are not closed.
        try (TorchOptimizer opt = fused != null ? null : new TorchOptimizer(optimizer, learningRate, l2,
                lazyEmbeddingUpdates, denseWeights, rows, manager, block.numUsers(), block.numItems(),
                tables)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                EpochSamples data = source.sample(epoch - 1);
                check(data, block);
                phases[4] += System.nanoTime() - start;
                double meanLoss = trainEpoch(engine, block, store, manager, opt, tables, fused, data,
                        batchSize, epoch, start, phases);
                if (fused != null) {
                    FusedKernels.writeBack(block, fused);
                }
                double secs = (System.nanoTime() - start) / 1e9;
                losses.add(meanLoss);
                seconds.add(secs);
                epochsRun = epoch;
                EpochEvent event = new EpochEvent(epoch, epochs, meanLoss, data.rows(), secs, scorer);
                for (EpochListener l : listeners) {
                    l.onEpochEnd(event);
                }
                if (earlyStopping != null) {
                    earlyStopping.onEpochEnd(event);
                    if (earlyStopping.improved() && earlyStopping.restoreBest()) {
                        snapshotManager.close();
                        snapshotManager = manager.newSubManager();
                        best = new ArrayList<>();
                        for (NDArray w : weights) {
                            NDArray copy = w.duplicate();
                            copy.attach(snapshotManager);
                            best.add(copy);
                        }
                    }
                    if (earlyStopping.shouldStop() && epoch < epochs) {
                        stopped = true;
                        break;
                    }
                }
            }
        } finally {
            if (fused != null) {
                fused.close();
            }
            if (best != null && earlyStopping.bestEpoch() != epochsRun) {
                restore(weights, best);
            }
            snapshotManager.close();
            block.setDropoutMasks(previousMasks);
            block.setEmbeddingLookup(previousLookup);
        }
        int bestEpoch = earlyStopping != null && earlyStopping.restoreBest() && best != null
                ? earlyStopping.bestEpoch() : epochsRun;
        Map<String, Double> phaseSeconds = new LinkedHashMap<>();
        phaseSeconds.put("sampling", phases[4] / 1e9);
        if (profile && fused != null) {
            long[] f = fused.phaseNanos();
            phases[1] += f[0];
            phases[2] += f[1];
            phases[3] += f[2];
        }
        if (profile) {
            phaseSeconds.put("batchCreation", phases[0] / 1e9);
            phaseSeconds.put("forward", phases[1] / 1e9);
            phaseSeconds.put("backward", phases[2] / 1e9);
            phaseSeconds.put("embeddingGradients", phases[5] / 1e9);
            phaseSeconds.put("optimizer", phases[3] / 1e9);
        }
        return new FitResult(epochsRun, losses, seconds, bestEpoch, stopped, phaseSeconds);
    }

    private double trainEpoch(Engine engine, NcfBlock block, ParameterStore store,
            NDManager manager, TorchOptimizer opt, EmbeddingTables tables, FusedTraining fused,
            EpochSamples data, int batchPositives, int epoch, long start, long[] phases) {
        int[] users = data.users();
        int[] items = data.items();
        float[] labels = data.labels();
        int groupSize = data.rowsPerPositive();
        int rowsPerBatch = batchPositives * groupSize;
        int n = data.rows();
        boolean grouped = groupedForward && groupSize > 1 && usersShareGroups(users, groupSize);
        int batches = (n + rowsPerBatch - 1) / rowsPerBatch;
        double lossSum = 0;
        // A large epoch stays in Java only: its native copy would double the epoch's memory (1.2 GB
        // more at MovieLens-20M size), and a batch that large pays nothing for creating its arrays.
        boolean upload = fused == null && uploadEpochOnce && n <= UPLOAD_MAX_ROWS;
        int passRows = Math.max(groupSize, rowsPerPass / groupSize * groupSize);
        try (NDManager epochScope = manager.newSubManager()) {
            NDArray allUsers = null;
            NDArray allItems = null;
            NDArray allLabels = null;
            if (upload) {
                allUsers = epochScope.create(users);
                allItems = epochScope.create(items);
                allLabels = epochScope.create(labels);
            }
            for (int batch = 0; batch < batches; batch++) {
                int from = batch * rowsPerBatch;
                int to = Math.min(n, from + rowsPerBatch);
                int len = to - from;
                double batchLoss;
                long t0 = profile ? cpuNanos() : 0;
                if (fused != null) {
                    batchLoss = fused.trainBatch(users, items, labels, from, to, grouped ? groupSize : 1,
                            passRows);
                } else {
                    try (NDManager scope = manager.newSubManager()) {
                        // A batch wider than rowsPerPass runs as several forward/backward passes whose
                        // gradients add up (each pass's mean loss weighted by its share of the rows),
                        // then one optimizer step: the same gradient, in activations that fit in memory
                        // the allocator can reuse.
                        batchLoss = 0;
                        long t1 = t0;
                        for (int pf = from; pf < to; pf += passRows) {
                            int pt = Math.min(to, pf + passRows);
                            int plen = pt - pf;
                            try (NDManager pass = scope.newSubManager()) {
                                // Per row users for the plain forward; one user per group for the
                                // grouped one.
                                NDArray u;
                                NDArray i;
                                NDArray y;
                                if (upload) {
                                    NDIndex range = new NDIndex("{}:{}", pf, pt);
                                    u = allUsers.get(grouped
                                            ? new NDIndex("{}:{}:{}", pf, pt, groupSize) : range);
                                    i = allItems.get(range);
                                    y = allLabels.get(range);
                                } else {
                                    Shape shape = new Shape(plen);
                                    u = grouped ? pass.create(groupUsers(users, pf, pt, groupSize))
                                            : pass.create(IntBuffer.wrap(users, pf, plen), shape);
                                    i = pass.create(IntBuffer.wrap(items, pf, plen), shape);
                                    y = pass.create(FloatBuffer.wrap(labels, pf, plen), shape);
                                }
                                u.attach(pass);
                                i.attach(pass);
                                y.attach(pass);
                                long tp1 = profile ? cpuNanos() : 0;
                                if (pf == from) {
                                    t1 = tp1;
                                }
                                if (block.dropoutMasks() != null) {
                                    block.dropoutMasks().beginStep();
                                }
                                NDArray loss;
                                long tp2;
                                try (GradientCollector collector = engine.newGradientCollector()) {
                                    NDArray logits = grouped
                                            ? block.groupedLogits(store, u, i, groupSize, true)
                                            : block.forward(store, new NDList(u, i), true).singletonOrThrow();
                                    loss = sigmoidBinaryCrossEntropy(logits, y);
                                    if (plen != len) {
                                        loss = loss.mul((float) plen / len);
                                    }
                                    tp2 = profile ? cpuNanos() : 0;
                                    collector.backward(loss);
                                }
                                long tp3 = profile ? cpuNanos() : 0;
                                if (tables != null) {
                                    tables.collectGradients();
                                }
                                batchLoss += loss.getFloat();
                                if (profile) {
                                    long tp4 = cpuNanos();
                                    phases[1] += tp2 - tp1;
                                    phases[2] += tp3 - tp2;
                                    phases[5] += tp4 - tp3;
                                }
                            }
                        }
                        long t3 = profile ? cpuNanos() : 0;
                        opt.step(scope, users, items, from, to);
                        if (profile) {
                            long t4 = cpuNanos();
                            phases[0] += t1 - t0;
                            phases[3] += t4 - t3;
                        }
                    }
                }
                if (Double.isNaN(batchLoss)) {
                    throw new IllegalStateException("loss is NaN at epoch " + epoch + ", batch "
                            + (batch + 1) + " (learning rate " + learningRate + ")");
                }
                lossSum += batchLoss * len;
                if (!listeners.isEmpty()) {
                    BatchEvent event = new BatchEvent(epoch, batch + 1, batches, to, batchLoss,
                            (System.nanoTime() - start) / 1e9);
                    for (EpochListener l : listeners) {
                        l.onBatchEnd(event);
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : lossSum / n;
    }

    /**
     * The CPU time of the calling thread, which runs every op of a fit with one intra-op thread: the
     * profile's clock, which other processes on the machine do not inflate.
     */
    private static long cpuNanos() {
        return THREAD_CPU.getCurrentThreadCpuTime();
    }

    /**
     * Sigmoid binary cross-entropy on logits, averaged over the rows, in the numerically stable form
     * {@code mean(softplus(x) - x * y)}, where {@code softplus(x) = log(1 + exp(x))} is evaluated by
     * torch without overflow; equals {@code torch.nn.functional.binary_cross_entropy_with_logits}.
     *
     * @param logits the logits, shape (B)
     * @param labels the 0/1 labels, shape (B)
     * @return the scalar mean loss
     */
    static NDArray sigmoidBinaryCrossEntropy(NDArray logits, NDArray labels) {
        return Activation.softPlus(logits).sub(logits.mul(labels)).mean();
    }

    /** Whether every group of {@code groupSize} consecutive rows has one user. */
    static boolean usersShareGroups(int[] users, int groupSize) {
        for (int from = 0; from < users.length; from += groupSize) {
            int u = users[from];
            for (int k = from + 1; k < from + groupSize; k++) {
                if (users[k] != u) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int[] groupUsers(int[] users, int from, int to, int groupSize) {
        int[] g = new int[(to - from) / groupSize];
        for (int k = 0; k < g.length; k++) {
            g[k] = users[from + k * groupSize];
        }
        return g;
    }

    private static void restore(List<NDArray> weights, List<NDArray> best) {
        boolean gradMode = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            for (int k = 0; k < weights.size(); k++) {
                weights.get(k).set(new NDIndex(":"), best.get(k));
            }
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(gradMode);
        }
    }

    /** The block's 2-dimensional embedding tables that train, for {@link EmbeddingTables}. */
    private static long embeddingParameters(NcfBlock block) {
        long n = 0;
        for (Parameter p : block.embeddingParameters()) {
            if (p.requiresGradient()) {
                n += p.getArray().size();
            }
        }
        return n;
    }

    private EmbeddingTables tablesOf(NcfBlock block) {
        List<Parameter> tableParams = new ArrayList<>();
        for (Parameter p : block.embeddingParameters()) {
            if (p.requiresGradient() && p.getArray().getShape().dimension() == 2) {
                tableParams.add(p);
            }
        }
        return new EmbeddingTables(tableParams, optimizer, lazyEmbeddingUpdates);
    }

    private static TorchOptimizer.Rows rowsOf(Parameter p, NDArray w, NcfBlock block) {
        if (!block.embeddingParameters().contains(p) || w.getShape().dimension() != 2) {
            return TorchOptimizer.Rows.DENSE;
        }
        long r = w.getShape().get(0);
        String name = p.getName() == null ? "" : p.getName().toLowerCase(Locale.ROOT);
        boolean users = r == block.numUsers();
        boolean items = r == block.numItems();
        if (users && items) {
            // Square tables are told apart by name; a table of neither kind gets both index streams.
            return name.contains("user") ? TorchOptimizer.Rows.USERS
                    : name.contains("item") ? TorchOptimizer.Rows.ITEMS : TorchOptimizer.Rows.BOTH;
        }
        return users ? TorchOptimizer.Rows.USERS : items ? TorchOptimizer.Rows.ITEMS
                : TorchOptimizer.Rows.BOTH;
    }

    private static void check(EpochSamples data, NcfBlock block) {
        int nu = block.numUsers();
        int ni = block.numItems();
        int[] u = data.users();
        int[] it = data.items();
        for (int k = 0; k < u.length; k++) {
            if (u[k] < 0 || u[k] >= nu) {
                throw new IllegalArgumentException("row " + k + ": user index " + u[k]
                        + " is outside [0, " + nu + ")");
            }
            if (it[k] < 0 || it[k] >= ni) {
                throw new IllegalArgumentException("row " + k + ": item index " + it[k]
                        + " is outside [0, " + ni + ")");
            }
        }
    }

    /** @return the number of epochs */
    public int epochs() {
        return epochs;
    }

    /** @return positives per training step, each with its negatives */
    public int batchSize() {
        return batchSize;
    }

    /** @return negatives drawn per positive each epoch */
    public int negatives() {
        return negatives;
    }

    /** @return the learning rate */
    public float learningRate() {
        return learningRate;
    }

    /** @return the L2 weight decay added to every gradient as {@code l2 * w} (0: none) */
    public float l2() {
        return l2;
    }

    /** @return the optimizer */
    public OptimizerKind optimizer() {
        return optimizer;
    }

    /** @return the run seed */
    public long seed() {
        return seed;
    }

    /** @return the seed of the negatives: the run seed unless overridden */
    public long samplingSeed() {
        return samplingSeed;
    }

    /** @return the seed of the dropout masks: the run seed unless overridden */
    public long dropoutSeed() {
        return dropoutSeed;
    }

    /** @return the device */
    public Device device() {
        return device;
    }

    /** @return the intra-op thread count */
    public int threads() {
        return threads;
    }

    /** @return which code runs a training step */
    public TrainingKernels kernels() {
        return kernels;
    }

    /** @return whether embedding tables get lazy, row-sparse updates */
    public boolean lazyEmbeddingUpdates() {
        return lazyEmbeddingUpdates;
    }

    @Override
    public String toString() {
        return "NcfTrainer{epochs=" + epochs + ", batchSize=" + batchSize + ", negatives=" + negatives
                 + ", learningRate=" + learningRate + (l2 > 0 ? ", l2=" + l2 : "") + ", optimizer=" + optimizer + ", seed=" + seed
                + (samplingSeed != seed ? ", samplingSeed=" + samplingSeed : "")
                + (dropoutSeed != seed ? ", dropoutSeed=" + dropoutSeed : "")
                + ", device=" + device + ", threads=" + threads
                + ", lazyEmbeddingUpdates=" + lazyEmbeddingUpdates
                + (kernels != TrainingKernels.TORCH ? ", kernels=" + kernels : "")
                + (earlyStopping == null ? "" : ", " + earlyStopping) + "}";
    }

    /** Builds {@link NcfTrainer}; each setter checks its argument, and the builder is reusable. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int negatives = DEFAULT_NEGATIVES;
        private float learningRate = 0.001f;
        private float l2;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private long seed = Seeds.DEFAULT;
        private Long samplingSeed;
        private Long dropoutSeed;
        private Device device = Device.cpu();
        private int threads = 1;
        private final List<EpochListener> listeners = new ArrayList<>();
        private EarlyStopping earlyStopping;
        private boolean lazyEmbeddingUpdates;
        private Tuning tuning = Tuning.DEFAULT;
        private TrainingKernels kernels = TrainingKernels.TORCH;

        private Builder() {
        }

        /**
         * Sets the number of epochs (the most, when early stopping is set).
         *
         * @param epochs at least 1; default 10
         * @return this builder
         * @throws IllegalArgumentException if epochs is less than 1
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the batch size in positives: each step trains on this many positives, each with its
         * negatives (256 positives with 4 negatives are 1,280 rows).
         *
         * @param batchSize at least 1; default {@value NcfTrainer#DEFAULT_BATCH_SIZE}
         * @return this builder
         * @throws IllegalArgumentException if batchSize is less than 1
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets how many negatives are drawn per positive each epoch, distinct, uniformly from the
         * items the user has no training interaction with.
         *
         * @param negatives at least 1; default {@value NcfTrainer#DEFAULT_NEGATIVES}
         * @return this builder
         * @throws IllegalArgumentException if negatives is less than 1
         */
        public Builder negatives(int negatives) {
            if (negatives < 1) {
                throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
            }
            this.negatives = negatives;
            return this;
        }

        /**
         * Sets the learning rate.
         *
         * @param learningRate finite and > 0; default 0.001
         * @return this builder
         * @throws IllegalArgumentException if learningRate is not finite and positive
         */
        public Builder learningRate(float learningRate) {
            if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got "
                        + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the L2 regularisation as PyTorch's optimizers apply their {@code weight_decay}: each
         * step adds {@code l2 * w} to the gradient of every trainable array before the update rule
         * (Adam, SGD or Adagrad) sees it, which is the gradient of {@code l2/2 * ||w||^2} summed over
         * all parameters. Embedding tables decay in every row each step, as torch's dense Adam does;
         * with {@link #lazyEmbeddingUpdates(boolean)} only the rows a batch touched decay. The default
         * 0 leaves the update exactly as without it.
         *
         * @param l2 finite and >= 0; default 0
         * @return this builder
         * @throws IllegalArgumentException if l2 is negative or not finite
         */
        public Builder l2(float l2) {
            if (!(l2 >= 0) || Float.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
            }
            this.l2 = l2;
            return this;
        }

        /**
         * Sets the optimizer.
         *
         * @param optimizer default {@link OptimizerKind#ADAM}
         * @return this builder
         */
        public Builder optimizer(OptimizerKind optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets the run seed, from which every random stream of a fit derives unless overridden: the
         * initial weights of a block whose builder set no seed, the negatives and the dropout masks.
         *
         * @param seed default {@link Seeds#DEFAULT}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Overrides the seed of the negatives (by default the run seed), e.g. to vary the samples
         * while keeping the initial weights.
         *
         * @param seed the seed of the negative sampler
         * @return this builder
         */
        public Builder samplingSeed(long seed) {
            this.samplingSeed = seed;
            return this;
        }

        /**
         * Overrides the seed of the dropout masks (by default the run seed).
         *
         * @param seed the seed of the dropout masks
         * @return this builder
         */
        public Builder dropoutSeed(long seed) {
            this.dropoutSeed = seed;
            return this;
        }

        /**
         * Sets the device; a model given to {@code fit} must have been created on it.
         *
         * @param device default CPU; see {@link NcfTrainer#preferredDevice()}
         * @return this builder
         * @throws IllegalArgumentException if the device is a GPU the engine does not see
         */
        public Builder device(Device device) {
            Objects.requireNonNull(device, "device");
            if (device.isGpu() && device.getDeviceId() >= Engines.start().getGpuCount()) {
                throw new IllegalArgumentException("device must be the CPU or a visible GPU, got "
                        + device + " with " + Engines.start().getGpuCount() + " GPU(s) visible");
            }
            this.device = device;
            return this;
        }

        /**
         * Sets the number of PyTorch intra-op threads {@code fit} runs with. On a machine shared
         * with other work one thread is often much faster than two. torch's count is global to the
         * process, so {@code fit} sets it when it starts and restores the previous count when it
         * returns (or throws): while a fit runs, every use of torch in the process has this count.
         *
         * @param threads at least 1; default 1
         * @return this builder
         * @throws IllegalArgumentException if threads is less than 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Adds a listener, called after every batch and epoch in the order added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(EpochListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets early stopping; it is called after the other listeners of each epoch. Its metric must
         * read validation data, never the test split (ncf-eval's {@code
         * RankingEvaluation.earlyStopping(split)} makes one that does).
         *
         * @param earlyStopping the early stopping, or null for none (the default)
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * Updates embedding tables only in the rows each batch touches (lazy, row-sparse updates as
         * TensorFlow's LazyAdam and torch's SparseAdam). Faster, but not the reference's
         * mathematics: rows a batch does not touch keep their moments and weights.
         *
         * @param lazy default false
         * @return this builder
         */
        public Builder lazyEmbeddingUpdates(boolean lazy) {
            this.lazyEmbeddingUpdates = lazy;
            return this;
        }

        /**
         * Sets the implementation switches the benchmarks measure. Not API: see {@link Tuning}.
         *
         * @param tuning default {@link Tuning#DEFAULT}
         * @return this builder
         */
        public Builder tuning(Tuning tuning) {
            this.tuning = Objects.requireNonNull(tuning, "tuning");
            return this;
        }

        /**
         * Sets which code runs a training step: torch's operators (the default) or the fused Java
         * step ({@link TrainingKernels#JAVA}: GMF, MLP and NeuMF on the CPU, in a JVM with {@code
         * --add-modules jdk.incubator.vector}; the same mathematics with the sums in another order).
         *
         * @param kernels default {@link TrainingKernels#TORCH}
         * @return this builder
         */
        public Builder kernels(TrainingKernels kernels) {
            this.kernels = Objects.requireNonNull(kernels, "kernels");
            return this;
        }

        /** @return a trainer with this builder's settings */
        public NcfTrainer build() {
            return new NcfTrainer(this);
        }
    }
}
