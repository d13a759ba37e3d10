package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.ncf.data.Seeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-Layer Perceptron over concatenated user and item embeddings: {@code [p_u; q_i] -> (Linear +
 * ReLU + Dropout) per layer -> Linear}, one logit per pair.
 *
 * <p>From He et al., "Neural Collaborative Filtering", WWW 2017, section 3.3. Parameters: {@code
 * mlp_user_embedding} (numUsers, embeddingDim), {@code mlp_item_embedding} (numItems,
 * embeddingDim), {@code mlp_layer1_weight} (layers[0], 2 * embeddingDim), {@code mlp_layer1_bias},
 * ..., {@code mlp_layerK_weight}, {@code mlp_layerK_bias}, {@code output_weight} (1, layers[K-1]),
 * {@code output_bias} (1). Dropout acts only in training.
 *
 * <pre>{@code
 * MLP mlp = MLP.builder().embeddingDim(64).layers(128, 64, 32)
 *         .dropout(0.2).build();
 * }</pre>
 */
public final class MLP extends NcfBlock {

    /** The default embedding size. */
    public static final int DEFAULT_EMBEDDING_DIM = 64;

    /** The default dropout rate after each hidden layer. */
    public static final float DEFAULT_DROPOUT = 0.2f;

    private static final int[] DEFAULT_LAYERS = {128, 64, 32};

    private final int numUsers;
    private final int numItems;
    private final long seed;
    private final MlpTower tower;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    private MLP(Builder b) {
        super(FORMAT_VERSION);
        numUsers = b.numUsers;
        numItems = b.numItems;
        seed = b.seed;
        seedSet(b.seedSet);
        tower = new MlpTower(this, numUsers, numItems, b.embeddingDim, b.layers, b.dropout, seed);
        outputWeight = addLinearWeight("output_weight", 1, tower.outputDim(), seed);
        outputBias = addLinearBias("output_bias", 1, tower.outputDim(), seed);
    }

    /**
     * Returns a builder with the default configuration: embeddingDim 64, layers 128-64-32, dropout
     * 0.2.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /** @return the embedding size */
    public int embeddingDim() {
        return tower.embeddingDim;
    }

    /** @return a copy of the hidden layer sizes */
    public int[] layers() {
        return tower.layers.clone();
    }

