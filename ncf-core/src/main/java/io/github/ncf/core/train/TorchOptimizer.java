package io.github.ncf.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one optimizer step to a model's trainable arrays with PyTorch's update rules, in place.
 *
 * <p>Why not DJL's {@code Adam}: DJL folds the bias correction into the learning rate and adds eps
 * to the uncorrected root, {@code w -= lr*sqrt(bc2)/bc1 * m / (sqrt(v) + eps)}, whereas torch adds
 * eps to the corrected root, {@code w -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)}. The two agree when
 * DJL's eps is {@code eps * sqrt(bc2)}, which this class passes to the same native kernel, so the
 * update is torch's in one native call per array. DJL's optimizers also leave gradients to
 * accumulate in PyTorch; this class zeroes them after each step.
 *
 * <p>With {@code lazy} set, embedding tables are updated only in the rows the batch touched (the
 * rule of TensorFlow's LazyAdam and torch's SparseAdam): untouched rows keep their weights and
 * moments. That changes the mathematics and is therefore an option, off by default.
 *
 * <p>A positive {@code l2} adds {@code l2 * w} to each gradient before the rule, as torch's
 * {@code weight_decay} does for Adam, SGD and Adagrad.
 *
 * <p>Not thread-safe; one instance serves one {@code fit} call.
 */
final class TorchOptimizer implements AutoCloseable {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float ADAM_EPS = 1e-8f;
    static final float ADAGRAD_EPS = 1e-10f;

    /** Which index stream selects the rows of an embedding table in lazy mode. */
    enum Rows { DENSE, USERS, ITEMS, BOTH }

    private final OptimizerKind kind;
    private final float learningRate;
    private final float l2;
    private final boolean lazy;
    private final List<PtNDArray> weights;
    private final List<Rows> rows;
    private final List<NDArray> state1 = new ArrayList<>();
    private final List<NDArray> state2 = new ArrayList<>();
    private final NDManager stateManager;
    private final int numUsers;
    private final int numItems;
    private int step;

    // Reused between steps to collect the distinct rows a batch touches.
    private final int[] userStamp;
    private final int[] itemStamp;
    private final int[] userRows;
    private final int[] itemRows;
    private int stamp;

    TorchOptimizer(OptimizerKind kind, float learningRate, float l2, boolean lazy, List<NDArray> weights,
            List<Rows> rows, NDManager parent, int numUsers, int numItems) {
        this.kind = kind;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.lazy = lazy;
        this.weights = new ArrayList<>();
        for (NDArray w : weights) {
            this.weights.add((PtNDArray) w);
        }
        this.rows = List.copyOf(rows);
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.stateManager = parent.newSubManager();
        for (NDArray w : weights) {
            if (kind == OptimizerKind.ADAM) {
                state1.add(stateManager.zeros(w.getShape(), w.getDataType()));
                state2.add(stateManager.zeros(w.getShape(), w.getDataType()));
            } else if (kind == OptimizerKind.ADAGRAD) {
                state1.add(stateManager.zeros(w.getShape(), w.getDataType()));
            }
        }
        userStamp = lazy ? new int[numUsers] : null;
        itemStamp = lazy ? new int[numItems] : null;
        userRows = lazy ? new int[numUsers] : null;
        itemRows = lazy ? new int[numItems] : null;
    }

    /** @return the number of steps taken */
    int steps() {
        return step;
    }

