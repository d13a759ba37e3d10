package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.ncf.data.Seeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neural Matrix Factorization: a GMF part and an MLP part with separate embeddings, their last
 * layers concatenated and fed to one linear output, {@code logit = h . [p_u * q_i ; MLP(p'_u, q'_i)]
 * + b}.
 *
 * <p>From He et al., "Neural Collaborative Filtering", WWW 2017, section 3.4. Parameters: {@code
 * gmf_user_embedding} (numUsers, gmfDim), {@code gmf_item_embedding} (numItems, gmfDim), {@code
 * mlp_user_embedding} (numUsers, mlpDim), {@code mlp_item_embedding} (numItems, mlpDim), {@code
 * mlp_layer1_weight} (mlpLayers[0], 2 * mlpDim), {@code mlp_layer1_bias}, ..., {@code
 * output_weight} (1, gmfDim + mlpLayers[K-1]) whose first gmfDim columns weigh the GMF part, {@code
 * output_bias} (1). Dropout acts only in training.
 *
 * <pre>{@code
 * NeuMF neumf = NeuMF.builder().gmfDim(32).mlpDim(64)
 *         .mlpLayers(128, 64, 32).dropout(0.2).build();
 * }</pre>
 */
public final class NeuMF extends NcfBlock {

    /** The default size of the GMF embeddings. */
    public static final int DEFAULT_GMF_DIM = 32;

    /** The default size of the MLP embeddings. */
    public static final int DEFAULT_MLP_DIM = 64;

    /** The default dropout rate after each hidden layer. */
    public static final float DEFAULT_DROPOUT = 0.2f;

    private static final int[] DEFAULT_LAYERS = {128, 64, 32};

    private final int numUsers;
    private final int numItems;
    private final int gmfDim;
    private final long seed;
    private final Parameter gmfUserEmbedding;
    private final Parameter gmfItemEmbedding;
    private final MlpTower tower;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    private NeuMF(Builder b) {
        super(FORMAT_VERSION);
        numUsers = b.numUsers;
        numItems = b.numItems;
        gmfDim = b.gmfDim;
        seed = b.seed;
        seedSet(b.seedSet);
        gmfUserEmbedding = addEmbedding("gmf_user_embedding", numUsers, gmfDim, seed);
        gmfItemEmbedding = addEmbedding("gmf_item_embedding", numItems, gmfDim, seed);
        tower = new MlpTower(this, numUsers, numItems, b.mlpDim, b.mlpLayers, b.dropout, seed);
        int in = gmfDim + tower.outputDim();
        outputWeight = addLinearWeight("output_weight", 1, in, seed);
        outputBias = addLinearBias("output_bias", 1, in, seed);
    }

    /**
     * Returns a builder with the reference configuration: gmfDim 32, mlpDim 64, mlpLayers
     * 128-64-32, dropout 0.2.
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

    /** @return the size of the GMF embeddings */
    public int gmfDim() {
        return gmfDim;
    }

    /** @return the size of the MLP embeddings */
    public int mlpDim() {
        return tower.embeddingDim;
    }

    /** @return a copy of the MLP hidden layer sizes */
    public int[] mlpLayers() {
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
        return "neumf";
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("numUsers", Integer.toString(numUsers));
        hp.put("numItems", Integer.toString(numItems));
        hp.put("gmfDim", Integer.toString(gmfDim));
        hp.put("mlpDim", Integer.toString(tower.embeddingDim));
        hp.put("mlpLayers", Checks.layersString(tower.layers));
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
        NDArray gu = embed(store, gmfUserEmbedding, groupUsers, training);
        NDArray gi = embed(store, gmfItemEmbedding, items, training);
        NDArray mlp = tower.forwardGrouped(store, groupUsers, items, groupSize, training);
        NDArray combined = groupedProduct(gu, gi, groupSize).concat(mlp, 1);
        return linear(combined, value(store, outputWeight, combined, training),
                value(store, outputBias, combined, training));
    }

    @Override
    public NDList precomputeItems(NDManager manager) {
        return scoped(manager, () -> new NDList(gmfItemEmbedding.getArray().transpose(),
                tower.itemHalf()));
    }

