package io.github.ncf.core.train.vector;

import io.github.ncf.core.model.DropoutMasks;
import io.github.ncf.core.train.internal.FusedTraining;
import io.github.ncf.data.SplitMix64;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Not API: an NCF model's training step in Java with the Vector API, created by {@code NcfTrainer}
 * through reflection, and only in a JVM started with {@code --add-modules jdk.incubator.vector}.
 * See {@link FusedTraining} for the mathematics it shares with the torch path.
 *
 * <p>The first MLP layer's item half {@code W1i q} depends on the item and on weights that do not
 * change within a batch: it is computed once per distinct item of the batch, and its gradient is
 * summed per item before the two products that turn it into the weights' and the embeddings'
 * gradients (at MovieLens-20M size a batch of 327,680 rows has at most 26,744 items: about 40% of a
 * row's products are saved). The same mathematics, with the sums in another order.
 *
 * <p>A batch runs pass by pass (the torch path's passes, so that the dropout masks are the same),
 * and each pass block by block: a block of about {@value #BLOCK_ROWS} rows gathers its embedding
 * rows, runs the tower forward (each matrix product a register-blocked kernel of four rows by four
 * vectors, with the bias, the dropout mask and the ReLU applied to its output while it is in the
 * cache), the output layer and the loss, then the backward pass, adding the weights' gradients into
 * per-batch sums and the embedding rows' gradients into their tables' gradients. The activations
 * of a block stay in the core's cache, so no pass over memory is made but the gathers, the scatters
 * and the optimizer's. The optimizer then updates every parameter in one vectorised pass per array
 * (Adam's every-row decay kept unless lazy), zeroing the gradient as it goes.
 *
 * <p>The dropout mask of a layer in a pass is {@code DropoutMasks}' counter-based hash of the
 * element's index in the pass's (rows x units) activation, keyed by a seed drawn per pass and layer
 * from a SplitMix64 stream of the same seed: bit for bit the torch path's masks.
 *
 * <p>Not thread-safe: one instance serves one fit.
 */
public final class FusedNetwork implements FusedTraining {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final int L = F.length();
    /** Rows per block: a block's activations and their gradients stay in a core's L2 cache. */
    static final int BLOCK_ROWS = 320;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;
    private static final float ADAGRAD_EPS = 1e-10f;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private enum Rule { ADAM, SGD, ADAGRAD }

    private final int numUsers;
    private final int numItems;
    private final int gd;
    private final int md;
    private final int[] h;
    private final int nl;
    private final float dropout;
    private final float keep;
    private final int threshold;
    private final Rule rule;
    private final float lr;
    private final float l2;
    private final boolean lazy;
    private final SplitMix64 maskSeeds;
    private final boolean profile;
    private final long[] phases = new long[3];
    private int step;
    private final int threads;
    private final Worker[] workers;
    /** Runs workers 1.. while the calling thread runs worker 0; null with one thread. */
    private final ExecutorService pool;
    // The current batch's blocks: rows [blockFrom, blockTo) of the pass that starts at blockPass, with
    // that pass's mask seeds passSeeds[blockSeed].
    private int[] blockFrom = new int[0];
    private int[] blockTo = new int[0];
    private int[] blockPass = new int[0];
    private int[] blockSeed = new int[0];
    private int blockCount;
    private long[][] passSeeds = new long[0][];

    // Parameters (torch's layouts, row-major) and their gradients.
    private final Param gmfUser;
    private final Param gmfItem;
    private final Param mlpUser;
    private final Param mlpItem;
    private final Param[] w;
    private final Param[] b;
    private final Param outW;
    private final Param outB;
    private final List<Param> all = new ArrayList<>();
    private final Map<String, float[]> byName = new LinkedHashMap<>();
    // Transposed weights for the forward products: wT[l] (in x h[l]); layer 1 split in halves.
    private final float[][] wT;
    private final float[] w1uT;
    private final float[] w1iT;

    // The batch's distinct items: slot per item (valid where itemStamp equals stamp), item per slot,
    // their MLP embeddings, the first layer's item half, and the sums of its gradient per item.
    private final int[] itemStamp;
    private final int[] itemSlot;
    private int stamp;
    private int[] slotItems = new int[0];
    private int distinct;
    private float[] qd = new float[0];
    private float[] ih = new float[0];
    private float[] dqd = new float[0];

    /**
     * Takes over a model's parameter arrays and sets up their training.
     *
     * @param c the configuration and initial values
     * @throws IllegalArgumentException if a parameter is missing or has the wrong size
     */
    public FusedNetwork(FusedTraining.Config c) {
        numUsers = c.numUsers();
        numItems = c.numItems();
        gd = c.gmfDim();
        md = c.mlpDim();
        h = c.layers().clone();
        nl = h.length;
        if (gd == 0 && md == 0) {
            throw new IllegalArgumentException("a model needs a GMF part or an MLP tower");
        }
        if (md > 0 && nl == 0) {
            throw new IllegalArgumentException("an MLP tower needs at least one layer");
        }
        dropout = c.dropout();
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        keep = dropout > 0f ? (float) (1.0 / (1.0 - dropout)) : 1f;
        threshold = (int) Math.floor((double) dropout * (1 << 24));
        rule = Rule.valueOf(c.optimizer());
        lr = c.learningRate();
        l2 = c.l2();
        lazy = c.lazy();
        maskSeeds = new SplitMix64(c.maskSeed());
        profile = c.profile();
        Map<String, float[]> p = c.parameters();
        gmfUser = gd > 0 ? table(p, "gmf_user_embedding", numUsers, gd) : null;
        gmfItem = gd > 0 ? table(p, "gmf_item_embedding", numItems, gd) : null;
        mlpUser = md > 0 ? table(p, "mlp_user_embedding", numUsers, md) : null;
        mlpItem = md > 0 ? table(p, "mlp_item_embedding", numItems, md) : null;
        w = new Param[nl];
        b = new Param[nl];
        wT = new float[nl][];
        int in = 2 * md;
        for (int l = 0; l < nl; l++) {
            w[l] = dense(p, "mlp_layer" + (l + 1) + "_weight", h[l] * in);
            b[l] = dense(p, "mlp_layer" + (l + 1) + "_bias", h[l]);
            wT[l] = new float[in * h[l]];
            in = h[l];
        }
        outW = dense(p, "output_weight", gd + (md > 0 ? h[nl - 1] : 0));
        outB = dense(p, "output_bias", 1);
        w1uT = md > 0 ? new float[md * h[0]] : null;
        w1iT = md > 0 ? new float[md * h[0]] : null;
        itemStamp = md > 0 ? new int[numItems] : null;
        itemSlot = md > 0 ? new int[numItems] : null;
        refreshTransposes();
        threads = c.threads();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        workers = new Worker[threads];
        for (int k = 0; k < threads; k++) {
            workers[k] = new Worker(k);
        }
        pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "ncf-fused-training");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private Param table(Map<String, float[]> p, String name, int rows, int dim) {
        Param t = new Param(name, values(p, name, rows * dim), rows, dim, rule, lazy, all.size());
        all.add(t);
        byName.put(name, t.w);
        return t;
    }

    private Param dense(Map<String, float[]> p, String name, int size) {
        Param t = new Param(name, values(p, name, size), 0, 0, rule, false, all.size());
        all.add(t);
        byName.put(name, t.w);
        return t;
    }

    private static float[] values(Map<String, float[]> p, String name, int size) {
        float[] v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("parameter " + name + " is missing");
        }
        if (v.length != size) {
            throw new IllegalArgumentException("parameter " + name + " must hold " + size + " values, got "
                    + v.length);
        }
        return v;
    }

    @Override
    public Map<String, float[]> parameters() {
        return byName;
    }

    @Override
    public long[] phaseNanos() {
        return phases.clone();
    }

    @Override
    public String describe() {
        return "fused Java training step, " + L + " float lanes";
    }

    @Override
    public double trainBatch(int[] users, int[] items, float[] labels, int from, int to, int groupSize,
            int passRows) {
        if (groupSize < 1 || passRows < groupSize || passRows % groupSize != 0 || (to - from) % groupSize != 0) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " in passes of " + passRows
                    + " must be whole groups of " + groupSize);
        }
        int len = to - from;
        float invLen = 1f / len;
        int blockRows = Math.max(groupSize, BLOCK_ROWS / groupSize * groupSize);
        long t0 = profile ? CPU.getCurrentThreadCpuTime() : 0;
        if (md > 0) {
            itemHalves(items, from, to);
        }
        // The batch's blocks, within its passes, and each pass's mask seeds, drawn in pass order.
        int passes = (len + passRows - 1) / passRows;
        int maxBlocks = passes * ((passRows + blockRows - 1) / blockRows);
        if (blockFrom.length < maxBlocks) {
            blockFrom = new int[maxBlocks];
            blockTo = new int[maxBlocks];
            blockPass = new int[maxBlocks];
            blockSeed = new int[maxBlocks];
        }
        if (passSeeds.length < passes) {
            passSeeds = new long[passes][nl];
        }
        blockCount = 0;
        int pass = 0;
        for (int pf = from; pf < to; pf += passRows, pass++) {
            int pt = Math.min(to, pf + passRows);
            if (dropout > 0f && md > 0) {
                for (int l = 0; l < nl; l++) {
                    passSeeds[pass][l] = maskSeeds.nextLong();
                }
            }
            for (int bf = pf; bf < pt; bf += blockRows) {
                blockFrom[blockCount] = bf;
                blockTo[blockCount] = Math.min(pt, bf + blockRows);
                blockPass[blockCount] = pf;
                blockSeed[blockCount] = pass;
                blockCount++;
            }
        }
        for (Worker wk : workers) {
            wk.users = users;
            wk.items = items;
            wk.labels = labels;
            wk.gs = groupSize;
            wk.invLen = invLen;
            wk.ensure(Math.min(blockRows, len), Math.min(blockRows, len) / groupSize);
        }
        double loss = runWorkers();
        if (md > 0) {
            long tb = profile ? CPU.getCurrentThreadCpuTime() : 0;
            itemHalfGradients();
            if (profile) {
                long te = CPU.getCurrentThreadCpuTime();
                phases[1] += te - tb;
                phases[0] -= te - tb;
            }
        }
        long t1 = profile ? CPU.getCurrentThreadCpuTime() : 0;
        step++;
        for (Param p : all) {
            update(p);
        }
        refreshTransposes();
        if (profile) {
            phases[2] += CPU.getCurrentThreadCpuTime() - t1;
            phases[0] += t1 - t0;
        }
        return loss / len;
    }

    /** Runs the batch's blocks on the workers and adds the later workers' sums into the first's. */
    private double runWorkers() {
        if (pool == null) {
            return workers[0].call();
        }
        List<Future<Double>> futures = new ArrayList<>();
        for (int k = 1; k < threads; k++) {
            futures.add(pool.submit(workers[k]));
        }
        double loss = workers[0].call();
        for (Future<Double> f : futures) {
            try {
                loss += f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training a batch", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("a training thread failed", cause);
            }
        }
        int ihLength = md > 0 ? distinct * h[0] : 0;
        for (int k = 1; k < threads; k++) {
            workers[k].reduceInto(workers[0].ihg, ihLength);
        }
        return loss;
    }

    /**
     * The first layer's item half {@code W1i q} of every distinct item of rows {@code [from, to)},
     * once per batch (the weights do not change within it), and zeroed sums of its gradient.
     */
    private void itemHalves(int[] items, int from, int to) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(itemStamp, 0);
            stamp = 1;
        }
        int n = 0;
        int cap = Math.min(numItems, to - from);
        if (slotItems.length < cap) {
            slotItems = new int[cap];
        }
        for (int r = from; r < to; r++) {
            int it = items[r];
            if (itemStamp[it] != stamp) {
                itemStamp[it] = stamp;
                itemSlot[it] = n;
                slotItems[n++] = it;
            }
        }
        distinct = n;
        int h1 = h[0];
        if (ih.length < n * h1) {
            int grown = Math.max(n, Math.min(cap, 2 * n));
            ih = new float[grown * h1];
            qd = new float[grown * md];
            dqd = new float[grown * md];
        }
        for (Worker wk : workers) {
            if (wk.ihg.length < n * h1) {
                wk.ihg = new float[ih.length];
            }
            Arrays.fill(wk.ihg, 0, n * h1, 0f);
        }
        for (int k = 0; k < n; k++) {
            System.arraycopy(mlpItem.w, slotItems[k] * md, qd, k * md, md);
        }
        Arrays.fill(ih, 0, n * h1, 0f);
        gemm(n, h1, md, qd, 0, md, 1, w1iT, 0, h1, ih, 0, h1);
    }

    /**
     * From the item half's gradient summed per item: the first layer's item-column gradient {@code
     * sum_i g_i q_i^T} and each item's embedding gradient {@code W1i^T g_i}.
     */
    private void itemHalfGradients() {
        int n = distinct;
        int h1 = h[0];
        float[] ihGrad = workers[0].ihg;
        gemm(h1, md, n, ihGrad, 0, 1, h1, qd, 0, md, w[0].g, md, 2 * md);
        Arrays.fill(dqd, 0, n * md, 0f);
        gemm(n, md, h1, ihGrad, 0, h1, 1, w[0].w, md, 2 * md, dqd, 0, md);
        for (int k = 0; k < n; k++) {
            mlpItem.addRow(slotItems[k], dqd, k * md);
        }
    }

    /**
     * One thread's share of a batch: its blocks' scratch space, and sums of the gradients its blocks
     * add (the first worker's are the parameters' own; the others' are added into them, in worker
     * order, after the batch's blocks: the same sums for the same thread count, run after run).
     */
    private final class Worker implements Callable<Double> {
        final int id;
        // Per parameter index: the gradient this worker adds into; for workers after the first, the
        // rows of each table it touched.
        final float[][] grads;
        final boolean[][] touched;
        final int[][] touchedRows;
        final int[] touchedCount;
        float[] ihg = new float[0];
        final float[] lanes = new float[L];
        // The batch's blocks this worker runs: every threads-th from its id.
        int[] users;
        int[] items;
        float[] labels;
        int gs;
        float invLen;

        // Block scratch.
        private int capRows;
        private int capGroups;
        private float[] pm;
        private float[] pg;
        private float[] qg;
        private float[] uh;
        private float[][] act;
        private float[] pw;
        private float[] dl;
        private float[] dzA;
        private float[] dzB;
        private float[] dzu;
        private float[] dpm;
        private float[] dpg;
        private float[] dqg;

        Worker(int id) {
            this.id = id;
            grads = new float[all.size()][];
            touched = new boolean[all.size()][];
            touchedRows = new int[all.size()][];
            touchedCount = new int[all.size()];
            for (Param p : all) {
                if (id == 0) {
                    grads[p.index] = p.g;
                } else if (p.dim == 0) {
                    grads[p.index] = new float[p.g.length];
                }
            }
        }

        float[] grad(Param p) {
            return grads[p.index];
        }

        /** Adds a row's gradient into this worker's sum for a table. */
        void addRow(Param p, int row, float[] d, int from) {
            if (id == 0) {
                p.addRow(row, d, from);
                return;
            }
            int k = p.index;
            if (grads[k] == null) {
                grads[k] = new float[p.g.length];
                touched[k] = new boolean[p.g.length / p.dim];
                touchedRows[k] = new int[p.g.length / p.dim];
            }
            if (!touched[k][row]) {
                touched[k][row] = true;
                touchedRows[k][touchedCount[k]++] = row;
            }
            axpy(1f, d, from, grads[k], row * p.dim, p.dim);
        }

        /** Adds this worker's sums into the parameters' gradients and zeroes them (workers after the first). */
        void reduceInto(float[] firstIhg, int ihLength) {
            for (Param p : all) {
                int k = p.index;
                float[] g = grads[k];
                if (g == null) {
                    continue;
                }
                if (p.dim == 0) {
                    axpy(1f, g, 0, p.g, 0, g.length);
                    Arrays.fill(g, 0f);
                } else {
                    for (int j = 0; j < touchedCount[k]; j++) {
                        int row = touchedRows[k][j];
                        touched[k][row] = false;
                        p.addRow(row, g, row * p.dim);
                        Arrays.fill(g, row * p.dim, row * p.dim + p.dim, 0f);
                    }
                    touchedCount[k] = 0;
                }
            }
            if (ihLength > 0) {
                axpy(1f, ihg, 0, firstIhg, 0, ihLength);
            }
        }

        @Override
        public Double call() {
            double loss = 0;
            for (int k = id; k < blockCount; k += threads) {
                loss += block(users, items, labels, blockFrom[k], blockTo[k], blockPass[k], gs, invLen,
                        passSeeds[blockSeed[k]]);
            }
            return loss;
        }

        void ensure(int rows, int groups) {
            if (rows <= capRows && groups <= capGroups) {
                return;
            }
            capRows = Math.max(rows, capRows);
            capGroups = Math.max(groups, capGroups);
            int r = capRows;
            int g = capGroups;
            pm = new float[g * md];
            pg = new float[g * gd];
            qg = new float[r * gd];
            pw = new float[g * gd];
            dpg = new float[g * gd];
            dqg = new float[r * gd];
            dl = new float[r];
            act = new float[nl][];
            int widest = Math.max(md, 1);
            for (int l = 0; l < nl; l++) {
                act[l] = new float[r * h[l]];
                widest = Math.max(widest, h[l]);
            }
            uh = new float[g * (nl > 0 ? h[0] : 0)];
            dzu = new float[g * (nl > 0 ? h[0] : 0)];
            dzA = new float[r * widest];
            dzB = new float[r * widest];
            dpm = new float[g * md];
        }

        /** One block of rows {@code [bf, bt)} of the pass that starts at {@code pf}: returns its loss sum. */
        double block(int[] users, int[] items, float[] labels, int bf, int bt, int pf, int gs,
                    float invLen, long[] seeds) {
            int rows = bt - bf;
            int groups = rows / gs;
            // Gather.
            for (int g = 0; g < groups; g++) {
                int u = users[bf + g * gs];
                if (md > 0) {
                    System.arraycopy(mlpUser.w, u * md, pm, g * md, md);
                }
                if (gd > 0) {
                    System.arraycopy(gmfUser.w, u * gd, pg, g * gd, gd);
                }
            }
            for (int r = 0; r < rows; r++) {
                int it = items[bf + r];
                if (gd > 0) {
                    System.arraycopy(gmfItem.w, it * gd, qg, r * gd, gd);
                }
            }
            int last = nl > 0 ? h[nl - 1] : 0;
            float[] aLast = md > 0 ? act[nl - 1] : null;
            // Tower forward.
            if (md > 0) {
                int h1 = h[0];
                fillRows(uh, groups, h1, b[0].w);
                gemm(groups, h1, md, pm, 0, md, 1, w1uT, 0, h1, uh, 0, h1);
                float[] a0 = act[0];
                for (int r = 0; r < rows; r++) {
                    add(uh, (r / gs) * h1, ih, itemSlot[items[bf + r]] * h1, a0, r * h1, h1);
                }
                maskRelu(a0, rows * h1, (bf - pf) * h1, seeds[0]);
                for (int l = 1; l < nl; l++) {
                    fillRows(act[l], rows, h[l], b[l].w);
                    gemm(rows, h[l], h[l - 1], act[l - 1], 0, h[l - 1], 1, wT[l], 0, h[l], act[l], 0, h[l]);
                    maskRelu(act[l], rows * h[l], (bf - pf) * h[l], seeds[l]);
                }
            }
            // Output layer and loss.
            float[] wo = outW.w;
            float bo = outB.w[0];
            if (gd > 0) {
                for (int g = 0; g < groups; g++) {
                    mul(wo, 0, pg, g * gd, pw, g * gd, gd);
                }
            }
            for (int r = 0; r < rows; r++) {
                float sum = 0f;
                if (gd > 0) {
                    sum += dot(pw, (r / gs) * gd, qg, r * gd, gd, lanes);
                }
                if (md > 0) {
                    sum += dot(wo, gd, aLast, r * last, last, lanes);
                }
                dl[r] = sum + bo;
            }
            double loss = lossAndGradient(dl, labels, bf, rows, invLen);
            float gbo = 0f;
            for (int r = 0; r < rows; r++) {
                gbo += dl[r];
            }
            grad(outB)[0] += gbo;
            long tb = profile && id == 0 ? CPU.getCurrentThreadCpuTime() : 0;
            // Backward: output layer and GMF part.
            float[] gwo = grad(outW);
            if (gd > 0) {
                gmfBackward(groups, gs, wo);
            }
            if (md > 0) {
                // Top of the tower: dz = a > 0 ? d * w_out * keep : 0.
                weightedColSum(dl, aLast, rows, last, gwo, gd);
                for (int r = 0; r < rows; r++) {
                    topGrad(dl[r] * keep, wo, gd, aLast, r * last, dzA, r * last, last);
                }
                float[] dz = dzA;
                float[] next = dzB;
                for (int l = nl - 1; l >= 1; l--) {
                    int out = h[l];
                    int in = h[l - 1];
                    colSum(dz, rows, out, grad(b[l]));
                    gemm(out, in, rows, dz, 0, 1, out, act[l - 1], 0, in, grad(w[l]), 0, in);
                    Arrays.fill(next, 0, rows * in, 0f);
                    gemm(rows, in, out, dz, 0, out, 1, w[l].w, 0, in, next, 0, in);
                    reluGrad(next, act[l - 1], rows * in, keep);
                    float[] t = dz;
                    dz = next;
                    next = t;
                }
                int h1 = h[0];
                colSum(dz, rows, h1, grad(b[0]));
                // First layer: the item half's gradient summed per item (its products run once per
                // batch), the user half's per group.
                groupSum(dz, groups, gs, h1, dzu);
                for (int r = 0; r < rows; r++) {
                    axpy(1f, dz, r * h1, ihg, itemSlot[items[bf + r]] * h1, h1);
                }
                gemm(h1, md, groups, dzu, 0, 1, h1, pm, 0, md, grad(w[0]), 0, 2 * md);
                Arrays.fill(dpm, 0, groups * md, 0f);
                gemm(groups, md, h1, dzu, 0, h1, 1, w[0].w, 0, 2 * md, dpm, 0, md);
            }
            // Scatter the embedding rows' gradients.
            for (int g = 0; g < groups; g++) {
                int u = users[bf + g * gs];
                if (md > 0) {
                    addRow(mlpUser, u, dpm, g * md);
                }
                if (gd > 0) {
                    addRow(gmfUser, u, dpg, g * gd);
                }
            }
            if (gd > 0) {
                for (int r = 0; r < rows; r++) {
                    addRow(gmfItem, items[bf + r], dqg, r * gd);
                }
            }
            if (profile && id == 0) {
                long te = CPU.getCurrentThreadCpuTime();
                phases[1] += te - tb;
                phases[0] -= te - tb;
            }
            return loss;
        }

        /**
         * The GMF part's gradients for a block: with {@code t = sum_{r in g} d_r q_r} per group, {@code
         * d w_gmf += p_g (.) t}, {@code d p_g = w_gmf (.) t}, and per row {@code d q_r = d_r (w_gmf (.) p_g)}.
         */
        private void gmfBackward(int groups, int gs, float[] wo) {
            float[] gwo = grad(outW);
            for (int g = 0; g < groups; g++) {
                int go = g * gd;
                int r0 = g * gs;
                int c = 0;
                for (; c + L <= gd; c += L) {
                    FloatVector t = FloatVector.zero(F);
                    for (int j = 0; j < gs; j++) {
                        int r = r0 + j;
                        t = FloatVector.fromArray(F, qg, r * gd + c).fma(FloatVector.broadcast(F, dl[r]), t);
                    }
                    FloatVector.fromArray(F, pg, go + c).fma(t, FloatVector.fromArray(F, gwo, c)).intoArray(gwo, c);
                    FloatVector.fromArray(F, wo, c).mul(t).intoArray(dpg, go + c);
                }
                for (; c < gd; c++) {
                    float t = 0f;
                    for (int j = 0; j < gs; j++) {
                        int r = r0 + j;
                        t = Math.fma(qg[r * gd + c], dl[r], t);
                    }
                    gwo[c] = Math.fma(pg[go + c], t, gwo[c]);
                    dpg[go + c] = wo[c] * t;
                }
                for (int j = 0; j < gs; j++) {
                    int r = r0 + j;
                    scale(dl[r], pw, go, dqg, r * gd, gd);
                }
            }
        }

    }

    /** Refreshes the transposed copies of the tower's weights the forward products read. */
    private void refreshTransposes() {
        if (md == 0) {
            return;
        }
        int h1 = h[0];
        float[] w1 = w[0].w;
        for (int o = 0; o < h1; o++) {
            for (int k = 0; k < md; k++) {
                w1uT[k * h1 + o] = w1[o * 2 * md + k];
                w1iT[k * h1 + o] = w1[o * 2 * md + md + k];
            }
        }
        for (int l = 1; l < nl; l++) {
            int in = h[l - 1];
            float[] wl = w[l].w;
            float[] t = wT[l];
            for (int o = 0; o < h[l]; o++) {
                for (int k = 0; k < in; k++) {
                    t[k * h[l] + o] = wl[o * in + k];
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Optimizer.

    private void update(Param p) {
        float lrbc = 0f;
        float eps = 0f;
        if (rule == Rule.ADAM) {
            double bc1 = 1.0 - Math.pow(BETA1, step);
            double sqrtBc2 = Math.sqrt(1.0 - Math.pow(BETA2, step));
            lrbc = (float) (lr * sqrtBc2 / bc1);
            eps = (float) (ADAM_EPS * sqrtBc2);
        }
        if (p.touchedRows != null) {
            for (int k = 0; k < p.touchedCount; k++) {
                int r = p.touchedRows[k];
                p.touched[r] = false;
                update(p, r * p.dim, p.dim, lrbc, eps);
            }
            p.touchedCount = 0;
        } else {
            update(p, 0, p.w.length, lrbc, eps);
        }
    }

    private void update(Param p, int from, int len, float lrbc, float eps) {
        switch (rule) {
            case ADAM -> adam(p.w, p.g, p.m, p.v, from, len, l2, lrbc, eps);
            case SGD -> sgd(p.w, p.g, from, len, l2, lr);
            case ADAGRAD -> adagrad(p.w, p.g, p.m, from, len, l2, lr);
            default -> throw new IllegalStateException("rule " + rule);
        }
    }

    /** torch's Adam with coupled L2, the bias correction folded as the torch path folds it; g zeroed. */
    static void adam(float[] w, float[] g, float[] m, float[] v, int from, int len, float l2, float lrbc,
            float eps) {
        float c1 = 1f - BETA1;
        float c2 = 1f - BETA2;
        int end = from + len;
        int k = from;
        for (; k + L <= end; k += L) {
            FloatVector wv = FloatVector.fromArray(F, w, k);
            FloatVector gv = FloatVector.fromArray(F, g, k).add(wv.mul(l2));
            FloatVector mv = gv.fma(FloatVector.broadcast(F, c1), FloatVector.fromArray(F, m, k).mul(BETA1));
            FloatVector vv = gv.mul(c2).fma(gv, FloatVector.fromArray(F, v, k).mul(BETA2));
            mv.intoArray(m, k);
            vv.intoArray(v, k);
            wv.sub(mv.mul(lrbc).div(vv.sqrt().add(eps))).intoArray(w, k);
            FloatVector.zero(F).intoArray(g, k);
        }
        for (; k < end; k++) {
            float gk = g[k] + w[k] * l2;
            m[k] = Math.fma(gk, c1, m[k] * BETA1);
            v[k] = Math.fma(c2 * gk, gk, v[k] * BETA2);
            w[k] = w[k] - m[k] * lrbc / ((float) Math.sqrt(v[k]) + eps);
            g[k] = 0f;
        }
    }

    /** torch's SGD with coupled L2; g zeroed. */
    static void sgd(float[] w, float[] g, int from, int len, float l2, float lr) {
        for (int k = from; k < from + len; k++) {
            float wk = w[k];
            w[k] = wk - (g[k] + wk * l2) * lr;
            g[k] = 0f;
        }
    }

    /** torch's Adagrad with coupled L2 (sums in s); g zeroed. */
    static void adagrad(float[] w, float[] g, float[] s, int from, int len, float l2, float lr) {
        for (int k = from; k < from + len; k++) {
            float gk = g[k] + w[k] * l2;
            s[k] = s[k] + gk * gk;
            w[k] = w[k] - gk * lr / ((float) Math.sqrt(s[k]) + ADAGRAD_EPS);
            g[k] = 0f;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Element-wise kernels. Each keeps its vectors inside its own loops: a vector that crossed a
    // method boundary C2 did not inline would be boxed.

    /**
     * Replaces the logits in {@code z[0, rows)} by the loss's gradient {@code (sigmoid(x) - y) /
     * len} and returns the rows' summed loss {@code softplus(x) - x y}, both from one {@code e =
     * exp(-|x|)}: {@code softplus(x) = max(x, 0) + log(1 + e)}, {@code sigmoid(x) = 1 / (1 + e)} for
     * x >= 0 and {@code e / (1 + e)} below, so neither overflows. Scalar {@code Math.exp} and {@code
     * Math.log}, which HotSpot computes alike in interpreted and compiled code; the Vector API's
     * lanewise {@code EXP} does not (SVML once compiled, StrictMath before), and the gradient must be
     * the same run after run.
     */
    private static double lossAndGradient(float[] z, float[] labels, int from, int rows, float invLen) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            float x = z[r];
            float y = labels[from + r];
            double e = Math.exp(-Math.abs((double) x));
            loss += Math.max(x, 0.0) + Math.log(1.0 + e) - (double) x * y;
            float ef = (float) e;
            float sig = (x >= 0f ? 1f : ef) / (1f + ef);
            z[r] = (sig - y) * invLen;
        }
        return loss;
    }

    /** Inverted dropout and ReLU in place over {@code n} activations whose mask index starts at k0. */
    private void maskRelu(float[] c, int n, int k0, long seed) {
        if (dropout == 0f) {
            relu(c, n);
            return;
        }
        int s1 = (int) seed;
        int s2 = (int) (seed >>> 32);
        IntVector iota = IntVector.zero(I).addIndex(1);
        int e = 0;
        for (; e + L <= n; e += L) {
            IntVector hv = iota.add(k0 + e).mul(0x9E3779B9).add(s1);
            hv = hv.lanewise(VectorOperators.XOR, hv.lanewise(VectorOperators.LSHR, 16));
            hv = hv.mul(0x85EBCA6B);
            hv = hv.lanewise(VectorOperators.XOR, hv.lanewise(VectorOperators.LSHR, 13));
            hv = hv.mul(0xC2B2AE35);
            hv = hv.lanewise(VectorOperators.XOR, hv.lanewise(VectorOperators.LSHR, 16));
            hv = hv.lanewise(VectorOperators.XOR, s2);
            hv = hv.lanewise(VectorOperators.XOR, hv.lanewise(VectorOperators.LSHR, 16));
            hv = hv.mul(0x85EBCA6B);
            hv = hv.lanewise(VectorOperators.XOR, hv.lanewise(VectorOperators.LSHR, 13));
            hv = hv.mul(0xC2B2AE35);
            hv = hv.lanewise(VectorOperators.XOR, hv.lanewise(VectorOperators.LSHR, 16));
            VectorMask<Float> drop = hv.lanewise(VectorOperators.LSHR, 8).compare(VectorOperators.LT, threshold)
                    .cast(F);
            FloatVector.fromArray(F, c, e).mul(keep).blend(0f, drop).max(0f).intoArray(c, e);
        }
        for (; e < n; e++) {
            c[e] = dropped(k0 + e, s1, s2) ? 0f : Math.max(c[e] * keep, 0f);
        }
    }

    /** The scalar form of the mask's hash ({@code DropoutMasks.hash}): whether element k is dropped. */
    private boolean dropped(int k, int s1, int s2) {
        return (DropoutMasks.hash(k * 0x9E3779B9, s1, s2) >>> 8) < threshold;
    }

    private static void relu(float[] c, int n) {
        int e = 0;
        for (; e + L <= n; e += L) {
            FloatVector.fromArray(F, c, e).max(0f).intoArray(c, e);
        }
        for (; e < n; e++) {
            c[e] = Math.max(c[e], 0f);
        }
    }

    /** {@code d = a > 0 ? d * s : 0} in place: the gradient through the mask and the ReLU. */
    private static void reluGrad(float[] d, float[] a, int n, float s) {
        int e = 0;
        for (; e + L <= n; e += L) {
            FloatVector av = FloatVector.fromArray(F, a, e);
            FloatVector.fromArray(F, d, e).mul(s).blend(0f, av.compare(VectorOperators.LE, 0f)).intoArray(d, e);
        }
        for (; e < n; e++) {
            d[e] = a[e] > 0f ? d[e] * s : 0f;
        }
    }

    /** {@code out[k] = a[k] > 0 ? s * w[k] : 0} for the top layer's units. */
    private static void topGrad(float s, float[] wv, int wo, float[] a, int ao, float[] out, int oo, int n) {
        int e = 0;
        for (; e + L <= n; e += L) {
            FloatVector av = FloatVector.fromArray(F, a, ao + e);
            FloatVector.fromArray(F, wv, wo + e).mul(s).blend(0f, av.compare(VectorOperators.LE, 0f))
                    .intoArray(out, oo + e);
        }
        for (; e < n; e++) {
            out[oo + e] = a[ao + e] > 0f ? s * wv[wo + e] : 0f;
        }
    }

    private static void fillRows(float[] c, int rows, int width, float[] bias) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, c, r * width, width);
        }
    }

    /** {@code into[c] += sum_r x[r][c]}, each column's sum held in a register across the rows. */
    private static void colSum(float[] x, int rows, int width, float[] into) {
        int c = 0;
        for (; c + L <= width; c += L) {
            FloatVector acc = FloatVector.fromArray(F, into, c);
            for (int r = 0; r < rows; r++) {
                acc = acc.add(FloatVector.fromArray(F, x, r * width + c));
            }
            acc.intoArray(into, c);
        }
        for (; c < width; c++) {
            float sum = into[c];
            for (int r = 0; r < rows; r++) {
                sum += x[r * width + c];
            }
            into[c] = sum;
        }
    }

    /** {@code out[g][c] = sum_{j < gs} x[g gs + j][c]}: each group's rows summed. */
    private static void groupSum(float[] x, int groups, int gs, int width, float[] out) {
        for (int g = 0; g < groups; g++) {
            int base = g * gs * width;
            int c = 0;
            for (; c + L <= width; c += L) {
                FloatVector acc = FloatVector.fromArray(F, x, base + c);
                for (int j = 1; j < gs; j++) {
                    acc = acc.add(FloatVector.fromArray(F, x, base + j * width + c));
                }
                acc.intoArray(out, g * width + c);
            }
            for (; c < width; c++) {
                float sum = x[base + c];
                for (int j = 1; j < gs; j++) {
                    sum += x[base + j * width + c];
                }
                out[g * width + c] = sum;
            }
        }
    }

    /** {@code out[oo + c] += sum_r d[r] x[r][c]}, each column's sum held in a register across the rows. */
    private static void weightedColSum(float[] d, float[] x, int rows, int width, float[] out, int oo) {
        int c = 0;
        for (; c + L <= width; c += L) {
            FloatVector acc = FloatVector.fromArray(F, out, oo + c);
            for (int r = 0; r < rows; r++) {
                acc = FloatVector.fromArray(F, x, r * width + c).fma(FloatVector.broadcast(F, d[r]), acc);
            }
            acc.intoArray(out, oo + c);
        }
        for (; c < width; c++) {
            float sum = out[oo + c];
            for (int r = 0; r < rows; r++) {
                sum = Math.fma(x[r * width + c], d[r], sum);
            }
            out[oo + c] = sum;
        }
    }

    /** {@code y[yo..] += alpha * x[xo..]}. */
    private static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int e = 0;
        for (; e + L <= n; e += L) {
            FloatVector.fromArray(F, x, xo + e).fma(FloatVector.broadcast(F, alpha), FloatVector.fromArray(F, y, yo + e))
                    .intoArray(y, yo + e);
        }
        for (; e < n; e++) {
            y[yo + e] = Math.fma(x[xo + e], alpha, y[yo + e]);
        }
    }

    /** {@code y[yo..] = alpha * x[xo..]}. */
    private static void scale(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int e = 0;
        for (; e + L <= n; e += L) {
            FloatVector.fromArray(F, x, xo + e).mul(alpha).intoArray(y, yo + e);
        }
        for (; e < n; e++) {
            y[yo + e] = x[xo + e] * alpha;
        }
    }

    /** {@code y[yo..] = a[ao..] + c[co..]}. */
    private static void add(float[] a, int ao, float[] c, int co, float[] y, int yo, int n) {
        int e = 0;
        for (; e + L <= n; e += L) {
            FloatVector.fromArray(F, a, ao + e).add(FloatVector.fromArray(F, c, co + e)).intoArray(y, yo + e);
        }
        for (; e < n; e++) {
            y[yo + e] = a[ao + e] + c[co + e];
        }
    }

    /** {@code y[yo..] = a[ao..] * c[co..]}. */
    private static void mul(float[] a, int ao, float[] c, int co, float[] y, int yo, int n) {
        int e = 0;
        for (; e + L <= n; e += L) {
            FloatVector.fromArray(F, a, ao + e).mul(FloatVector.fromArray(F, c, co + e)).intoArray(y, yo + e);
        }
        for (; e < n; e++) {
            y[yo + e] = a[ao + e] * c[co + e];
        }
    }

    /**
     * {@code sum_k a[ao + k] c[co + k]}: products summed lane by lane, then the lanes in index order
     * through {@code lanes} (not {@code reduceLanes}, whose order is unspecified and may differ
     * between interpreted and compiled code: training must give the same bits run after run).
     */
    private static float dot(float[] a, int ao, float[] c, int co, int n, float[] lanes) {
        int e = 0;
        FloatVector acc = FloatVector.zero(F);
        for (; e + L <= n; e += L) {
            acc = FloatVector.fromArray(F, a, ao + e).fma(FloatVector.fromArray(F, c, co + e), acc);
        }
        acc.intoArray(lanes, 0);
        float s = 0f;
        for (int k = 0; k < L; k++) {
            s += lanes[k];
        }
        for (; e < n; e++) {
            s = Math.fma(a[ao + e], c[co + e], s);
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // Matrix products.

    /**
     * {@code C += A B}: {@code c[cOff + i ldc + j] += sum_kk a[aOff + i ai + kk ak] b[bOff + kk ldb + j]}
     * for i below m, j below n, kk below k. A is read through two strides, so {@code A} or its
     * transpose may be given; B and C are row-major.
     */
    static void gemm(int m, int n, int k, float[] a, int aOff, int ai, int ak, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            int i = 0;
            for (; i + 6 <= m; i += 6) {
                k64(k, a, aOff + i * ai, ai, ak, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
            }
            for (; i + 4 <= m; i += 4) {
                k44(k, a, aOff + i * ai, ai, ak, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
            }
            for (; i < m; i++) {
                k14(k, a, aOff + i * ai, ak, b, bOff + j, ldb, c, cOff + i * ldc + j);
            }
        }
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + 8 <= m; i += 8) {
                k82(k, a, aOff + i * ai, ai, ak, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
            }
            for (; i < m; i++) {
                k12(k, a, aOff + i * ai, ak, b, bOff + j, ldb, c, cOff + i * ldc + j);
            }
        }
        for (; j + L <= n; j += L) {
            for (int i = 0; i < m; i++) {
                k11(k, a, aOff + i * ai, ak, b, bOff + j, ldb, c, cOff + i * ldc + j);
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float s = c[cOff + i * ldc + j];
                for (int kk = 0; kk < k; kk++) {
                    s = Math.fma(a[aOff + i * ai + kk * ak], b[bOff + kk * ldb + j], s);
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    /** Six rows of C by four vectors: 24 accumulators, four loads of B and six broadcasts per step. */
    private static void k64(int k, float[] a, int a0, int ai, int ak, float[] b, int b0, int ldb, float[] c,
            int c0, int ldc) {
        FloatVector x00 = FloatVector.fromArray(F, c, c0);
        FloatVector x01 = FloatVector.fromArray(F, c, c0 + 1 * L);
        FloatVector x02 = FloatVector.fromArray(F, c, c0 + 2 * L);
        FloatVector x03 = FloatVector.fromArray(F, c, c0 + 3 * L);
        FloatVector x10 = FloatVector.fromArray(F, c, c0 + 1 * ldc);
        FloatVector x11 = FloatVector.fromArray(F, c, c0 + 1 * ldc + 1 * L);
        FloatVector x12 = FloatVector.fromArray(F, c, c0 + 1 * ldc + 2 * L);
        FloatVector x13 = FloatVector.fromArray(F, c, c0 + 1 * ldc + 3 * L);
        FloatVector x20 = FloatVector.fromArray(F, c, c0 + 2 * ldc);
        FloatVector x21 = FloatVector.fromArray(F, c, c0 + 2 * ldc + 1 * L);
        FloatVector x22 = FloatVector.fromArray(F, c, c0 + 2 * ldc + 2 * L);
        FloatVector x23 = FloatVector.fromArray(F, c, c0 + 2 * ldc + 3 * L);
        FloatVector x30 = FloatVector.fromArray(F, c, c0 + 3 * ldc);
        FloatVector x31 = FloatVector.fromArray(F, c, c0 + 3 * ldc + 1 * L);
        FloatVector x32 = FloatVector.fromArray(F, c, c0 + 3 * ldc + 2 * L);
        FloatVector x33 = FloatVector.fromArray(F, c, c0 + 3 * ldc + 3 * L);
        FloatVector x40 = FloatVector.fromArray(F, c, c0 + 4 * ldc);
        FloatVector x41 = FloatVector.fromArray(F, c, c0 + 4 * ldc + 1 * L);
        FloatVector x42 = FloatVector.fromArray(F, c, c0 + 4 * ldc + 2 * L);
        FloatVector x43 = FloatVector.fromArray(F, c, c0 + 4 * ldc + 3 * L);
        FloatVector x50 = FloatVector.fromArray(F, c, c0 + 5 * ldc);
        FloatVector x51 = FloatVector.fromArray(F, c, c0 + 5 * ldc + 1 * L);
        FloatVector x52 = FloatVector.fromArray(F, c, c0 + 5 * ldc + 2 * L);
        FloatVector x53 = FloatVector.fromArray(F, c, c0 + 5 * ldc + 3 * L);
        for (int kk = 0; kk < k; kk++) {
            int bo = b0 + kk * ldb;
            int ao = a0 + kk * ak;
            FloatVector b0v = FloatVector.fromArray(F, b, bo);
            FloatVector b1v = FloatVector.fromArray(F, b, bo + 1 * L);
            FloatVector b2v = FloatVector.fromArray(F, b, bo + 2 * L);
            FloatVector b3v = FloatVector.fromArray(F, b, bo + 3 * L);
            FloatVector s = FloatVector.broadcast(F, a[ao]);
            x00 = b0v.fma(s, x00);
            x01 = b1v.fma(s, x01);
            x02 = b2v.fma(s, x02);
            x03 = b3v.fma(s, x03);
            s = FloatVector.broadcast(F, a[ao + 1 * ai]);
            x10 = b0v.fma(s, x10);
            x11 = b1v.fma(s, x11);
            x12 = b2v.fma(s, x12);
            x13 = b3v.fma(s, x13);
            s = FloatVector.broadcast(F, a[ao + 2 * ai]);
            x20 = b0v.fma(s, x20);
            x21 = b1v.fma(s, x21);
            x22 = b2v.fma(s, x22);
            x23 = b3v.fma(s, x23);
            s = FloatVector.broadcast(F, a[ao + 3 * ai]);
            x30 = b0v.fma(s, x30);
            x31 = b1v.fma(s, x31);
            x32 = b2v.fma(s, x32);
            x33 = b3v.fma(s, x33);
            s = FloatVector.broadcast(F, a[ao + 4 * ai]);
            x40 = b0v.fma(s, x40);
            x41 = b1v.fma(s, x41);
            x42 = b2v.fma(s, x42);
            x43 = b3v.fma(s, x43);
            s = FloatVector.broadcast(F, a[ao + 5 * ai]);
            x50 = b0v.fma(s, x50);
            x51 = b1v.fma(s, x51);
            x52 = b2v.fma(s, x52);
            x53 = b3v.fma(s, x53);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + 1 * L);
        x02.intoArray(c, c0 + 2 * L);
        x03.intoArray(c, c0 + 3 * L);
        x10.intoArray(c, c0 + 1 * ldc);
        x11.intoArray(c, c0 + 1 * ldc + 1 * L);
        x12.intoArray(c, c0 + 1 * ldc + 2 * L);
        x13.intoArray(c, c0 + 1 * ldc + 3 * L);
        x20.intoArray(c, c0 + 2 * ldc);
        x21.intoArray(c, c0 + 2 * ldc + 1 * L);
        x22.intoArray(c, c0 + 2 * ldc + 2 * L);
        x23.intoArray(c, c0 + 2 * ldc + 3 * L);
        x30.intoArray(c, c0 + 3 * ldc);
        x31.intoArray(c, c0 + 3 * ldc + 1 * L);
        x32.intoArray(c, c0 + 3 * ldc + 2 * L);
        x33.intoArray(c, c0 + 3 * ldc + 3 * L);
        x40.intoArray(c, c0 + 4 * ldc);
        x41.intoArray(c, c0 + 4 * ldc + 1 * L);
        x42.intoArray(c, c0 + 4 * ldc + 2 * L);
        x43.intoArray(c, c0 + 4 * ldc + 3 * L);
        x50.intoArray(c, c0 + 5 * ldc);
        x51.intoArray(c, c0 + 5 * ldc + 1 * L);
        x52.intoArray(c, c0 + 5 * ldc + 2 * L);
        x53.intoArray(c, c0 + 5 * ldc + 3 * L);
    }

    /** Four rows of C by four vectors. */
    private static void k44(int k, float[] a, int a0, int ai, int ak, float[] b, int b0, int ldb, float[] c,
            int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = FloatVector.fromArray(F, c, c0);
        FloatVector x01 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector x02 = FloatVector.fromArray(F, c, c0 + 2 * L);
        FloatVector x03 = FloatVector.fromArray(F, c, c0 + 3 * L);
        FloatVector x10 = FloatVector.fromArray(F, c, c1);
        FloatVector x11 = FloatVector.fromArray(F, c, c1 + L);
        FloatVector x12 = FloatVector.fromArray(F, c, c1 + 2 * L);
        FloatVector x13 = FloatVector.fromArray(F, c, c1 + 3 * L);
        FloatVector x20 = FloatVector.fromArray(F, c, c2);
        FloatVector x21 = FloatVector.fromArray(F, c, c2 + L);
        FloatVector x22 = FloatVector.fromArray(F, c, c2 + 2 * L);
        FloatVector x23 = FloatVector.fromArray(F, c, c2 + 3 * L);
        FloatVector x30 = FloatVector.fromArray(F, c, c3);
        FloatVector x31 = FloatVector.fromArray(F, c, c3 + L);
        FloatVector x32 = FloatVector.fromArray(F, c, c3 + 2 * L);
        FloatVector x33 = FloatVector.fromArray(F, c, c3 + 3 * L);
        int r0 = a0;
        int r1 = a0 + ai;
        int r2 = r1 + ai;
        int r3 = r2 + ai;
        for (int kk = 0; kk < k; kk++) {
            int bo = b0 + kk * ldb;
            int ao = kk * ak;
            FloatVector b0v = FloatVector.fromArray(F, b, bo);
            FloatVector b1v = FloatVector.fromArray(F, b, bo + L);
            FloatVector b2v = FloatVector.fromArray(F, b, bo + 2 * L);
            FloatVector b3v = FloatVector.fromArray(F, b, bo + 3 * L);
            FloatVector s = FloatVector.broadcast(F, a[r0 + ao]);
            x00 = b0v.fma(s, x00);
            x01 = b1v.fma(s, x01);
            x02 = b2v.fma(s, x02);
            x03 = b3v.fma(s, x03);
            s = FloatVector.broadcast(F, a[r1 + ao]);
            x10 = b0v.fma(s, x10);
            x11 = b1v.fma(s, x11);
            x12 = b2v.fma(s, x12);
            x13 = b3v.fma(s, x13);
            s = FloatVector.broadcast(F, a[r2 + ao]);
            x20 = b0v.fma(s, x20);
            x21 = b1v.fma(s, x21);
            x22 = b2v.fma(s, x22);
            x23 = b3v.fma(s, x23);
            s = FloatVector.broadcast(F, a[r3 + ao]);
            x30 = b0v.fma(s, x30);
            x31 = b1v.fma(s, x31);
            x32 = b2v.fma(s, x32);
            x33 = b3v.fma(s, x33);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + L);
        x02.intoArray(c, c0 + 2 * L);
        x03.intoArray(c, c0 + 3 * L);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + L);
        x12.intoArray(c, c1 + 2 * L);
        x13.intoArray(c, c1 + 3 * L);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + L);
        x22.intoArray(c, c2 + 2 * L);
        x23.intoArray(c, c2 + 3 * L);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + L);
        x32.intoArray(c, c3 + 2 * L);
        x33.intoArray(c, c3 + 3 * L);
    }

    /** One row of C by four vectors. */
    private static void k14(int k, float[] a, int a0, int ak, float[] b, int b0, int ldb, float[] c, int c0) {
        FloatVector x0 = FloatVector.fromArray(F, c, c0);
        FloatVector x1 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector x2 = FloatVector.fromArray(F, c, c0 + 2 * L);
        FloatVector x3 = FloatVector.fromArray(F, c, c0 + 3 * L);
        for (int kk = 0; kk < k; kk++) {
            int bo = b0 + kk * ldb;
            int ao = a0 + kk * ak;
            FloatVector s = FloatVector.broadcast(F, a[ao]);
            x0 = FloatVector.fromArray(F, b, bo).fma(s, x0);
            x1 = FloatVector.fromArray(F, b, bo + L).fma(s, x1);
            x2 = FloatVector.fromArray(F, b, bo + 2 * L).fma(s, x2);
            x3 = FloatVector.fromArray(F, b, bo + 3 * L).fma(s, x3);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        x2.intoArray(c, c0 + 2 * L);
        x3.intoArray(c, c0 + 3 * L);
    }

    /** Eight rows of C by two vectors. */
    private static void k82(int k, float[] a, int a0, int ai, int ak, float[] b, int b0, int ldb, float[] c,
            int c0, int ldc) {
        FloatVector x00 = FloatVector.fromArray(F, c, c0);
        FloatVector x01 = FloatVector.fromArray(F, c, c0 + L);
        FloatVector x10 = FloatVector.fromArray(F, c, c0 + ldc);
        FloatVector x11 = FloatVector.fromArray(F, c, c0 + ldc + L);
        FloatVector x20 = FloatVector.fromArray(F, c, c0 + 2 * ldc);
        FloatVector x21 = FloatVector.fromArray(F, c, c0 + 2 * ldc + L);
        FloatVector x30 = FloatVector.fromArray(F, c, c0 + 3 * ldc);
        FloatVector x31 = FloatVector.fromArray(F, c, c0 + 3 * ldc + L);
        FloatVector x40 = FloatVector.fromArray(F, c, c0 + 4 * ldc);
        FloatVector x41 = FloatVector.fromArray(F, c, c0 + 4 * ldc + L);
        FloatVector x50 = FloatVector.fromArray(F, c, c0 + 5 * ldc);
        FloatVector x51 = FloatVector.fromArray(F, c, c0 + 5 * ldc + L);
        FloatVector x60 = FloatVector.fromArray(F, c, c0 + 6 * ldc);
        FloatVector x61 = FloatVector.fromArray(F, c, c0 + 6 * ldc + L);
        FloatVector x70 = FloatVector.fromArray(F, c, c0 + 7 * ldc);
        FloatVector x71 = FloatVector.fromArray(F, c, c0 + 7 * ldc + L);
        for (int kk = 0; kk < k; kk++) {
            int bo = b0 + kk * ldb;
            int ao = a0 + kk * ak;
            FloatVector b0v = FloatVector.fromArray(F, b, bo);
            FloatVector b1v = FloatVector.fromArray(F, b, bo + L);
            FloatVector s = FloatVector.broadcast(F, a[ao]);
            x00 = b0v.fma(s, x00);
            x01 = b1v.fma(s, x01);
            s = FloatVector.broadcast(F, a[ao + ai]);
            x10 = b0v.fma(s, x10);
            x11 = b1v.fma(s, x11);
            s = FloatVector.broadcast(F, a[ao + 2 * ai]);
            x20 = b0v.fma(s, x20);
            x21 = b1v.fma(s, x21);
            s = FloatVector.broadcast(F, a[ao + 3 * ai]);
            x30 = b0v.fma(s, x30);
            x31 = b1v.fma(s, x31);
            s = FloatVector.broadcast(F, a[ao + 4 * ai]);
            x40 = b0v.fma(s, x40);
            x41 = b1v.fma(s, x41);
            s = FloatVector.broadcast(F, a[ao + 5 * ai]);
            x50 = b0v.fma(s, x50);
            x51 = b1v.fma(s, x51);
            s = FloatVector.broadcast(F, a[ao + 6 * ai]);
            x60 = b0v.fma(s, x60);
            x61 = b1v.fma(s, x61);
            s = FloatVector.broadcast(F, a[ao + 7 * ai]);
            x70 = b0v.fma(s, x70);
            x71 = b1v.fma(s, x71);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + L);
        x10.intoArray(c, c0 + ldc);
        x11.intoArray(c, c0 + ldc + L);
        x20.intoArray(c, c0 + 2 * ldc);
        x21.intoArray(c, c0 + 2 * ldc + L);
        x30.intoArray(c, c0 + 3 * ldc);
        x31.intoArray(c, c0 + 3 * ldc + L);
        x40.intoArray(c, c0 + 4 * ldc);
        x41.intoArray(c, c0 + 4 * ldc + L);
        x50.intoArray(c, c0 + 5 * ldc);
        x51.intoArray(c, c0 + 5 * ldc + L);
        x60.intoArray(c, c0 + 6 * ldc);
        x61.intoArray(c, c0 + 6 * ldc + L);
        x70.intoArray(c, c0 + 7 * ldc);
        x71.intoArray(c, c0 + 7 * ldc + L);
    }

    /** One row of C by two vectors. */
    private static void k12(int k, float[] a, int a0, int ak, float[] b, int b0, int ldb, float[] c, int c0) {
        FloatVector x0 = FloatVector.fromArray(F, c, c0);
        FloatVector x1 = FloatVector.fromArray(F, c, c0 + L);
        for (int kk = 0; kk < k; kk++) {
            int bo = b0 + kk * ldb;
            int ao = a0 + kk * ak;
            FloatVector s = FloatVector.broadcast(F, a[ao]);
            x0 = FloatVector.fromArray(F, b, bo).fma(s, x0);
            x1 = FloatVector.fromArray(F, b, bo + L).fma(s, x1);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
    }

    /** One row of C by one vector. */
    private static void k11(int k, float[] a, int a0, int ak, float[] b, int b0, int ldb, float[] c, int c0) {
        FloatVector x0 = FloatVector.fromArray(F, c, c0);
        for (int kk = 0; kk < k; kk++) {
            int bo = b0 + kk * ldb;
            int ao = a0 + kk * ak;
            x0 = FloatVector.fromArray(F, b, bo).fma(FloatVector.broadcast(F, a[ao]), x0);
        }
        x0.intoArray(c, c0);
    }

    /** A parameter: values, gradient, optimizer state, and for tables the rows a lazy step touched. */
    private static final class Param {
        final String name;
        final float[] w;
        final float[] g;
        final float[] m;
        final float[] v;
        final int dim;
        final int index;
        final boolean[] touched;
        final int[] touchedRows;
        int touchedCount;

        Param(String name, float[] w, int rows, int dim, Rule rule, boolean lazy, int index) {
            this.name = name;
            this.index = index;
            this.w = w;
            this.g = new float[w.length];
            this.m = rule == Rule.SGD ? null : new float[w.length];
            this.v = rule == Rule.ADAM ? new float[w.length] : null;
            this.dim = dim;
            this.touched = lazy ? new boolean[rows] : null;
            this.touchedRows = lazy ? new int[rows] : null;
        }

        /** Adds a row's gradient, {@code g[row] += d[from..from + dim)}. */
        void addRow(int row, float[] d, int from) {
            if (touched != null && !touched[row]) {
                touched[row] = true;
                touchedRows[touchedCount++] = row;
            }
            axpy(1f, d, from, g, row * dim, dim);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
