package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * The MLP tower shared by {@link MLP} and {@link NeuMF}: user and item embeddings, concatenated,
 * then {@code (Linear + ReLU + Dropout)} per layer. Its parameters belong to the owning block and are
 * named {@code mlp_user_embedding}, {@code mlp_item_embedding}, {@code mlp_layer1_weight},
 * {@code mlp_layer1_bias}, ... (layers numbered from 1).
 */
final class MlpTower {

    final Parameter userEmbedding;
    final Parameter itemEmbedding;
    final Parameter[] weights;
    final Parameter[] biases;
    final int embeddingDim;
    final int[] layers;
    final float dropout;
    private final NcfBlock owner;

    MlpTower(NcfBlock owner, int numUsers, int numItems, int embeddingDim, int[] layers,
            float dropout, long seed) {
        this.owner = owner;
        this.embeddingDim = embeddingDim;
        this.layers = layers.clone();
        this.dropout = dropout;
        userEmbedding = owner.addEmbedding("mlp_user_embedding", numUsers, embeddingDim, seed);
        itemEmbedding = owner.addEmbedding("mlp_item_embedding", numItems, embeddingDim, seed);
        weights = new Parameter[layers.length];
        biases = new Parameter[layers.length];
        int in = 2 * embeddingDim;
        for (int l = 0; l < layers.length; l++) {
            String prefix = "mlp_layer" + (l + 1);
            weights[l] = owner.addLinearWeight(prefix + "_weight", layers[l], in, seed);
            biases[l] = owner.addLinearBias(prefix + "_bias", layers[l], in, seed);
            in = layers[l];
        }
    }

    /** @return the output size of the last layer */
    int outputDim() {
        return layers[layers.length - 1];
    }

    /** Plain forward over pairs: (B) users, (B) items to the last hidden layer, (B, last). */
    NDArray forward(ParameterStore store, NDArray users, NDArray items, boolean training) {
        NDArray u = owner.embed(store, userEmbedding, users, training);
        NDArray i = owner.embed(store, itemEmbedding, items, training);
        NDArray x = u.concat(i, 1);
        x = NcfBlock.linear(x, NcfBlock.value(store, weights[0], x, training),
                NcfBlock.value(store, biases[0], x, training));
        return hiddenLayers(store, owner.reluDropout(x, dropout, training), training);
    }

    /**
     * Forward over groups of rows sharing a user, for training: the first layer's user half {@code
     * W1_u p + b1} once per group, its item half {@code W1_i q} once per row, added by broadcasting;
     * then ReLU, dropout and the layers above as in {@link #forward}. Returns (G * groupSize, last).
     */
    NDArray forwardGrouped(ParameterStore store, NDArray groupUsers, NDArray items, int groupSize,
            boolean training) {
        if (groupSize == 1) {
            return forward(store, groupUsers, items, training);
        }
        NDArray p = owner.embed(store, userEmbedding, groupUsers, training);
        NDArray q = owner.embed(store, itemEmbedding, items, training);
        NDArray w1 = NcfBlock.value(store, weights[0], items, training);
        NDArray b1 = NcfBlock.value(store, biases[0], items, training);
        // Slices of a parameter land on the parameter's (the model's) manager: keep them in the batch's.
        NDArray w1u = userColumns(w1);
        NDArray w1i = itemColumns(w1);
        w1u.attach(items.getManager());
        w1i.attach(items.getManager());
        NDArray userHalf = NcfBlock.linear(p, w1u, b1);
        NDArray itemHalf = NcfBlock.linear(q, w1i, null);
        long groups = p.getShape().get(0);
        // Activated before the reshape: the sum is a fresh array, its reshape a view.
        NDArray x = owner.reluDropout(itemHalf.reshape(groups, groupSize, layers[0])
                .add(userHalf.expandDims(1)), dropout, training)
                .reshape(groups * groupSize, layers[0]);
        return hiddenLayers(store, x, training);
    }

    /**
     * From the first layer's output after its ReLU and dropout (B, h1): (Linear + ReLU + Dropout)
     * for layers 2..K, in training or inference as {@code training} says.
     */
    private NDArray hiddenLayers(ParameterStore store, NDArray x, boolean training) {
        for (int l = 1; l < layers.length; l++) {
            x = owner.reluDropout(NcfBlock.linear(x, NcfBlock.value(store, weights[l], x, training),
                    NcfBlock.value(store, biases[l], x, training)), dropout, training);
        }
        return x;
    }

    /**
     * The item half of the first layer for all items, {@code I * W1_items^T}, shape (N, h1): the
     * first layer is linear in [user; item], so W1 [u; i] + b = (W1_u u + b) + W1_i i.
     */
    NDArray itemHalf() {
        return NcfBlock.linear(itemEmbedding.getArray(), w1Items(), null);
    }

    /** The item half of the first layer for some items, shape (n, h1). */
    NDArray itemHalf(NDArray items) {
        return NcfBlock.linear(NcfBlock.embed(items, itemEmbedding.getArray()), w1Items(), null);
    }

