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
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.ncf.core.Engines;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.model.DropoutMasks;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.data.SplitMix64;
import io.github.ncf.data.sampling.NegativeSamplingDataset;
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
 * PyTorch reference does: each step takes {@code batchPositives} positives with their negatives,
 * minimises sigmoid binary cross-entropy on the logits (mean over the step's rows) and applies
 * PyTorch's Adam (or SGD, Adagrad).
 *
 * <p>The trainer takes each epoch's rows as primitive arrays from an {@link EpochSource}, uploads
 * them once per epoch and slices a view per batch (no per-record batchifier). Every batch runs in its
 * own {@link NDManager} scope, so native memory stays flat over any number of epochs. Listeners hear
 * of every batch and epoch; {@link EarlyStopping} can stop training and restore the best weights.
 *
 * <pre>{@code
 * NcfTrainer trainer = NcfTrainer.builder()
 *         .epochs(10).learningRate(0.001f).optimizer(OptimizerKind.ADAM).seed(42)
 *         .listener(event -> System.out.println(event))
 *         .build();
 * TrainingResult result = trainer.fit(model, dataset);  // NcfModel, NegativeSamplingDataset
 * }</pre>
 *
 * <p>Instances are immutable; {@code fit} may be called for many models, one at a time per thread
 * (DJL's PyTorch gradient recording is one per process).
 */
public final class NcfTrainer {

    /** The default seed, used when none is given. */
    public static final long DEFAULT_SEED = 42L;

    /** The default of {@link Builder#rowsPerPass(int)}: 64 Ki rows, 32 MiB per 128-wide activation. */
    public static final int DEFAULT_ROWS_PER_PASS = 1 << 16;

    private final int epochs;
    private final float learningRate;
    private final OptimizerKind optimizer;
    private final long seed;
    private final Device device;
    private final int threads;
    private final List<TrainingListener> listeners;
    private final EarlyStopping earlyStopping;
    private final boolean lazyEmbeddingUpdates;
    private final boolean uploadEpochOnce;
    private final boolean profile;
    private final boolean javaDropoutMasks;
    private final boolean groupedForward;
    private final int rowsPerPass;

    private NcfTrainer(Builder b) {
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.optimizer = b.optimizer;
        this.seed = b.seed;
        this.device = b.device;
        this.threads = b.threads;
        this.listeners = List.copyOf(b.listeners);
        this.earlyStopping = b.earlyStopping;
        this.lazyEmbeddingUpdates = b.lazyEmbeddingUpdates;
        this.uploadEpochOnce = b.uploadEpochOnce;
        this.profile = b.profile;
        this.javaDropoutMasks = b.javaDropoutMasks;
        this.groupedForward = b.groupedForward;
        this.rowsPerPass = b.rowsPerPass;
    }

    /** @return a builder with the reference defaults: 10 epochs, Adam, learning rate 0.001 */
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
     * Trains an {@link NcfModel} on a negative-sampling dataset, the usual call: each epoch's rows
     * come from the dataset's sampler as primitive arrays, batches are the dataset's batch size in
     * positives, each with its negatives.
     *
     * <pre>{@code
     * NegativeSamplingDataset data = NegativeSamplingDataset.builder().train(split.train())
     *         .numNegatives(4).seed(42).setSampling(256, false).build();
     * TrainingResult result = NcfTrainer.builder().build().fit(model, data);
     * }</pre>
     *
     * @param model the model, created on this trainer's device
     * @param dataset the training samples
     * @return what the training did
     * @throws IllegalArgumentException if a row holds an index outside the model's users or items
     * @throws IllegalStateException if the model is on another device than the trainer
     */
    public TrainingResult fit(NcfModel model, NegativeSamplingDataset dataset) {
        return fit(model, EpochSource.of(dataset));
    }

    /**
     * Trains an {@link NcfModel} in place; the model is the scorer listeners receive.
     *
     * @param model the model, created on this trainer's device
     * @param source the epochs' rows and the batch size in positives
     * @return what the training did
     * @throws IllegalArgumentException if a row holds an index outside the model's users or items
     * @throws IllegalStateException if the model is on another device than the trainer
     */
    public TrainingResult fit(NcfModel model, EpochSource source) {
        Objects.requireNonNull(model, "model");
        return fit(model.djlModel(), source, model);
    }

    /**
     * Trains the model in place.
     *
     * @param model a DJL model whose block is an {@link NcfBlock}, created on this trainer's device;
     *     the block is initialised (with the trainer's seed) if it is not yet
     * @param source the epochs' rows and the batch size in positives
     * @return what the training did
     * @throws IllegalArgumentException if the model's block is not an NcfBlock, or a row holds an
     *     index outside the block's users or items
     * @throws IllegalStateException if the model is on another device than the trainer
     */
    public TrainingResult fit(Model model, EpochSource source) {
        return fit(model, source, null);
    }

    private TrainingResult fit(Model model, EpochSource source, Scorer modelScorer) {
        // torch's intra-op thread count is global: set for this fit, restored when it returns.
        return Engines.withIntraOpThreads(threads, () -> fitOnThreads(model, source, modelScorer));
    }

    private TrainingResult fitOnThreads(Model model, EpochSource source, Scorer modelScorer) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        Block b = model.getBlock();
        if (!(b instanceof NcfBlock block)) {
            throw new IllegalArgumentException("model block must be an NcfBlock, got "
                    + (b == null ? "none" : b.getClass().getName()));
        }
        Engine engine = Engines.start();
        NDManager manager = model.getNDManager();
        if (!manager.getDevice().equals(device)) {
            throw new IllegalStateException("model is on device " + manager.getDevice()
                    + " but the trainer's device is " + device);
        }
        // torch.manual_seed: drives initialisation (when done here) and the dropout masks.
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1), new Shape(1));
        }
        List<NDArray> weights = new ArrayList<>();
        List<TorchOptimizer.Rows> rows = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                NDArray w = p.getArray();
                weights.add(w);
                rows.add(rowsOf(p, w, block));
            }
        }
        if (earlyStopping != null) {
            earlyStopping.reset();
        }
        Scorer scorer = modelScorer != null ? modelScorer : new BlockScorer(block, manager);
        ParameterStore store = new ParameterStore(manager, false);
        List<Double> losses = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        NDManager snapshotManager = manager.newSubManager();
        List<NDArray> best = null;
        boolean stopped = false;
        int epochsRun = 0;
        long[] phases = new long[5];
        DropoutMasks previousMasks = block.dropoutMasks();
        DropoutMasks masks = javaDropoutMasks ? new DropoutMasks(SplitMix64.of(seed, 0x64726f70L)
                .nextLong()) : null;
        block.setDropoutMasks(masks);
        try (TorchOptimizer opt = new TorchOptimizer(optimizer, learningRate, lazyEmbeddingUpdates,
                weights, rows, manager, block.numUsers(), block.numItems())) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                TrainingEpoch data = source.sample(epoch - 1);
                check(data, block);
                phases[4] += System.nanoTime() - start;
                double meanLoss = trainEpoch(engine, block, store, manager, opt, data,
                        source.batchPositives(), epoch, start, phases);
                double secs = (System.nanoTime() - start) / 1e9;
                losses.add(meanLoss);
                seconds.add(secs);
                epochsRun = epoch;
                EpochEvent event = new EpochEvent(epoch, epochs, meanLoss, data.rows(), secs, scorer);
                for (TrainingListener l : listeners) {
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
            if (best != null && earlyStopping.bestEpoch() != epochsRun) {
                restore(weights, best);
            }
            snapshotManager.close();
            block.setDropoutMasks(previousMasks);
        }
        int bestEpoch = earlyStopping != null && earlyStopping.restoreBest() && best != null
                ? earlyStopping.bestEpoch() : epochsRun;
        Map<String, Double> phaseSeconds = new LinkedHashMap<>();
        phaseSeconds.put("sampling", phases[4] / 1e9);
        if (profile) {
            phaseSeconds.put("batchCreation", phases[0] / 1e9);
            phaseSeconds.put("forward", phases[1] / 1e9);
            phaseSeconds.put("backward", phases[2] / 1e9);
            phaseSeconds.put("optimizer", phases[3] / 1e9);
        }
        return new TrainingResult(epochsRun, losses, seconds, bestEpoch, stopped, phaseSeconds);
    }

    private double trainEpoch(Engine engine, NcfBlock block, ParameterStore store,
            NDManager manager, TorchOptimizer opt, TrainingEpoch data, int batchPositives, int epoch,
            long start, long[] phases) {
        int[] users = data.users();
        int[] items = data.items();
        float[] labels = data.labels();
        int groupSize = data.rowsPerPositive();
        int rowsPerBatch = batchPositives * groupSize;
        int n = data.rows();
        boolean grouped = groupedForward && groupSize > 1 && usersShareGroups(users, groupSize);
        int batches = (n + rowsPerBatch - 1) / rowsPerBatch;
        double lossSum = 0;
        try (NDManager epochScope = manager.newSubManager()) {
            NDArray allUsers = null;
            NDArray allItems = null;
            NDArray allLabels = null;
            if (uploadEpochOnce) {
                allUsers = epochScope.create(users);
                allItems = epochScope.create(items);
                allLabels = epochScope.create(labels);
            }
            for (int batch = 0; batch < batches; batch++) {
                int from = batch * rowsPerBatch;
                int to = Math.min(n, from + rowsPerBatch);
                int len = to - from;
                double batchLoss;
                long t0 = profile ? System.nanoTime() : 0;
                try (NDManager scope = manager.newSubManager()) {
                    // A batch wider than rowsPerPass runs as several forward/backward passes whose
                    // gradients add up (each pass's mean loss weighted by its share of the rows),
                    // then one optimizer step: the same gradient, in activations that fit in memory
                    // the allocator can reuse.
                    int passRows = Math.max(groupSize, rowsPerPass / groupSize * groupSize);
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
                            if (uploadEpochOnce) {
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
                            long tp1 = profile ? System.nanoTime() : 0;
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
                                tp2 = profile ? System.nanoTime() : 0;
                                collector.backward(loss);
                            }
                            batchLoss += loss.getFloat();
                            if (profile) {
                                long tp3 = System.nanoTime();
                                phases[1] += tp2 - tp1;
                                phases[2] += tp3 - tp2;
                            }
                        }
                    }
                    long t3 = profile ? System.nanoTime() : 0;
                    opt.step(scope, users, items, from, to);
                    if (profile) {
                        long t4 = System.nanoTime();
                        phases[0] += t1 - t0;
                        phases[3] += t4 - t3;
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
                    for (TrainingListener l : listeners) {
                        l.onBatchEnd(event);
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : lossSum / n;
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

    private static void check(TrainingEpoch data, NcfBlock block) {
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

    /** @return the learning rate */
    public float learningRate() {
        return learningRate;
    }

    /** @return the optimizer */
    public OptimizerKind optimizer() {
        return optimizer;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the device */
    public Device device() {
        return device;
    }

    /** @return the intra-op thread count */
    public int threads() {
        return threads;
    }

    @Override
    public String toString() {
        return "NcfTrainer{epochs=" + epochs + ", learningRate=" + learningRate + ", optimizer="
                + optimizer + ", seed=" + seed + ", device=" + device + ", threads=" + threads
                + ", lazyEmbeddingUpdates=" + lazyEmbeddingUpdates + ", uploadEpochOnce="
                + uploadEpochOnce + (earlyStopping == null ? "" : ", " + earlyStopping) + "}";
    }

    /** Builds {@link NcfTrainer}; each setter checks its argument, and the builder is reusable. */
    public static final class Builder {
        private int epochs = 10;
        private float learningRate = 0.001f;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private long seed = DEFAULT_SEED;
        private Device device = Device.cpu();
        private int threads = 1;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private EarlyStopping earlyStopping;
        private boolean lazyEmbeddingUpdates;
        private boolean uploadEpochOnce = true;
        private boolean profile;
        private boolean javaDropoutMasks = true;
        private boolean groupedForward = true;
        private int rowsPerPass = DEFAULT_ROWS_PER_PASS;

        private Builder() {
        }

        /**
         * Sets the number of epochs.
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
         * Sets the seed of the engine's random generator (initialisation, dropout).
         *
         * @param seed default {@link #DEFAULT_SEED}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the device; the model must have been created on it.
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
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets early stopping; it is called after the other listeners of each epoch.
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
         * Uploads each epoch's arrays to the device once and slices a view per batch, instead of
         * creating each batch's arrays from the Java arrays.
         *
         * @param once default true
         * @return this builder
         */
        public Builder uploadEpochOnce(boolean once) {
            this.uploadEpochOnce = once;
            return this;
        }

        /**
         * Draws dropout masks in Java into reused native buffers ({@link DropoutMasks}) instead of
         * with torch's dropout, whose per-element Bernoulli draw on the CPU is the slowest op of a
         * large-batch step. Same distribution, different random stream.
         *
         * @param javaMasks default true; false uses torch's dropout and its generator
         * @return this builder
         */
        public Builder javaDropoutMasks(boolean javaMasks) {
            this.javaDropoutMasks = javaMasks;
            return this;
        }

        /**
         * Computes each positive's user side once for the positive and its negatives ({@link
         * NcfBlock#groupedLogits}): the user embeddings are gathered once per positive and the first
         * MLP layer is split into a user half, once per positive, and an item half, once per row.
         * The same mathematics within float rounding. It applies to epochs whose rows are laid out
         * as {@link TrainingEpoch} documents, each positive's negatives sharing its user (checked
         * per epoch; epochs that do not are trained with the plain forward pass).
         *
         * @param grouped default true
         * @return this builder
         */
        public Builder groupedForward(boolean grouped) {
            this.groupedForward = grouped;
            return this;
        }

        /**
         * Sets the most rows one forward/backward pass takes. A batch with more rows (positives
         * times 1 + negatives) is split into passes of at most this many rows, rounded down to
         * whole positives with their negatives, whose gradients add up before one optimizer step:
         * the mathematics of the whole batch (each pass's mean loss is weighted by its share of the
         * rows), with activations a fraction of the size. Very large activations are slow on the
         * CPU: glibc gives each of them fresh pages, and at MovieLens-20M batch sizes (327,680 rows)
         * a step spent most of its time in page faults.
         *
         * @param rows default {@value #DEFAULT_ROWS_PER_PASS}; at least 1
         * @return this builder
         * @throws IllegalArgumentException if rows is less than 1
         */
        public Builder rowsPerPass(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rowsPerPass must be >= 1, got " + rows);
            }
            this.rowsPerPass = rows;
            return this;
        }

        /**
         * Times the phases of every step (batch creation, forward with loss, backward, optimizer)
         * into {@link TrainingResult#phaseSeconds()}. PyTorch on the CPU runs each op before
         * returning, so the split is exact there; the clock reads cost a little.
         *
         * @param profile default false
         * @return this builder
         */
        public Builder profile(boolean profile) {
            this.profile = profile;
            return this;
        }

        /** @return a trainer with this builder's settings */
        public NcfTrainer build() {
            return new NcfTrainer(this);
        }
    }
}
