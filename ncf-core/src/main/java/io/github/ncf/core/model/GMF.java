package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.ncf.data.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generalized Matrix Factorization: a learned linear layer over the element-wise product of a user
 * and an item embedding, {@code logit = w . (p_u * q_i) + b}.
 *
 * <p>From He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative Filtering", WWW 2017, section
 * 3.2. Parameters: {@code gmf_user_embedding} (numUsers, embeddingDim), {@code gmf_item_embedding}
 * (numItems, embeddingDim), {@code output_weight} (1, embeddingDim), {@code output_bias} (1).
 *
 * <pre>{@code
 * GMF gmf = GMF.builder().embeddingDim(64).build();
 * }</pre>
 *
 * <p>The default embedding size is 64, the size the reference lab compares GMF at (NeuMF's GMF part
 * defaults to 32, see {@link NeuMF.Builder#gmfDim(int)}).
 */
public final class GMF extends NcfBlock {

    /** The default embedding size. */
    public static final int DEFAULT_EMBEDDING_DIM = 64;

    private final int numUsers;
    private final int numItems;
    private final int embeddingDim;
    private final long seed;
    private final Parameter userEmbedding;
    private final Parameter itemEmbedding;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    private GMF(Builder b) {
        super(FORMAT_VERSION);
        numUsers = b.numUsers;
        numItems = b.numItems;
        embeddingDim = b.embeddingDim;
        seed = b.seed;
        seedSet(b.seedSet);
        userEmbedding = addEmbedding("gmf_user_embedding", numUsers, embeddingDim, seed);
        itemEmbedding = addEmbedding("gmf_item_embedding", numItems, embeddingDim, seed);
        outputWeight = addLinearWeight("output_weight", 1, embeddingDim, seed);
        outputBias = addLinearBias("output_bias", 1, embeddingDim, seed);
    }

    /**
     * Returns a builder with the default configuration.
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
        return embeddingDim;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public String kind() {
        return "gmf";
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("numUsers", Integer.toString(numUsers));
        hp.put("numItems", Integer.toString(numItems));
        hp.put("embeddingDim", Integer.toString(embeddingDim));
        return hp;
    }

    @Override
    protected NDArray logits(ParameterStore store, NDArray users, NDArray items, boolean training) {
        return groupedLogitsInternal(store, users, items, 1, training);
    }

    @Override
    protected NDArray groupedLogitsInternal(ParameterStore store, NDArray groupUsers, NDArray items,
            int groupSize, boolean training) {
        NDArray u = embed(store, userEmbedding, groupUsers, training);
        NDArray i = embed(store, itemEmbedding, items, training);
        return linear(groupedProduct(u, i, groupSize), value(store, outputWeight, u, training),
                value(store, outputBias, u, training));
    }

    @Override
    public NDList precomputeItems(NDManager manager) {
        return scoped(manager, () -> new NDList(itemEmbedding.getArray().transpose()));
    }

    @Override
    public NDArray scoreAllItems(NDArray users, NDList itemSide) {
        return scoped(users.getManager(), () -> {
            // (u * w) . I^T: the output weight folds into the user side, one matrix product.
            NDArray u = embed(users, userEmbedding.getArray()).mul(outputWeight.getArray());
            return new NDList(u.matMul(itemSide.get(0)).add(outputBias.getArray()));
        }).singletonOrThrow();
    }

    @Override
    NcfBlock withSizes(int users, int items, long newSeed) {
        return builder().numUsers(users).numItems(items).embeddingDim(embeddingDim).seed(newSeed)
                .build();
    }

    @Override
    public String toString() {
        return "GMF{numUsers=" + numUsers + ", numItems=" + numItems + ", embeddingDim="
                + embeddingDim + ", seed=" + seed + "}";
    }

    /**
     * Builds a {@link GMF}. Setters check their argument at once; the builder can be reused.
     */
    public static final class Builder {

        private int numUsers;
        private int numItems;
        private int embeddingDim = DEFAULT_EMBEDDING_DIM;
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
         * Sets the embedding size (default {@value GMF#DEFAULT_EMBEDDING_DIM}).
         *
         * @param embeddingDim the embedding size, > 0
         * @return this builder
         */
        public Builder embeddingDim(int embeddingDim) {
            this.embeddingDim = Checks.positive("embeddingDim", embeddingDim);
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
         * @return a new GMF
         * @throws IllegalArgumentException if an embedding table would be too large
         */
        public GMF build() {
            Checks.tableFits("numUsers", numUsers, "embeddingDim", embeddingDim);
            Checks.tableFits("numItems", numItems, "embeddingDim", embeddingDim);
            return new GMF(this);
        }
    }
}