    @Override
    public NDArray scoreAllItems(NDArray users, NDList itemSide) {
        return scoped(users.getManager(), () -> {
            NDArray w = outputWeight.getArray();
            NDArray wGmf = w.get(new NDIndex(":, :{}", gmfDim));
            NDArray wMlp = w.get(new NDIndex(":, {}:", gmfDim));
            long u = users.getShape().get(0);
            // GMF part as one matrix product: (p_u * h_gmf) . Q^T.
            NDArray gmf = embed(users, gmfUserEmbedding.getArray()).mul(wGmf)
                    .matMul(itemSide.get(0));
            NDArray hidden = tower.allPairs(users, itemSide.get(1));
            NDArray mlp = linear(hidden, wMlp, outputBias.getArray()).reshape(u, numItems);
            return new NDList(mlp.addi(gmf));
        }).singletonOrThrow();
    }

    @Override
    NDArray scorePairs(NDManager manager, int[] users, int[] items, int from, int to) {
        return tower.scorePairs(manager, users, items, from, to, (hidden, s, e) -> {
            NDArray u = manager.create(Arrays.copyOfRange(users, s, e));
            NDArray i = manager.create(Arrays.copyOfRange(items, s, e));
            NDArray gmf = embed(u, gmfUserEmbedding.getArray())
                    .mul(embed(i, gmfItemEmbedding.getArray()));
            // The same concatenation and output product as the plain forward pass.
            return linear(gmf.concat(hidden, 1), outputWeight.getArray(), outputBias.getArray())
                    .reshape(-1);
        });
    }

    @Override
    int allPairsWidth() {
        return Arrays.stream(tower.layers).max().orElse(1);
    }

    @Override
    NcfBlock withSizes(int users, int items, long newSeed) {
        return builder().numUsers(users).numItems(items).gmfDim(gmfDim).mlpDim(tower.embeddingDim)
                .mlpLayers(tower.layers).dropout(tower.dropout).seed(newSeed).build();
    }

    @Override
    public String toString() {
        return "NeuMF{numUsers=" + numUsers + ", numItems=" + numItems + ", gmfDim=" + gmfDim
                + ", mlpDim=" + tower.embeddingDim + ", mlpLayers="
                + Checks.layersString(tower.layers) + ", dropout=" + tower.dropout + ", seed="
                + seed + "}";
    }

    /** Builds a {@link NeuMF}. Setters check their argument at once; the builder can be reused. */
    public static final class Builder {

        private int numUsers;
        private int numItems;
        private int gmfDim = DEFAULT_GMF_DIM;
        private int mlpDim = DEFAULT_MLP_DIM;
        private int[] mlpLayers = DEFAULT_LAYERS.clone();
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
         * Sets the size of the GMF embeddings (default {@value NeuMF#DEFAULT_GMF_DIM}).
         *
         * @param gmfDim the size, > 0
         * @return this builder
         */
        public Builder gmfDim(int gmfDim) {
            this.gmfDim = Checks.positive("gmfDim", gmfDim);
            return this;
        }

        /**
         * Sets the size of the MLP embeddings (default {@value NeuMF#DEFAULT_MLP_DIM}); the first
         * MLP layer sees twice this.
         *
         * @param mlpDim the size, > 0
         * @return this builder
         */
        public Builder mlpDim(int mlpDim) {
            this.mlpDim = Checks.positive("mlpDim", mlpDim);
            return this;
        }

        /**
         * Sets the MLP hidden layer sizes (default 128, 64, 32); the array is copied.
         *
         * @param mlpLayers one or more sizes, each > 0
         * @return this builder
         */
        public Builder mlpLayers(int... mlpLayers) {
            this.mlpLayers = Checks.layers("mlpLayers", mlpLayers);
            return this;
        }

        /**
         * Sets the MLP hidden layer sizes from a list.
         *
         * @param mlpLayers one or more sizes, each > 0
         * @return this builder
         */
        public Builder mlpLayers(List<Integer> mlpLayers) {
            return mlpLayers(mlpLayers.stream().mapToInt(Integer::intValue).toArray());
        }

        /**
         * Sets the dropout rate after each MLP hidden layer (default {@value
         * NeuMF#DEFAULT_DROPOUT}).
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
         * @return a new NeuMF
         * @throws IllegalArgumentException if an embedding table would be too large
         */
        public NeuMF build() {
            int dim = Math.max(gmfDim, mlpDim);
            Checks.tableFits("numUsers", numUsers, "max(gmfDim, mlpDim)", dim);
            Checks.tableFits("numItems", numItems, "max(gmfDim, mlpDim)", dim);
            return new NeuMF(this);
        }
    }
}