    /** @return the dropout rate after each hidden layer */
    public float dropout() {
        return tower.dropout;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public String kind() {
        return "mlp";
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("numUsers", Integer.toString(numUsers));
        hp.put("numItems", Integer.toString(numItems));
        hp.put("embeddingDim", Integer.toString(tower.embeddingDim));
        hp.put("layers", Checks.layersString(tower.layers));
        hp.put("dropout", Float.toString(tower.dropout));
        return hp;
    }

    @Override
    protected NDArray logits(ParameterStore store, NDArray users, NDArray items, boolean training) {
        return groupedLogitsInternal(store, users, items, 1, training);
    }

    @Override
    protected NDArray groupedLogitsInternal(ParameterStore store, NDArray groupUsers, NDArray items,
            int groupSize, boolean training) {
        NDArray x = tower.forwardGrouped(store, groupUsers, items, groupSize, training);
        return linear(x, value(store, outputWeight, x, training),
                value(store, outputBias, x, training));
    }

    @Override
    public NDList precomputeItems(NDManager manager) {
        return scoped(manager, () -> new NDList(tower.itemHalf()));
    }

    @Override
    public NDArray scoreAllItems(NDArray users, NDList itemSide) {
        return scoped(users.getManager(), () -> {
            NDArray hidden = tower.allPairs(users, itemSide.get(0));
            NDArray out = linear(hidden, outputWeight.getArray(), outputBias.getArray());
            return new NDList(out.reshape(users.getShape().get(0), numItems));
        }).singletonOrThrow();
    }

    @Override
    NDArray scorePairs(NDManager manager, int[] users, int[] items, int from, int to) {
        return tower.scorePairs(manager, users, items, from, to, (hidden, s, e) ->
                linear(hidden, outputWeight.getArray(), outputBias.getArray()).reshape(-1));
    }

    @Override
    int allPairsWidth() {
        return Arrays.stream(tower.layers).max().orElse(1);
    }

    @Override
    NcfBlock withSizes(int users, int items, long newSeed) {
        return builder().numUsers(users).numItems(items).embeddingDim(tower.embeddingDim)
                .layers(tower.layers).dropout(tower.dropout).seed(newSeed).build();
    }

    @Override
    public String toString() {
        return "MLP{numUsers=" + numUsers + ", numItems=" + numItems + ", embeddingDim="
                + tower.embeddingDim + ", layers=" + Checks.layersString(tower.layers)
                + ", dropout=" + tower.dropout + ", seed=" + seed + "}";
    }

    /** Builds an {@link MLP}. Setters check their argument at once; the builder can be reused. */
    public static final class Builder {

        private int numUsers;
        private int numItems;
        private int embeddingDim = DEFAULT_EMBEDDING_DIM;
        private int[] layers = DEFAULT_LAYERS.clone();
        private float dropout = DEFAULT_DROPOUT;
        private long seed = Seeds.DEFAULT;
        private boolean seedSet;

        private Builder() {
        }

        /**
         * Sets the number of users; optional, since training binds it from the interactions, which
         * it must then equal.
         *
         * @param numUsers the number of users, > 0
         * @return this builder
         */
        public Builder numUsers(int numUsers) {
            this.numUsers = Checks.positive("numUsers", numUsers);
            return this;
        }

        /**
         * Sets the number of items; optional, since training binds it from the interactions, which
         * it must then equal.
         *
         * @param numItems the number of items, > 0
         * @return this builder
         */
        public Builder numItems(int numItems) {
            this.numItems = Checks.positive("numItems", numItems);
            return this;
        }

        /**
         * Sets the size of the user and of the item embedding (default {@value
         * MLP#DEFAULT_EMBEDDING_DIM}); the first layer sees twice this.
         *
         * @param embeddingDim the embedding size, > 0
         * @return this builder
         */
        public Builder embeddingDim(int embeddingDim) {
            this.embeddingDim = Checks.positive("embeddingDim", embeddingDim);
            return this;
        }

        /**
         * Sets the hidden layer sizes (default 128, 64, 32); the array is copied.
         *
         * @param layers one or more sizes, each > 0
         * @return this builder
         */
        public Builder layers(int... layers) {
            this.layers = Checks.layers("layers", layers);
            return this;
        }

        /**
         * Sets the hidden layer sizes from a list.
         *
         * @param layers one or more sizes, each > 0
         * @return this builder
         */
        public Builder layers(List<Integer> layers) {
            return layers(layers.stream().mapToInt(Integer::intValue).toArray());
        }

        /**
         * Sets the dropout rate after each hidden layer (default {@value MLP#DEFAULT_DROPOUT}).
         *
         * @param dropout the rate, in [0, 1)
         * @return this builder
         */
        public Builder dropout(double dropout) {
            this.dropout = Checks.dropout((float) dropout);
            return this;
        }

        /**
         * Sets the seed of the initial parameter values (default {@link Seeds#DEFAULT}; when not set,
         * {@code NcfTrainer.fit(block, train)} uses the trainer's run seed).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        /**
         * Builds the block; its parameters are initialised by {@code NcfModel.create} or a trainer.
         * Without numUsers and numItems the block is a configuration that {@code NcfTrainer.fit} and
         * {@code NcfModel.create} size from the training interactions.
         *
         * @return a new MLP
         * @throws IllegalArgumentException if an embedding table would be too large
         */
        public MLP build() {
            Checks.tableFits("numUsers", numUsers, "embeddingDim", embeddingDim);
            Checks.tableFits("numItems", numItems, "embeddingDim", embeddingDim);
            return new MLP(this);
        }
    }
}
