package io.github.ncf.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.pytorch.jni.JniUtils;
import io.github.ncf.core.model.EmbeddingLookup;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradients and optimizer updates of a block's embedding tables, computed in Java with exactly
 * the float operations of torch's autograd and of {@link TorchOptimizer}'s kernels, in a fraction of
 * their memory traffic.
 *
 * <p>Why: torch's dense embedding backward allocates and zero-fills a gradient the size of the
 * whole table for every forward pass, adds the batch's rows into it one small kernel call per row,
 * and autograd then adds that into the table's gradient; the optimizer reads and writes the table,
 * its gradient and both Adam moments in about ten separate passes, and the gradient is zeroed
 * again. At MovieLens-20M size (16 M embedding parameters, five passes per step) that is several
 * GB of memory traffic per step. Here the forward pass looks rows up without recording
 * ({@link #rows}), makes them a leaf of the graph, and after the backward pass adds each leaf's
 * gradient into a per-pass sum of the touched rows and that sum into the table's gradient: the same
 * additions in the same order as torch's {@code embedding_dense_backward} followed by autograd's
 * accumulation, so the gradient is bit-identical. The update then runs as one fused pass over the
 * table in chunks (Adam's every-row decay kept: the mathematics of torch's dense Adam), or over the
 * touched rows only in lazy mode, with each operation rounded as in the native kernels ({@code m =
 * fma(g, 1 - beta1, m * beta1)} as torch's vectorised {@code add_} with alpha, {@code v = fma((1 -
 * beta2) * g, g, v * beta2)} as its {@code addcmul_}, IEEE division), and the square root taken
 * by torch itself, one native call per chunk (oneMKL's square root is not always correctly
 * rounded). The table's values are read and written in place through a direct buffer over the
 * tensor's memory; the moments and the gradient live in Java arrays.
 *
 * <p>Not thread-safe; one instance serves one {@code fit} call.
 */
final class EmbeddingTables implements EmbeddingLookup {

    /**
     * Floats of a table updated per chunk: the chunk's arrays stay in the cache, and the square
     * root's native call is amortised over the chunk.
     */
    private static final int CHUNK = 1 << 16;

    private final Map<Parameter, Table> tables = new IdentityHashMap<>();
    private final List<Table> order = new ArrayList<>();
    private final List<Gather> gathers = new ArrayList<>();
    private final OptimizerKind kind;
    // A chunk of a table's values, the square roots of its second moments (Adagrad: sums), the
    // decayed gradient (Adagrad), packed touched rows (lazy mode), and the square root's input.
    private final float[] chunk = new float[CHUNK];
    private final float[] roots = new float[CHUNK];
    private final float[] decayed;
    private final State packed;
    private final ByteBuffer sqrtInput;
    private float[] rowGradients = new float[0];

    /** A lookup of one forward pass: its table, its row indices and the leaf that holds the rows. */
    private record Gather(Table table, NDArray ids, NDArray rows) {
    }

    /**
     * Takes over the gradients and updates of the given tables.
     *
     * @param params embedding tables, each of shape (rows, dim)
     * @param kind the optimizer, which decides the state kept per table
     */
    EmbeddingTables(List<Parameter> params, OptimizerKind kind, boolean lazy) {
        this.kind = kind;
        this.decayed = kind == OptimizerKind.ADAGRAD ? new float[CHUNK] : null;
        this.packed = lazy ? new State(CHUNK, kind) : null;
        this.sqrtInput = kind == OptimizerKind.SGD ? null
                : ByteBuffer.allocateDirect(CHUNK * Float.BYTES).order(ByteOrder.nativeOrder());
        for (Parameter p : params) {
            Table t = new Table(p, kind);
            tables.put(p, t);
            order.add(t);
        }
    }