    /** The user half of the first layer with its bias, {@code W1_u p_u + b1}, shape (n, h1). */
    NDArray userHalf(NDArray users) {
        return NcfBlock.linear(NcfBlock.embed(users, userEmbedding.getArray()), w1Users(),
                biases[0].getArray());
    }

    private NDArray w1Users() {
        return userColumns(weights[0].getArray());
    }

    private NDArray w1Items() {
        return itemColumns(weights[0].getArray());
    }

    /** The columns of a first-layer weight (h1, 2 * dim) that multiply the user embedding. */
    private NDArray userColumns(NDArray w1) {
        return w1.get(new NDIndex(":, :{}", embeddingDim));
    }

    /** The columns of a first-layer weight that multiply the item embedding. */
    private NDArray itemColumns(NDArray w1) {
        return w1.get(new NDIndex(":, {}:", embeddingDim));
    }

    /**
     * Runs the tower for every (user, item) pair of a chunk of users given the item half, returning
     * the last hidden layer of shape (U * N, last), users major.
     */
    NDArray allPairs(NDArray users, NDArray itemHalf) {
        NDArray userHalf = userHalf(users); // (U, h1)
        long numUsers = users.getShape().get(0);
        long numItems = itemHalf.getShape().get(0);
        NDArray x = Activation.relu(userHalf.expandDims(1).add(itemHalf.expandDims(0)))
                .reshape(numUsers * numItems, layers[0]);
        return upperLayers(x);
    }

    /**
     * Runs the tower for arbitrary pairs, factorised: given the first layer's user half of the
     * distinct users and item half of the distinct items, gathers them per pair, so each pair costs
     * only the layers above the first. Returns the last hidden layer, (B, last).
     *
     * @param userHalf {@link #userHalf(NDArray)} of the distinct users, (nu, h1)
     * @param userPos per pair, the row of its user in {@code userHalf}, (B)
     * @param itemHalf {@link #itemHalf(NDArray)} of the distinct items, (ni, h1)
     * @param itemPos per pair, the row of its item in {@code itemHalf}, (B)
     */
    NDArray pairs(NDArray userHalf, NDArray userPos, NDArray itemHalf, NDArray itemPos) {
        NDArray x = NcfBlock.embed(userPos, userHalf);
        x = Activation.relu(x.addi(NcfBlock.embed(itemPos, itemHalf)));
        return upperLayers(x);
    }

    /** What a model puts on top of the tower's last hidden layer to score a step of pairs. */
    interface PairHead {
        /**
         * Scores one step of pairs.
         *
         * @param hidden the tower's last hidden layer for pairs {@code [from, to)}, (to - from, last)
         * @param from first pair of the step, an index into the caller's arrays
         * @param to last pair of the step, exclusive
         * @return the logits, shape (to - from)
         */
        NDArray score(NDArray hidden, int from, int to);
    }

    /**
     * Factorised pair scoring for MLP and NeuMF: the first layer's user half once per distinct user
     * and its item half once per distinct item of {@code [from, to)}, then steps of {@link
     * #pairsPerStep()} pairs, each in its own scope so that its intermediates are freed before the
     * next, running the upper layers and the model's {@code head}.
     *
     * @return the logits of pairs {@code [from, to)}, attached to {@code manager}
     */
    NDArray scorePairs(NDManager manager, int[] users, int[] items, int from, int to,
            PairHead head) {
        Distinct du = Distinct.of(users, from, to, owner.numUsers());
        Distinct di = Distinct.of(items, from, to, owner.numItems());
        return NcfBlock.scoped(manager, () -> {
            NDArray userHalf = userHalf(manager.create(du.values));
            NDArray itemHalf = itemHalf(manager.create(di.values));
            int step = pairsPerStep();
            NDList parts = new NDList();
            for (int start = from; start < to; start += step) {
                int s = start;
                int e = Math.min(to, start + step);
                parts.add(NcfBlock.scoped(manager, () -> {
                    NDArray hidden = pairs(userHalf,
                            manager.create(Arrays.copyOfRange(du.positions, s - from, e - from)),
                            itemHalf,
                            manager.create(Arrays.copyOfRange(di.positions, s - from, e - from)));
                    return new NDList(head.score(hidden, s, e));
                }).singletonOrThrow());
            }
            return new NDList(parts.size() == 1 ? parts.head() : NDArrays.concat(parts));
        }).singletonOrThrow();
    }

    /**
     * Pairs per step of factorised pair scoring: first-layer activations of about 1M floats (4 MB)
     * per step, the size that measured fastest for all-items scoring; larger steps allocate fresh
     * native memory (page faults) and leave the cache.
     */
    int pairsPerStep() {
        return Math.max(1, (1 << 20) / Math.max(layers[0], 1));
    }

    /** Layers 2..K with their ReLUs, over first-layer activations (B, h1). */
    private NDArray upperLayers(NDArray x) {
        for (int l = 1; l < layers.length; l++) {
            x = Activation.relu(NcfBlock.linear(x, weights[l].getArray(), biases[l].getArray()));
        }
        return x;
    }
}
