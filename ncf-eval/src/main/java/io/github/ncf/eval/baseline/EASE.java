package io.github.ncf.eval.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.ncf.core.Engines;
import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * EASE, the closed-form linear item-to-item autoencoder of Steck ("Embarrassingly Shallow
 * Autoencoders for Sparse Data", WWW 2019): a user's score for item {@code j} is {@code sum over the
 * user's training items i of B[i][j]}, with
 * {@code B = I - P diag(1 / diag(P))}, {@code P = (X^T X + lambda I)^-1} and {@code diag(B) = 0},
 * where {@code X} is the binary user-by-item training matrix.
 *
 * <pre>{@code
 * EASE ease = EASE.builder().lambda(100).fit(split.train());
 * EvaluationResult r = evaluator.evaluate(ease);
 * }</pre>
 *
 * <p>The Gram matrix {@code X^T X} is counted in Java from the sparse rows (cost {@code sum over
 * users of items^2 / 2}); the inverse runs on DJL's PyTorch engine ({@link NDArray#inverse()},
 * float32), which took 19 times less CPU than a plain-Java double Cholesky inverse on ML-100k's 1,682
 * items (0.18 s against 3.5 s of thread CPU, one intra-op thread) with weights within 2e-6 of the
 * double ones ({@code EaseBenchmark} in {@code ncf-examples}). {@code B} is kept as one dense float
 * array, so a catalogue holds at most {@value #MAX_ITEMS} items (Java's array limit); memory grows
 * as items squared (4 bytes each on the heap, about three times that in native memory while
 * inverting) and time as items cubed: the module README gives measured figures at scale. Scoring a
 * user costs {@code items of the user x catalogue} additions. Thread-safe once fitted.
 */
public final class EASE implements Scorer {

    /** The default L2 regularisation, chosen on ML-100k's validation split. */
    public static final double DEFAULT_LAMBDA = 100;
    /** The largest catalogue: {@code MAX_ITEMS^2} is the largest square that fits in one array. */
    public static final int MAX_ITEMS = 46_340;

    /** Floats per block moved between heap and native memory: 256 MB. */
    private static final int TRANSFER_FLOATS = 1 << 26;

    private final double lambda;
    private final int numItems;
    private final UserHistories histories;
    private final float[] weights; // B, row-major: weights[i * numItems + j] = B[i][j]

    private EASE(Builder b, Interactions train) {
        this.lambda = b.lambda;
        this.numItems = train.numItems();
        this.histories = new UserHistories(train);
        this.weights = solve(gram(train, lambda), numItems, Math.max(1, TRANSFER_FLOATS / numItems));
    }

    /** @return a new builder with {@code lambda} {@value #DEFAULT_LAMBDA} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits EASE with the default {@code lambda}.
     *
     * @param train the training interactions
     * @return the fitted scorer
     */
    public static EASE fit(Interactions train) {
        return builder().fit(train);
    }

    /** @return the L2 regularisation */
    public double lambda() {
        return lambda;
    }

    /**
     * Returns one weight of the item-to-item matrix.
     *
     * @param from the item a user has
     * @param to the item being scored
     * @return {@code B[from][to]}; zero on the diagonal
     */
    public float weight(int from, int to) {
        Objects.checkIndex(from, numItems);
        Objects.checkIndex(to, numItems);
        return weights[from * numItems + to];
    }

    /** {@code X^T X + lambda I}, counted from each user's distinct items (the upper half, mirrored). */
    static float[] gram(Interactions train, double lambda) {
        int n = train.numItems();
        if (n > MAX_ITEMS) {
            throw new IllegalArgumentException("EASE holds an items x items matrix in one array: at most "
                    + MAX_ITEMS + " items, got " + n);
        }
        float[] g = new float[n * n];
        int[] offsets = train.userItemOffsets();
        int[] items = train.userItemIndex();
        for (int u = 0; u < train.numUsers(); u++) {
            int to = offsets[u + 1];
            for (int a = offsets[u]; a < to; a++) {
                int row = items[a] * n;
                // Items are ascending, so items[b] >= items[a]: the upper triangle, diagonal included.
                for (int b = a; b < to; b++) {
                    g[row + items[b]] += 1f;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                g[j * n + i] = g[i * n + j];
            }
            g[i * n + i] += (float) lambda;
        }
        return g;
    }

    /**
     * Inverts the regularised Gram matrix on PyTorch and turns P into B, reusing the Gram's array so
     * that the heap holds one items-squared matrix, not two. The matrix crosses to and from native
     * memory in blocks of rows because a direct buffer holds at most 2 GB (23,170 items squared).
     */
    static float[] solve(float[] gram, int n, int rows) {
        try (NDManager manager = Engines.start().newBaseManager()) {
            NDList blocks = new NDList();
            for (int from = 0; from < n; from += rows) {
                int to = Math.min(n, from + rows);
                FloatBuffer block = FloatBuffer.wrap(gram, from * n, (to - from) * n).slice();
                blocks.add(manager.create(block, new Shape(to - from, n)));
            }
            NDArray g = blocks.size() == 1 ? blocks.singletonOrThrow() : NDArrays.concat(blocks);
            if (blocks.size() > 1) {
                blocks.close();
            }
            NDArray p = g.inverse();
            g.close();
            for (int from = 0; from < n; from += rows) {
                int to = Math.min(n, from + rows);
                try (NDArray block = p.get(new NDIndex("{}:{}", from, to))) {
                    block.toByteBuffer().asFloatBuffer().get(gram, from * n, (to - from) * n);
                }
            }
        }
        toWeights(gram, n);
        return gram;
    }

    /** {@code B = -P / diag(P)} column by column, {@code diag(B) = 0}: P becomes B in place. */
    static void toWeights(float[] p, int n) {
        float[] scale = new float[n];
        for (int j = 0; j < n; j++) {
            scale[j] = -1f / p[j * n + j];
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                p[row + j] *= scale[j];
            }
            p[row + i] = 0f;
        }
    }

    @Override
    public int numUsers() {
        return histories.numUsers();
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        UserHistories.checkPairs(this, users, items, out);
        for (int k = 0; k < users.length; k++) {
            int user = users[k];
            float s = 0;
            for (int p = histories.from(user); p < histories.to(user); p++) {
                s += weights[histories.item(p) * numItems + items[k]];
            }
            out[k] = s;
        }
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        UserHistories.checkAll(this, users, out);
        int n = numItems;
        for (int b = 0; b < users.length; b++) {
            int base = b * n;
            Arrays.fill(out, base, base + n, 0f);
            for (int p = histories.from(users[b]); p < histories.to(users[b]); p++) {
                int row = histories.item(p) * n;
                for (int j = 0; j < n; j++) {
                    out[base + j] += weights[row + j];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "EASE{lambda=" + lambda + ", users=" + numUsers() + ", items=" + numItems + "}";
    }

    /** Configures and fits {@link EASE}; reusable, one builder can fit several training sets. */
    public static final class Builder {

        private double lambda = DEFAULT_LAMBDA;

        private Builder() {
        }

        /**
         * Sets the L2 regularisation added to the Gram matrix's diagonal.
         *
         * @param lambda finite and {@code > 0} (default {@value EASE#DEFAULT_LAMBDA})
         * @return this builder
         */
        public Builder lambda(double lambda) {
            this.lambda = Checks.positiveFinite("lambda", lambda);
            return this;
        }

        /**
         * Fits EASE to training interactions, starting DJL's PyTorch engine offline if needed.
         *
         * @param train the training interactions; its users and items are the scorer's
         * @return the fitted scorer
         * @throws IllegalArgumentException if the catalogue exceeds {@value EASE#MAX_ITEMS} items
         */
        public EASE fit(Interactions train) {
            Objects.requireNonNull(train, "train");
            return new EASE(this, train);
        }

        @Override
        public String toString() {
            return "EASE.Builder{lambda=" + lambda + "}";
        }
    }
}