    /** @return the tables' parameters, in the order given */
    List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Table t : order) {
            out.add(t.param);
        }
        return out;
    }

    /**
     * Looks the rows up without recording (no dense gradient of the table will exist) and returns
     * them as a leaf that records its own gradient, collected by {@link #collectGradients()}.
     */
    @Override
    public NDArray rows(Parameter table, NDArray ids) {
        Table t = tables.get(table);
        if (t == null) {
            throw new IllegalStateException("embedding table " + table.getName()
                    + " is not among the tables this fit updates");
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        NDArray rows;
        try {
            rows = Embedding.embedding(ids, t.param.getArray(), SparseFormat.DENSE).singletonOrThrow();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        rows.attach(ids.getManager());
        rows.setRequiresGradient(true);
        gathers.add(new Gather(t, ids, rows));
        return rows;
    }

    /**
     * After a backward pass: adds the gradient of every row looked up since the last call into its
     * table's gradient, as autograd would have, and forgets the lookups.
     */
    void collectGradients() {
        for (Gather g : gathers) {
            int[] ids = g.ids.toIntArray();
            Table t = g.table;
            int n = ids.length * t.dim;
            if (rowGradients.length < n) {
                rowGradients = new float[n];
            }
            NDArray grad = g.rows.getGradient();
            FloatBuffer values = grad.toByteBuffer(true).asFloatBuffer();
            values.get(0, rowGradients, 0, n);
            grad.close();
            t.accumulate(ids, rowGradients);
        }
        gathers.clear();
    }

    /**
     * Applies one optimizer step to every table from its gradient and zeroes the gradient.
     *
     * @param scope the step's manager, for the square roots' temporary arrays
     * @param step the 1-based step number (Adam's bias correction)
     * @param learningRate the learning rate
     * @param l2 the coupled weight decay, {@code g += l2 * w}
     * @param lazy whether only the rows the step touched are updated
     */
    void step(NDManager scope, int step, float learningRate, float l2, boolean lazy) {
        float lrbc = 0f;
        float eps = 0f;
        if (kind == OptimizerKind.ADAM) {
            double bc1 = 1.0 - Math.pow(TorchOptimizer.BETA1, step);
            double bc2 = 1.0 - Math.pow(TorchOptimizer.BETA2, step);
            double sqrtBc2 = Math.sqrt(bc2);
            // As TorchOptimizer.adam: torch's rule in DJL's kernel with a scaled eps.
            lrbc = (float) (learningRate * sqrtBc2 / bc1);
            eps = (float) (TorchOptimizer.ADAM_EPS * sqrtBc2);
        }
        for (Table t : order) {
            FloatBuffer w = t.param.getArray().toByteBuffer(true).asFloatBuffer();
            if (lazy) {
                // Touched rows, packed into whole chunks of rows.
                int perChunk = Math.max(1, CHUNK / t.dim);
                for (int first = 0; first < t.touchedCount; first += perChunk) {
                    int count = Math.min(perChunk, t.touchedCount - first);
                    if (count * t.dim > CHUNK) {
                        throw new IllegalStateException("embedding rows of " + t.dim
                                + " values exceed the update chunk of " + CHUNK);
                    }
                    packRows(t, w, first, count);
                    update(scope, t, packed, 0, count * t.dim, learningRate, l2, lrbc, eps);
                    unpackRows(t, w, first, count);
                }
            } else {
                for (int from = 0; from < t.size; from += CHUNK) {
                    int len = Math.min(CHUNK, t.size - from);
                    w.get(from, chunk, 0, len);
                    update(scope, t, t.state, from, len, learningRate, l2, lrbc, eps);
                    w.put(from, chunk, 0, len);
                }
            }
            t.clearGradient();
        }
    }

    /** Copies touched rows {@code [first, first + count)} of a table and its state into {@link #packed}. */
    private void packRows(Table t, FloatBuffer w, int first, int count) {
        int d = t.dim;
        for (int k = 0; k < count; k++) {
            int at = t.touchedRows[first + k] * d;
            w.get(at, chunk, k * d, d);
            System.arraycopy(t.grad, at, packed.grad, k * d, d);
            if (t.state.m != null) {
                System.arraycopy(t.state.m, at, packed.m, k * d, d);
            }
            if (t.state.v != null) {
                System.arraycopy(t.state.v, at, packed.v, k * d, d);
            }
        }
    }

    /** Writes packed rows back into the table and its state. */
    private void unpackRows(Table t, FloatBuffer w, int first, int count) {
        int d = t.dim;
        for (int k = 0; k < count; k++) {
            int at = t.touchedRows[first + k] * d;
            w.put(at, chunk, k * d, d);
            if (t.state.m != null) {
                System.arraycopy(packed.m, k * d, t.state.m, at, d);
            }
            if (t.state.v != null) {
                System.arraycopy(packed.v, k * d, t.state.v, at, d);
            }
        }
    }

    /**
     * Updates {@code len} values: the table's values in {@link #chunk}, their gradient and state in
     * {@code state} from {@code from}.
     */
    private void update(NDManager scope, Table t, State state, int from, int len, float lr,
            float l2, float lrbc, float eps) {
        switch (kind) {
            case ADAM -> {
                adamMoments(chunk, state.grad, state.m, state.v, from, len, l2);
                sqrt(scope, state.v, from, len);
                adamStep(chunk, state.m, roots, from, len, lrbc, eps);
            }
            case SGD -> sgd(chunk, state.grad, from, len, l2, lr);
            case ADAGRAD -> {
                adagradSums(chunk, state.grad, state.m, decayed, from, len, l2);
                sqrt(scope, state.m, from, len);
                adagradStep(chunk, decayed, roots, len, lr);
            }
            default -> throw new UnsupportedOperationException("optimizer " + kind);
        }
    }

    /**
     * Square roots of {@code values[from, from + len)} into {@link #roots}, by torch's own square
     * root: on the CPU it is oneMKL's, which is not always correctly rounded, and the updates must
     * round as torch's do.
     */
    private void sqrt(NDManager scope, float[] values, int from, int len) {
        FloatBuffer in = sqrtInput.asFloatBuffer();
        in.put(0, values, from, len);
        ByteBuffer view = sqrtInput.duplicate().order(ByteOrder.nativeOrder());
        view.limit(len * Float.BYTES);
        try (NDManager temp = scope.newSubManager()) {
            NDArray x = temp.create(view.slice().order(ByteOrder.nativeOrder()), new Shape(len),
                    DataType.FLOAT32);
            x.sqrt().toByteBuffer(true).asFloatBuffer().get(0, roots, 0, len);
        }
    }

    /**
     * Adam's moments as DJL's kernel computes them in torch: the gradient (never -0, so adding
     * {@code w * 0} when l2 is 0 leaves it unchanged, as the kernel's {@code add_(w, 0)} does),
     * {@code m = fma(g, 1 - b1, m * b1)} (vectorised {@code add_} with alpha), {@code v = fma((1 -
     * b2) * g, g, v * b2)} (vectorised {@code addcmul_}).
     */
    static void adamMoments(float[] w, float[] g, float[] m, float[] v, int from, int len, float l2) {
        float b1 = TorchOptimizer.BETA1;
        float b2 = TorchOptimizer.BETA2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        for (int j = 0; j < len; j++) {
            int k = from + j;
            float gk = g[k] + w[j] * l2;
            m[k] = Math.fma(gk, c1, m[k] * b1);
            v[k] = Math.fma(c2 * gk, gk, v[k] * b2);
        }
    }

    /** Adam's step given the square roots of v: {@code w -= m * lrbc / (sqrt(v) + eps)}. */
    static void adamStep(float[] w, float[] m, float[] roots, int from, int len, float lrbc,
            float eps) {
        for (int j = 0; j < len; j++) {
            w[j] = w[j] - m[from + j] * lrbc / (roots[j] + eps);
        }
    }

    /** torch's SGD: {@code w -= (g + l2 * w) * lr}. */
    static void sgd(float[] w, float[] g, int from, int len, float l2, float lr) {
        for (int j = 0; j < len; j++) {
            float wk = w[j];
            float gk = g[from + j] + wk * l2;
            w[j] = wk - gk * lr;
        }
    }

    /** Adagrad's sums as TorchOptimizer computes them, {@code s += g * g}; the decayed g kept. */
    static void adagradSums(float[] w, float[] g, float[] s, float[] decayed, int from, int len,
            float l2) {
        for (int j = 0; j < len; j++) {
            int k = from + j;
            float gk = g[k] + w[j] * l2;
            decayed[j] = gk;
            s[k] = s[k] + gk * gk;
        }
    }

    /** Adagrad's step given the square roots of the sums: {@code w -= g * lr / (sqrt(s) + eps)}. */
    static void adagradStep(float[] w, float[] g, float[] roots, int len, float lr) {
        float eps = TorchOptimizer.ADAGRAD_EPS;
        for (int j = 0; j < len; j++) {
            w[j] = w[j] - g[j] * lr / (roots[j] + eps);
        }
    }

    /** A table's gradient and optimizer state, or a chunk of packed rows of them. */
    private static final class State {
        final float[] grad;
        final float[] m;
        final float[] v;

        State(int size, OptimizerKind kind) {
            grad = new float[size];
            m = kind == OptimizerKind.SGD ? null : new float[size];
            v = kind == OptimizerKind.ADAM ? new float[size] : null;
        }
    }

    /** One table: its gradient, optimizer state and the rows the current step touched. */
    private static final class Table {
        final Parameter param;
        final int rows;
        final int dim;
        final int size;
        final State state;
        final float[] grad;
        // Rows the step touched, to zero their gradient afterwards (and to update in lazy mode).
        final boolean[] touched;
        final int[] touchedRows;
        int touchedCount;
        // One lookup's sum per distinct row, in the order of first occurrence.
        final int[] passStamp;
        final int[] passSlot;
        final int[] passRows;
        float[] passSums = new float[0];
        int stamp;

        Table(Parameter param, OptimizerKind kind) {
            this.param = param;
            long[] shape = param.getArray().getShape().getShape();
            if (shape.length != 2 || shape[0] * shape[1] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("embedding table " + param.getName()
                        + " must be 2-dimensional with fewer than 2^31 values, got shape "
                        + param.getArray().getShape());
            }
            rows = (int) shape[0];
            dim = (int) shape[1];
            size = rows * dim;
            state = new State(size, kind);
            grad = state.grad;
            touched = new boolean[rows];
            touchedRows = new int[rows];
            passStamp = new int[rows];
            passSlot = new int[rows];
            passRows = new int[rows];
        }

        /**
         * Adds one lookup's row gradients: torch's dense embedding backward sums them per row, in
         * the order of the lookup, into zeros, and autograd adds that sum into the table's gradient.
         * A row the step has not touched yet has a zero gradient, and {@code 0 + s} is {@code s}
         * exactly (a sum that starts from +0 is never -0), so its rows are summed straight into the
         * gradient; only rows an earlier lookup of the step touched go through a per-lookup sum.
         */
        void accumulate(int[] ids, float[] rowGrads) {
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(passStamp, 0);
                stamp = 1;
            }
            int distinct = 0;
            for (int i = 0; i < ids.length; i++) {
                int r = ids[i];
                float[] sums;
                int s;
                if (passStamp[r] != stamp) {
                    passStamp[r] = stamp;
                    if (!touched[r]) {
                        touched[r] = true;
                        touchedRows[touchedCount++] = r;
                        passSlot[r] = -1;
                        sums = grad;
                        s = r * dim;
                    } else {
                        int slot = distinct++;
                        passSlot[r] = slot;
                        passRows[slot] = r;
                        if (passSums.length < distinct * dim) {
                            passSums = Arrays.copyOf(passSums, Math.max(distinct * dim,
                                    Math.min(ids.length, rows) * dim));
                        }
                        s = slot * dim;
                        Arrays.fill(passSums, s, s + dim, 0f);
                        sums = passSums;
                    }
                } else {
                    int slot = passSlot[r];
                    sums = slot < 0 ? grad : passSums;
                    s = slot < 0 ? r * dim : slot * dim;
                }
                int gi = i * dim;
                for (int j = 0; j < dim; j++) {
                    sums[s + j] += rowGrads[gi + j];
                }
            }
            for (int slot = 0; slot < distinct; slot++) {
                int s = slot * dim;
                int gr = passRows[slot] * dim;
                for (int j = 0; j < dim; j++) {
                    grad[gr + j] += passSums[s + j];
                }
            }
        }

        void clearGradient() {
            for (int k = 0; k < touchedCount; k++) {
                int r = touchedRows[k];
                touched[r] = false;
                Arrays.fill(grad, r * dim, r * dim + dim, 0f);
            }
            touchedCount = 0;
        }
    }
}