    /**
     * Updates every array from its gradient, then zeroes the gradients. Temporary arrays go to
     * {@code scope}.
     *
     * @param scope the batch's manager
     * @param users the epoch's user column, of which the batch uses {@code [from, to)}
     * @param items the epoch's item column
     */
    void step(NDManager scope, int[] users, int[] items, int from, int to) {
        step++;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            NDArray userIndex = null;
            NDArray itemIndex = null;
            NDArray bothIndex = null;
            if (lazy) {
                int nu = distinct(users, from, to, userStamp, userRows);
                int ni = distinct(items, from, to, itemStamp, itemRows);
                userIndex = scope.create(java.util.Arrays.copyOf(userRows, nu));
                itemIndex = scope.create(java.util.Arrays.copyOf(itemRows, ni));
                if (rows.contains(Rows.BOTH)) {
                    int[] both = new int[Math.max(numUsers, numItems)];
                    boolean[] seen = new boolean[both.length];
                    int n = 0;
                    for (int k = 0; k < nu; k++) {
                        seen[userRows[k]] = true;
                        both[n++] = userRows[k];
                    }
                    for (int k = 0; k < ni; k++) {
                        if (!seen[itemRows[k]]) {
                            both[n++] = itemRows[k];
                        }
                    }
                    bothIndex = scope.create(java.util.Arrays.copyOf(both, n));
                }
            }
            for (int p = 0; p < weights.size(); p++) {
                PtNDArray w = weights.get(p);
                NDArray g = w.getGradient();
                g.attach(scope);
                Rows r = rows.get(p);
                if (lazy && r != Rows.DENSE) {
                    NDArray index = r == Rows.USERS ? userIndex : r == Rows.ITEMS ? itemIndex : bothIndex;
                    updateRows(scope, p, w, g, index);
                } else {
                    updateDense(p, w, (PtNDArray) g);
                }
                JniUtils.zeroGrad(w);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private void updateDense(int p, PtNDArray w, PtNDArray g) {
        decay(w, g);
        switch (kind) {
            case ADAM -> adam(w, g, (PtNDArray) state1.get(p), (PtNDArray) state2.get(p));
            case SGD -> w.subi(g.mul(learningRate));
            case ADAGRAD -> {
                NDArray sum = state1.get(p);
                sum.addi(g.square());
                // sqrt lands on the state's manager, which lives as long as the fit.
                try (NDArray root = sum.sqrt()) {
                    w.subi(g.mul(learningRate).divi(root.addi(ADAGRAD_EPS)));
                }
            }
            default -> throw new UnsupportedOperationException("optimizer " + kind);
        }
    }

    private void updateRows(NDManager scope, int p, PtNDArray w, NDArray g, NDArray index) {
        NDIndex at = new NDIndex("{}", index);
        PtNDArray wr = (PtNDArray) w.get(at);
        PtNDArray gr = (PtNDArray) g.get(at);
        wr.attach(scope);
        gr.attach(scope);
        decay(wr, gr);
        switch (kind) {
            case ADAM -> {
                PtNDArray mr = (PtNDArray) state1.get(p).get(at);
                PtNDArray vr = (PtNDArray) state2.get(p).get(at);
                mr.attach(scope);
                vr.attach(scope);
                adam(wr, gr, mr, vr);
                state1.get(p).set(at, mr);
                state2.get(p).set(at, vr);
            }
            case SGD -> wr.subi(gr.mul(learningRate));
            case ADAGRAD -> {
                NDArray sr = state1.get(p).get(at);
                sr.attach(scope);
                sr.addi(gr.square());
                wr.subi(gr.mul(learningRate).divi(sr.sqrt().addi(ADAGRAD_EPS)));
                state1.get(p).set(at, sr);
            }
            default -> throw new UnsupportedOperationException("optimizer " + kind);
        }
        w.set(at, wr);
    }

    /**
     * torch's coupled weight decay: {@code g += l2 * w}, before the update rule reads g. The product
     * lands on w's manager, which for a dense parameter is the model's, so it is closed at once;
     * otherwise every step kept a copy of every weight until the model closed (gigabytes per fit).
     */
    private void decay(NDArray w, NDArray g) {
        if (l2 > 0) {
            try (NDArray scaled = w.mul(l2)) {
                g.addi(scaled);
            }
        }
    }

    private void adam(PtNDArray w, PtNDArray g, PtNDArray m, PtNDArray v) {
        double bc1 = 1.0 - Math.pow(BETA1, step);
        double bc2 = 1.0 - Math.pow(BETA2, step);
        double sqrtBc2 = Math.sqrt(bc2);
        // torch: w -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
        //      = lr*sqrt(bc2)/bc1 * m / (sqrt(v) + eps*sqrt(bc2)), DJL's kernel with a scaled eps.
        JniUtils.adamUpdate(w, g, m, v, learningRate, (float) (learningRate * sqrtBc2 / bc1), 0f, 1f,
                -1f, BETA1, BETA2, (float) (ADAM_EPS * sqrtBc2), false);
    }

    private int distinct(int[] column, int from, int to, int[] stamps, int[] out) {
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            stamp = 1;
        }
        int n = 0;
        for (int k = from; k < to; k++) {
            int r = column[k];
            if (stamps[r] != stamp) {
                stamps[r] = stamp;
                out[n++] = r;
            }
        }
        return n;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
