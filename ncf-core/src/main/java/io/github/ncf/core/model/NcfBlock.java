package io.github.ncf.core.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.ncf.data.SplitMix64;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The common base of the three NCF models, {@link GMF}, {@link MLP} and {@link NeuMF}.
 *
 * <p>Contract of {@code forward}: the input {@code NDList} holds two int32 arrays of shape {@code
 * (B)}, user indices then item indices; the output {@code NDList} holds one float32 array of shape
 * {@code (B)} with one logit per pair (apply {@link #probabilities(NDArray)} for a probability).
 * Blocks are built with fluent builders and know their own sizes and hyperparameters, which
 * persistence records.
 *
 * <p>All parameters are direct parameters of the block with fixed shapes known at build time and
 * stable names (see each model's class comment), so that a trainer can find them by name: {@link
 * #embeddingParameters()} lists the embedding tables (whose gradient touches only the rows of a
 * batch). Initial values are drawn in Java from the builder's seed: embeddings N(0, 0.01^2), linear
 * weights Xavier-uniform with torch's bound {@code sqrt(6 / (fan_in + fan_out))}, biases
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as torch's {@code nn.Linear}.
 *
 * <p>Ids are embedded with torch's embedding op ({@link Embedding#embedding}), which is about 20
 * times faster per training step than DJL's {@code IdEmbedding}.
 *
 * <p>The saved metadata carries {@link #FORMAT_VERSION}, the model kind and the hyperparameters;
 * loading checks all three and fails with a {@link MalformedModelException} that says what differs.
 */
public abstract class NcfBlock extends AbstractBlock {

    /** The metadata format version written by this version of {@code ncf}. */
    public static final byte FORMAT_VERSION = 1;

    /** The standard deviation of the embeddings' initial values. */
    public static final double EMBEDDING_STD = 0.01;

    /** Keys the mask stream of DJL's training path apart from the block's other seeded streams. */
    private static final long TRAINER_MASK_STREAM = 0x646a6c5f74726eL;

    private final List<Parameter> embeddingParameters = new ArrayList<>();
    private DropoutMasks dropoutMasks;
    private DropoutMasks trainerMasks;
    private EmbeddingLookup embeddingLookup;
    private boolean seedSet;

    /**
     * Creates a block whose saved metadata carries the given format version.
     *
     * @param version the metadata format version
     */
    protected NcfBlock(byte version) {
        super(version);
        inputNames = List.of("users", "items");
    }

    /** @return the number of users the block has embeddings for, 0 while not yet bound */
    public abstract int numUsers();

    /** @return the number of items the block has embeddings for, 0 while not yet bound */
    public abstract int numItems();

    /**
     * Whether the block knows both its sizes. A block built without {@code numUsers} or {@code
     * numItems} is a configuration only: {@link NcfModel#create} and {@code NcfTrainer.fit} bind the
     * sizes from the training interactions ({@link #bind(int, int, long)}).
     *
     * @return true if numUsers and numItems are both known
     */
    public final boolean hasSizes() {
        return numUsers() > 0 && numItems() > 0;
    }

    /**
     * Returns a new, uninitialised block of this configuration sized for the training data. A size
     * the builder was given must equal the data's; the initial values are drawn from the builder's
     * seed when one was set, otherwise from {@code runSeed}.
     *
     * <pre>{@code
     * NcfBlock sized = NeuMF.builder().build().bind(train.numUsers(), train.numItems(), 42);
     * }</pre>
     *
     * @param numUsers the training interactions' number of users, > 0
     * @param numItems the training interactions' number of items, > 0
     * @param runSeed the seed of the initial values unless the builder set one
     * @return a new block with both sizes
     * @throws IllegalArgumentException if a size given to the builder differs from the data's (the
     *     message names both), or a size is not positive
     */
    public final NcfBlock bind(int numUsers, int numItems, long runSeed) {
        Checks.positive("numUsers", numUsers);
        Checks.positive("numItems", numItems);
        if (numUsers() != 0 && numUsers() != numUsers) {
            throw new IllegalArgumentException(kind() + " was built with numUsers " + numUsers()
                    + " but the training interactions have " + numUsers + " users");
        }
        if (numItems() != 0 && numItems() != numItems) {
            throw new IllegalArgumentException(kind() + " was built with numItems " + numItems()
                    + " but the training interactions have " + numItems + " items");
        }
        NcfBlock bound = withSizes(numUsers, numItems, seedSet ? seed() : runSeed);
        bound.seedSet = seedSet;
        return bound;
    }

    /**
     * Rebuilds this configuration with the given sizes and seed.
     *
     * @param numUsers the number of users
     * @param numItems the number of items
     * @param seed the seed of the initial values
     * @return a new, uninitialised block
     */
    abstract NcfBlock withSizes(int numUsers, int numItems, long seed);

    /**
     * Records whether the builder was given a seed, for {@link #bind(int, int, long)}.
     *
     * @param set whether the seed was set explicitly
     */
    final void seedSet(boolean set) {
        this.seedSet = set;
    }

    /**
     * Initialises the parameters from the block's seed; only a block with both sizes can be.
     *
     * @throws IllegalStateException if the block has no sizes yet
     */
    @Override
    public void initialize(NDManager manager, ai.djl.ndarray.types.DataType dataType,
            Shape... inputShapes) {
        if (!hasSizes()) {
            throw new IllegalStateException(kind() + " has no numUsers/numItems yet; train it with "
                    + "NcfTrainer.fit(block, train) or create it with NcfModel.create(block, train),"
                    + " which take them from the training interactions");
        }
        super.initialize(manager, dataType, inputShapes);
    }

    /** @return the model's short name: {@code "gmf"}, {@code "mlp"} or {@code "neumf"} */
    public abstract String kind();

    /**
     * Returns the hyperparameters that rebuild this block with its builder, as strings, in a stable
     * order; persistence writes them into the saved model's properties. The seed is not among them
     * (see {@link #seed()}), since it changes only the initial values.
     *
     * @return name to value
     */
    public abstract Map<String, String> hyperparameters();

    /** @return the seed the initial parameter values were drawn from */
    public abstract long seed();

    /**
     * Computes item-side tensors for {@link #scoreAllItems(NDArray, NDList)} once per scoring call:
     * everything that depends on the item alone (item embeddings, the item half of the first MLP
     * layer). Call in inference mode (no gradient recording).
     *
     * @param manager the manager the returned arrays are attached to
     * @return the item-side tensors, in a layout private to the block
     */
    public abstract NDList precomputeItems(NDManager manager);

    /**
     * Scores every item for each given user, factorised: the user side is computed once per user
     * and combined with the item side by broadcasting, so that the result equals the plain forward
     * pass on all pairs (within float rounding) at a fraction of its cost. Dropout is off.
     *
     * @param users int32 user indices, shape {@code (U)}
     * @param itemSide the result of {@link #precomputeItems(NDManager)}
     * @return logits of shape {@code (U, numItems())}, attached to the manager of {@code users}
     */
    public abstract NDArray scoreAllItems(NDArray users, NDList itemSide);

    /**
     * Scores arbitrary (user, item) pairs in inference mode (dropout off, no gradient recording by
     * the caller). This default runs the plain forward pass; MLP and NeuMF override it with a
     * factorised computation (the first layer's user half once per distinct user, its item half once
     * per distinct item) that equals the plain forward within float rounding.
     *
     * @param manager the manager the result and its intermediates are attached to
     * @param users user indices of the pairs, checked by the caller
     * @param items item indices of the pairs, as many as users
     * @param from first pair, inclusive
     * @param to last pair, exclusive
     * @return logits of shape {@code (to - from)}
     */
    NDArray scorePairs(NDManager manager, int[] users, int[] items, int from, int to) {
        NDArray u = manager.create(java.util.Arrays.copyOfRange(users, from, to));
        NDArray i = manager.create(java.util.Arrays.copyOfRange(items, from, to));
        return scoped(manager, () -> forward(new ParameterStore(manager, false), new NDList(u, i),
                false)).singletonOrThrow();
    }

    /**
     * The widest per-pair intermediate of {@link #scoreAllItems(NDArray, NDList)}, in floats; used to
     * size chunks of users so that memory stays bounded.
     *
     * @return floats per (user, item) pair
     */
    int allPairsWidth() {
        return 1;
    }

    /**
     * Returns the embedding tables, each of type WEIGHT and shape (rows, dim); in a training step
     * their gradient is non-zero only in the rows the batch looked up.
     *
     * @return the embedding parameters, in a stable order
     */
    public List<Parameter> embeddingParameters() {
        return List.copyOf(embeddingParameters);
    }

    /**
     * Returns the parameters that are not embedding tables: the linear layers' weights and biases.
     *
     * @return the dense parameters, in a stable order
     */
    public List<Parameter> denseParameters() {
        List<Parameter> dense = new ArrayList<>();
        for (Parameter p : parameters.values()) {
            if (!embeddingParameters.contains(p)) {
                dense.add(p);
            }
        }
        return dense;
    }

    /**
     * Returns a parameter by its name.
     *
     * @param name the parameter name, e.g. {@code "gmf_user_embedding"}
     * @return the parameter
     * @throws IllegalArgumentException if the block has no parameter of that name
     */
    public Parameter parameter(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("parameter must be one of " + parameters.keySet()
                    + " of " + kind() + ", got \"" + name + "\"");
        }
        return p;
    }

    /**
     * Overwrites the values of an initialised parameter with a copy of the given values (no array is
     * shared afterwards); gradient recording is off during the copy.
     *
     * @param name the parameter name
     * @param values the new values, of the parameter's shape
     * @throws IllegalArgumentException if the name is unknown or the shape differs
     * @throws IllegalStateException if the block is not initialised
     */
    public void setParameterValues(String name, NDArray values) {
        Parameter p = parameter(name);
        if (!p.isInitialized()) {
            throw new IllegalStateException("parameter " + name + " of " + kind()
                    + " is not initialised; initialise the block (NcfModel.create) first");
        }
        NDArray target = p.getArray();
        if (!target.getShape().equals(values.getShape())) {
            throw new IllegalArgumentException("values for " + kind() + " parameter " + name
                    + " must have shape " + target.getShape() + ", got " + values.getShape());
        }
        withoutGradient(() -> {
            values.toType(target.getDataType(), false).copyTo(target);
            return null;
        });
    }

    /**
     * Overwrites the values of an initialised parameter with the given values, in row-major order.
     *
     * @param name the parameter name
     * @param values the new values, as many as the parameter has
     * @throws IllegalArgumentException if the name is unknown or the count differs
     * @throws IllegalStateException if the block is not initialised
     */
    public void setParameterValues(String name, float[] values) {
        Parameter p = parameter(name);
        if (!p.isInitialized()) {
            throw new IllegalStateException("parameter " + name + " of " + kind()
                    + " is not initialised; initialise the block (NcfModel.create) first");
        }
        NDArray target = p.getArray();
        if (target.size() != values.length) {
            throw new IllegalArgumentException("values for " + kind() + " parameter " + name
                    + " must number " + target.size() + " (shape " + target.getShape() + "), got "
                    + values.length);
        }
        try (NDManager temp = target.getManager().newSubManager()) {
            setParameterValues(name, temp.create(values, target.getShape()));
        }
    }

    /**
     * Turns logits into probabilities with the sigmoid.
     *
     * @param logits logits, any shape
     * @return probabilities of the same shape
     */
    public static NDArray probabilities(NDArray logits) {
        return Activation.sigmoid(logits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(kind() + " forward expects NDList(users, items), got "
                    + inputs.size() + " arrays");
        }
        NDArray users = inputs.get(0);
        NDArray items = inputs.get(1);
        if (users.getShape().dimension() != 1 || !users.getShape().equals(items.getShape())) {
            throw new IllegalArgumentException(kind() + " forward expects users and items of one "
                    + "shape (B), got " + users.getShape() + " and " + items.getShape());
        }
        return new NDList(logits(parameterStore, users, items, training).reshape(-1));
    }

    /**
     * The forward pass of DJL's {@code Trainer.forward(data, labels)} (and so of {@code
     * EasyTrain.fit}): training mode, with dropout drawn from a seeded stream instead of torch's
     * unseeded generator, so that DJL's training path is reproducible. Unless a mask source is set
     * ({@link #setDropoutMasks(DropoutMasks)}), the masks come from a {@link DropoutMasks} seeded by
     * the block's {@link #seed()}, created at the first such pass and continued by later ones; each
     * pass starts a new step of it, so a pass's masks must not be needed after the next pass
     * begins, which holds for DJL's trainer (each pass's backward runs before the next pass).
     */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList data, NDList labels,
            PairList<String, Object> params) {
        if (dropoutMasks != null) {
            return forwardInternal(parameterStore, data, true, params);
        }
        if (trainerMasks == null) {
            trainerMasks = new DropoutMasks(SplitMix64.of(seed(), TRAINER_MASK_STREAM).nextLong());
        }
        trainerMasks.beginStep();
        dropoutMasks = trainerMasks;
        try {
            return forwardInternal(parameterStore, data, true, params);
        } finally {
            dropoutMasks = null;
        }
    }

    /**
     * Computes the logits of a batch of pairs.
     *
     * @param store where to read parameter values from
     * @param users int32 users, shape (B)
     * @param items int32 items, shape (B)
     * @param training whether dropout is active
     * @return logits of shape (B, 1) or (B)
     */
    protected abstract NDArray logits(ParameterStore store, NDArray users, NDArray items,
            boolean training);

    /**
     * Computes the logits of a training batch laid out in groups of {@code groupSize} rows that share
     * a user (a positive and its negatives, as the trainer lays them out), computing the
     * user side once per group: the user embeddings are gathered once per group and, in MLP towers,
     * the first layer is split into its user half (once per group) and its item half (once per row),
     * {@code W1 [p; q] + b = (W1_u p + b) + W1_i q}. Equal to {@link #forward} on the expanded users
     * within float rounding, with about 40% fewer first-layer operations at 4 negatives per positive.
     *
     * @param store where to read parameter values from
     * @param groupUsers int32 user of each group, shape (G)
     * @param items int32 items, shape (G * groupSize), group-major
     * @param groupSize rows per group, at least 1
     * @param training whether dropout is active
     * @return logits of shape (G * groupSize)
     * @throws IllegalArgumentException if the shapes do not match
     */
    public NDArray groupedLogits(ParameterStore store, NDArray groupUsers, NDArray items,
            int groupSize, boolean training) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
        }
        long groups = groupUsers.getShape().size();
        if (groupUsers.getShape().dimension() != 1 || items.getShape().dimension() != 1
                || items.getShape().size() != groups * groupSize) {
            throw new IllegalArgumentException(kind() + " grouped forward expects users (G) and items"
                    + " (G * " + groupSize + "), got " + groupUsers.getShape() + " and "
                    + items.getShape());
        }
        return groupedLogitsInternal(store, groupUsers, items, groupSize, training).reshape(-1);
    }

    /**
     * Computes {@link #groupedLogits}; the shapes are checked. The default repeats each group's user
     * and runs {@link #logits}.
     *
     * @param store where to read parameter values from
     * @param groupUsers int32 user of each group, shape (G)
     * @param items int32 items, shape (G * groupSize)
     * @param groupSize rows per group
     * @param training whether dropout is active
     * @return logits of shape (G * groupSize, 1) or (G * groupSize)
     */
    protected NDArray groupedLogitsInternal(ParameterStore store, NDArray groupUsers, NDArray items,
            int groupSize, boolean training) {
        NDArray users = groupSize == 1 ? groupUsers : groupUsers.repeat(0, groupSize);
        return logits(store, users, items, training);
    }

    /**
     * Gathers each group's user embedding once and multiplies it with its rows' item embeddings:
     * the element-wise product of GMF, (G * groupSize, d).
     */
    static NDArray groupedProduct(NDArray userRows, NDArray itemRows, int groupSize) {
        if (groupSize == 1) {
            return userRows.mul(itemRows);
        }
        long groups = userRows.getShape().get(0);
        long dim = userRows.getShape().get(1);
        return itemRows.reshape(groups, groupSize, dim).mul(userRows.expandDims(1))
                .reshape(groups * groupSize, dim);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeUTF(kind());
        Map<String, String> hp = hyperparameters();
        os.writeInt(hp.size());
        for (Map.Entry<String, String> e : hp.entrySet()) {
            os.writeUTF(e.getKey());
            os.writeUTF(e.getValue());
        }
    }

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is)
            throws IOException, MalformedModelException {
        if (loadVersion != version) {
            throw new MalformedModelException("unsupported " + kind() + " block format version "
                    + loadVersion + "; this version of ncf reads version " + version);
        }
        readInputShapes(is);
        String savedKind = is.readUTF();
        if (!savedKind.equals(kind())) {
            throw new MalformedModelException("saved parameters are of a " + savedKind
                    + " block, cannot load them into a " + kind() + " block");
        }
        int n = is.readInt();
        if (n < 0 || n > 1000) {
            throw new MalformedModelException("saved " + kind() + " metadata is corrupt: "
                    + n + " hyperparameters");
        }
        Map<String, String> saved = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            saved.put(is.readUTF(), is.readUTF());
        }
        if (!saved.equals(hyperparameters())) {
            throw new MalformedModelException("saved " + kind() + " parameters have hyperparameters "
                    + saved + " but this block has " + hyperparameters());
        }
    }

    // ---- helpers for the subclasses and the MLP tower ----

    /**
     * Adds an embedding table parameter N(0, 0.01^2).
     *
     * @param name the parameter name
     * @param rows the number of rows (users or items)
     * @param dim the embedding size
     * @param seed the block seed
     * @return the parameter
     */
    final Parameter addEmbedding(String name, int rows, int dim, long seed) {
        Parameter p = addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, dim))
                .optInitializer(SeededInitializer.normal(EMBEDDING_STD,
                        SeededInitializer.parameterSeed(seed, name)))
                .build());
        embeddingParameters.add(p);
        return p;
    }

    /**
     * Adds a linear weight of shape (out, in), Xavier-uniform as torch.
     *
     * @param name the parameter name
     * @param out output features
     * @param in input features
     * @param seed the block seed
     * @return the parameter
     */
    final Parameter addLinearWeight(String name, int out, int in, long seed) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in))
                .optInitializer(SeededInitializer.uniform(SeededInitializer.xavierBound(in, out),
                        SeededInitializer.parameterSeed(seed, name)))
                .build());
    }

    /**
     * Adds a linear bias of shape (out), U(-1/sqrt(in), 1/sqrt(in)) as torch's nn.Linear.
     *
     * @param name the parameter name
     * @param out output features
     * @param in input features (the fan-in)
     * @param seed the block seed
     * @return the parameter
     */
    final Parameter addLinearBias(String name, int out, int in, long seed) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(out))
                .optInitializer(SeededInitializer.uniform(1.0 / Math.sqrt(in),
                        SeededInitializer.parameterSeed(seed, name)))
                .build());
    }

    static NDArray value(ParameterStore store, Parameter p, NDArray like, boolean training) {
        return store.getValue(p, like.getDevice(), training);
    }

    static NDArray embed(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Looks up rows of an embedding table in a forward pass: through the {@link EmbeddingLookup} a
     * trainer set, when training with one, otherwise with torch's embedding op on the table's value.
     */
    final NDArray embed(ParameterStore store, Parameter table, NDArray ids, boolean training) {
        EmbeddingLookup lookup = embeddingLookup;
        if (training && lookup != null) {
            return lookup.rows(table, ids);
        }
        return embed(ids, value(store, table, ids, training));
    }

    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    /**
     * Sets where training draws its dropout masks: from the given Java-side source, or, with {@code
     * null} (the default), from torch's own dropout in {@code forward(store, inputs, true)} and from
     * the block's seeded stream in DJL's trainer path (see {@link #forwardInternal(ParameterStore,
     * NDList, NDList, PairList)}). {@code NcfTrainer} sets a source for the length of a {@code fit}
     * and removes it afterwards.
     *
     * @param masks the mask source, or null for torch's dropout
     */
    public void setDropoutMasks(DropoutMasks masks) {
        this.dropoutMasks = masks;
    }

    /** @return the mask source set by {@link #setDropoutMasks(DropoutMasks)}, or null */
    public DropoutMasks dropoutMasks() {
        return dropoutMasks;
    }

    /**
     * Sets how training forward passes look up embedding rows: through the given lookup, or, with
     * {@code null} (the default), with torch's embedding op, whose gradient autograd scatters into a
     * dense gradient of the whole table. {@code NcfTrainer} sets a lookup for the length of a {@code
     * fit} and removes it afterwards. Inference never uses it.
     *
     * @param lookup the lookup, or null for torch's embedding op
     */
    public void setEmbeddingLookup(EmbeddingLookup lookup) {
        this.embeddingLookup = lookup;
    }

    /** @return the lookup set by {@link #setEmbeddingLookup(EmbeddingLookup)}, or null */
    public EmbeddingLookup embeddingLookup() {
        return embeddingLookup;
    }

    /**
     * ReLU then dropout of a layer's fresh pre-activation {@code x} (an array no op saved and
     * nothing else reads). With a mask source that masks {@link DropoutMasks#beforeActivation()
     * before the activation}, {@code relu(x * mask)} with the product taken in place: the mask is
     * never negative, so the values are those of {@code relu(x) * mask} but for the sign of zeros.
     */
    NDArray reluDropout(NDArray x, float rate, boolean training) {
        DropoutMasks masks = dropoutMasks;
        if (training && rate != 0f && masks != null && masks.beforeActivation()) {
            return Activation.relu(masks.applyInPlace(x, rate));
        }
        return dropout(Activation.relu(x), rate, training);
    }

    NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        DropoutMasks masks = dropoutMasks;
        if (masks != null) {
            return masks.apply(x, rate);
        }
        return Dropout.dropout(x, rate, true).singletonOrThrow();
    }

    /**
     * Runs a computation inside its own {@link NDScope}: every array it creates is closed at the end
     * except the returned ones, which are attached to {@code target}. Ops whose first operand is a
     * parameter create arrays on the model's manager; the scope keeps them from piling up there.
     */
    static NDList scoped(NDManager target, Supplier<NDList> computation) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList result = computation.get();
            NDScope.unregister(result);
            result.attach(target);
            return result;
        }
    }

    /**
     * Runs a computation with torch's (thread-local) gradient recording switched off, restoring it
     * afterwards. Fresh threads start with recording on in libtorch.
     *
     * @param computation what to run
     * @param <T> the result type
     * @return the computation's result
     */
    public static <T> T withoutGradient(Supplier<T> computation) {
        boolean was = JniUtils.isGradMode();
        if (was) {
            JniUtils.setGradMode(false);
        }
        try {
            return computation.get();
        } finally {
            if (was) {
                JniUtils.setGradMode(true);
            }
        }
    }
}
