package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.ncf.data.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Matrix factorisation with biases: the dot product of a user and an item embedding plus a user, an
 * item and a global bias, {@code logit = p_u . q_i + b_u + b_i + b}.
 *
 * <p>The baseline of Rendle, Krichene, Zhang and Anderson, "Neural Collaborative Filtering vs.
 * Matrix Factorization Revisited", RecSys 2020, who showed that this dot product, trained like NCF
 * (sampled negatives, binary cross-entropy) with L2 regularisation and tuned, outperforms NeuMF.
 * Train it with {@code NcfTrainer} and its {@code l2} option. Parameters: {@code mf_user_embedding}
 * (numUsers, dim), {@code mf_item_embedding} (numItems, dim), {@code mf_user_bias} (numUsers, 1),
 * {@code mf_item_bias} (numItems, 1) and {@code mf_global_bias} (1), all drawn N(0, 0.01^2) from the
 * seed.
 *
 * <pre>{@code
 * NcfModel mf = NcfTrainer.builder().epochs(20).negatives(8).l2(1e-5f).build()
 *         .fit(MF.builder().dim(64).build(), split.train());
 * }</pre>
 *
 * <p>Scoring every item for a batch of users is one (users x dim) by (dim x items) matrix product
 * plus the broadcast biases.
 */
public final class MF extends NcfBlock {

    /** The default embedding size. */
    public static final int DEFAULT_DIM = 64;

    private final int numUsers;
    private final int numItems;
    private final int dim;
    private final long seed;
    private final Parameter userEmbedding;
    private final Parameter itemEmbedding;
    private final Parameter userBias;
    private final Parameter itemBias;
    private final Parameter globalBias;

    private MF(Builder b) {
        super(FORMAT_VERSION);
        numUsers = b.numUsers;
        numItems = b.numItems;
        dim = b.dim;
        seed = b.seed;
        seedSet(b.seedSet);
        userEmbedding = addEmbedding("mf_user_embedding", numUsers, dim, seed);
        itemEmbedding = addEmbedding("mf_item_embedding", numItems, dim, seed);
        userBias = addEmbedding("mf_user_bias", numUsers, 1, seed);
        itemBias = addEmbedding("mf_item_bias", numItems, 1, seed);
        globalBias = addParameter(Parameter.builder()
                .setName("mf_global_bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(1))
                .optInitializer(SeededInitializer.normal(EMBEDDING_STD,
                        SeededInitializer.parameterSeed(seed, "mf_global_bias")))
                .build());
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
    public int dim() {
        return dim;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public String kind() {
        return "mf";
    }

    @Override
    public Map<String, String> hyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("numUsers", Integer.toString(numUsers));
        hp.put("numItems", Integer.toString(numItems));
        hp.put("dim", Integer.toString(dim));
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
        NDArray bu = embed(store, userBias, groupUsers, training).reshape(-1);
        NDArray bi = embed(store, itemBias, items, training).reshape(-1);
        if (groupSize > 1) {
            bu = bu.repeat(0, groupSize);
        }
        NDArray dot = groupedProduct(u, i, groupSize).sum(new int[] {1});
        return dot.add(bu).add(bi).add(value(store, globalBias, groupUsers, training));
    }

    @Override
    public NDList precomputeItems(NDManager manager) {
        return scoped(manager, () -> new NDList(itemEmbedding.getArray().transpose(),
                itemBias.getArray().reshape(1, -1).add(globalBias.getArray())));
    }

    @Override
    public NDArray scoreAllItems(NDArray users, NDList itemSide) {
        return scoped(users.getManager(), () -> {
            NDArray u = embed(users, userEmbedding.getArray());
            NDArray bu = embed(users, userBias.getArray());
            // (B, d) x (d, I), plus the user bias as a column and the item and global biases as a row.
            return new NDList(u.matMul(itemSide.get(0)).add(bu).add(itemSide.get(1)));
        }).singletonOrThrow();
    }

    @Override
    NcfBlock withSizes(int users, int items, long newSeed) {
        return builder().numUsers(users).numItems(items).dim(dim).seed(newSeed).build();
    }

    @Override
    public String toString() {
        return "MF{numUsers=" + numUsers + ", numItems=" + numItems + ", dim=" + dim + ", seed=" + seed
                + "}";
    }

    /**
     * Builds an {@link MF}. Setters check their argument at once; the builder can be reused.
     */
    public static final class Builder {

        private int numUsers;
        private int numItems;
        private int dim = DEFAULT_DIM;
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
         * Sets the embedding size (default {@value MF#DEFAULT_DIM}).
         *
         * @param dim the embedding size, > 0
         * @return this builder
         */
        public Builder dim(int dim) {
            this.dim = Checks.positive("dim", dim);
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
         * @return a new MF
         * @throws IllegalArgumentException if an embedding table would be too large
         */
        public MF build() {
            Checks.tableFits("numUsers", numUsers, "dim", dim);
            Checks.tableFits("numItems", numItems, "dim", dim);
            return new MF(this);
        }
    }
}
