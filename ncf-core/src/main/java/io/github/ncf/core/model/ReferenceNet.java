package io.github.ncf.core.model;

import ai.djl.nn.Parameter;

/**
 * The reference arithmetic of exact ranking: a Java copy of a block's parameters that scores single
 * (user, item) pairs in float32 with every sum in a fixed order, and bounds, per user, how far any
 * float32 evaluation of the same formula (torch's factorised scoring among them) can lie from it.
 *
 * <p><b>The reference.</b> Each model's score is the formula of its factorised scoring, evaluated in
 * float32 with round-to-nearest and no fused multiply-add: a dot product or linear unit {@code b +
 * sum_k w_k x_k} is summed from the bias in increasing {@code k}; the first MLP layer is split into
 * its user half {@code a_u = b1 + W1u p_u} and item half {@code b_i = W1i q_i}, added and passed
 * through the ReLU ({@code x <= 0 ? 0 : x}, NaN kept); the GMF part is {@code fl(p_u * h) . q_i}.
 * Java's float arithmetic is IEEE 754 with round-to-nearest by the language, so the reference score
 * of a pair depends on nothing but the pair and the parameters: not on which other users or items are
 * scored with it. Items are scored in blocks whose innermost loops run over the block's items (so
 * that the JIT vectorises them) while each item's sums keep their order: 1.4 us per NeuMF pair at
 * the reference size on the 2-core Xeon, against 3.5-6 us for loops over a layer's units.
 *
 * <p><b>The bound.</b> For a sum of {@code n} products plus a bias evaluated in float32 in any order,
 * with or without fused multiply-adds, {@code |fl(b + w.x) - (b + w.x)| <= gamma(n + 1) (|b| +
 * |w|.|x|)} with {@code gamma(n) = n u / (1 - n u)} and {@code u = 2^-24} (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., section 3.1); an addition errs by at most {@code u}
 * times its result. Layer by layer, with {@code A} an elementwise bound on the magnitude of a
 * layer's input, both exact and evaluated, over all items for the user, and {@code e} a bound on the
 * evaluated input's distance from the exact one, the next layer's values satisfy {@code e' = |W| e +
 * gamma(n + 1) (|b| + |W| A)} and {@code A' = (1 + gamma(n + 1)) (|b| + |W| A)}; the ReLU keeps both
 * (it is 1-Lipschitz and shrinks magnitudes). The first layer's item half takes its {@code A} and
 * {@code e} as maxima over all items, computed once per snapshot. The score's bound {@code e} thus
 * holds for the exact real value against any float32 evaluation of the formula, so two evaluations,
 * torch's and this class's, differ by at most {@code 2e}; {@link User#bound()} returns that, computed
 * in double and widened by 1% (far more than the double rounding of the bound's own arithmetic),
 * plus {@code 2^-126} per term for underflow and flushed subnormals. It assumes torch's float32
 * matrix products run in float32 (torch's default precision "highest", which {@code ncf} never
 * changes) and finite values: a non-finite bound or score sends the pair to the reference.
 *
 * <p><b>Why the screen is float32, not bfloat16.</b> A bfloat16 screen would carry, per layer, the
 * rounding of weights, biases and inputs to 8 significant bits and of each product's result: with
 * {@code ub = 2^-8}, {@code e' = |W| e + ((1 + ub)^2 (1 + gamma(n + 1)) - 1) S} in place of {@code
 * gamma(n + 1) S}. Measured on the 2-core Xeon (Emerald Rapids, AMX-BF16): a bfloat16 product of
 * (26,744 x 128) by (128 x 64) takes about 1 ms of CPU against 6 ms in float32 (torch 2.7.1, one
 * thread), but DJL 0.36 cannot make a bfloat16 tensor ({@code toType} and {@code create(ByteBuffer,
 * Shape, BFLOAT16)} both end the process with "terminate called without an active exception": its
 * native dtype switch knows no bfloat16; only a TorchScript module can convert), and the bound above
 * is about 440 times the float32 one: on NeuMF at the reference sizes trained 10 epochs on ML-100k,
 * 8.3 against 0.019 for scores spanning 23.5, so a top 10 would re-score 1,603 of the 1,682 items per
 * user (10.7 with the float32 screen); on an initialised NeuMF, 0.49 against 8.4e-4 for scores
 * spanning 0.024, every item. The a-priori bound, not the product, rules bfloat16 out.
 */
final class ReferenceNet {

    private static final double U = 0x1p-24;
    private static final double WIDEN = 1.01;
    private static final double TINY = 0x1p-126;
    /** Items per block of reference scoring: long enough for vectorised loops, small for the cache. */
    private static final int BLOCK = 256;

    private enum Kind { GMF, MLP, NEUMF, MF }

    private final Kind kind;
    private final int numItems;
    // Package-private fields are read by ScreenKernels for the Java screen, never written.
    // GMF part (GMF and NeuMF): embeddings and the output weights of the GMF columns.
    final int gmfDim;
    private final float[] gmfUser;
    final float[] gmfItem;
    private final float[] gmfWeight;
    private final double[] gmfItemAbsMax;
    // MF: embeddings as the GMF part, plus biases.
    private final float[] mfUserBias;
    final float[] mfItemGlobal;
    private final double mfItemGlobalAbsMax;
    // MLP tower (MLP and NeuMF).
    private final int mlpDim;
    final int[] layers;
    private final float[] mlpUser;
    private final float[] w1;
    private final float[] b1;
    final float[][] weights;
    final float[][] biases;
    // The bound's weights transposed to (in, out), in double: |W| and max(W, 0) per hidden layer, and
    // |W1| of the first layer's user half, so that its loops run over the output units and vectorise.
    private final double[][] absWeightsT;
    private final double[][] posWeightsT;
    private final double[] absW1UserT;
    final float[] itemHalf;
    private final double[] itemHalfMax;
    private final double[] itemHalfAbsMax;
    private final double[] itemHalfErr;
    final float[] outWeight;
    private final float[] absOutWeight;
    final float outBias;

    private ReferenceNet(NcfBlock block) {
        this.kind = Kind.valueOf(block.kind().toUpperCase(java.util.Locale.ROOT));
        this.numItems = block.numItems();
        boolean hasGmf = kind == Kind.GMF || kind == Kind.NEUMF || kind == Kind.MF;
        String prefix = kind == Kind.MF ? "mf" : "gmf";
        gmfUser = hasGmf ? values(block, prefix + "_user_embedding") : null;
        gmfItem = hasGmf ? values(block, prefix + "_item_embedding") : null;
        gmfDim = hasGmf ? (int) block.parameter(prefix + "_item_embedding").getArray().getShape()
                .get(1) : 0;
        if (kind == Kind.MF) {
            mfUserBias = values(block, "mf_user_bias");
            float[] itemBias = values(block, "mf_item_bias");
            float global = values(block, "mf_global_bias")[0];
            mfItemGlobal = new float[numItems];
            double max = 0;
            for (int i = 0; i < numItems; i++) {
                mfItemGlobal[i] = itemBias[i] + global;
                max = Math.max(max, Math.abs(mfItemGlobal[i]));
            }
            mfItemGlobalAbsMax = max;
        } else {
            mfUserBias = null;
            mfItemGlobal = null;
            mfItemGlobalAbsMax = 0;
        }
        gmfItemAbsMax = hasGmf ? columnAbsMax(gmfItem, numItems, gmfDim) : null;
        float[] output = kind == Kind.MF ? null : values(block, "output_weight");
        outBias = kind == Kind.MF ? 0f : values(block, "output_bias")[0];
        if (kind == Kind.GMF) {
            gmfWeight = output;
        } else if (kind == Kind.NEUMF) {
            gmfWeight = java.util.Arrays.copyOfRange(output, 0, gmfDim);
        } else {
            gmfWeight = null;
        }
        if (kind == Kind.MLP || kind == Kind.NEUMF) {
            int count = 0;
            while (block.getParameters().keys().contains("mlp_layer" + (count + 1) + "_weight")) {
                count++;
            }
            layers = new int[count];
            weights = new float[count][];
            biases = new float[count][];
            for (int l = 0; l < count; l++) {
                Parameter w = block.parameter("mlp_layer" + (l + 1) + "_weight");
                layers[l] = (int) w.getArray().getShape().get(0);
                biases[l] = values(block, "mlp_layer" + (l + 1) + "_bias");
            }
            mlpUser = values(block, "mlp_user_embedding");
            mlpDim = (int) block.parameter("mlp_user_embedding").getArray().getShape().get(1);
            w1 = values(block, "mlp_layer1_weight");
            b1 = biases[0];
            absWeightsT = new double[count][];
            posWeightsT = new double[count][];
            for (int l = 1; l < count; l++) {
                float[] w = values(block, "mlp_layer" + (l + 1) + "_weight");
                weights[l] = w;
                int out = layers[l];
                int in = layers[l - 1];
                absWeightsT[l] = new double[in * out];
                posWeightsT[l] = new double[in * out];
                for (int o = 0; o < out; o++) {
                    for (int k = 0; k < in; k++) {
                        absWeightsT[l][k * out + o] = Math.abs(w[o * in + k]);
                        posWeightsT[l][k * out + o] = Math.max(0, w[o * in + k]);
                    }
                }
            }
            outWeight = kind == Kind.MLP ? output
                    : java.util.Arrays.copyOfRange(output, gmfDim, output.length);
            absOutWeight = abs(outWeight);
            int h1 = layers[0];
            absW1UserT = new double[mlpDim * h1];
            for (int o = 0; o < h1; o++) {
                for (int k = 0; k < mlpDim; k++) {
                    absW1UserT[k * h1 + o] = Math.abs(w1[o * 2 * mlpDim + k]);
                }
            }
            float[] mlpItem = values(block, "mlp_item_embedding");
            itemHalf = new float[numItems * h1];
            itemHalfMax = new double[h1];
            itemHalfAbsMax = new double[h1];
            itemHalfErr = new double[h1];
            java.util.Arrays.fill(itemHalfMax, Double.NEGATIVE_INFINITY);
            double gamma = gamma(mlpDim);
            int in = 2 * mlpDim;
            // The item half's weights transposed, so that the innermost loop runs over the units and
            // vectorises while each unit's sum still adds its products in increasing k.
            float[] w1Item = new float[mlpDim * h1];
            for (int o = 0; o < h1; o++) {
                for (int k = 0; k < mlpDim; k++) {
                    w1Item[k * h1 + o] = w1[o * in + mlpDim + k];
                }
            }
            float[] sums = new float[h1];
            double[] mags = new double[h1];
            for (int i = 0; i < numItems; i++) {
                ScreenKernels.itemHalf(w1Item, mlpDim, h1, mlpItem, i * mlpDim, sums, mags);
                for (int o = 0; o < h1; o++) {
                    float sum = sums[o];
                    itemHalf[i * h1 + o] = sum;
                    double err = gamma * mags[o] + mlpDim * TINY;
                    itemHalfErr[o] = Math.max(itemHalfErr[o], err);
                    itemHalfMax[o] = Math.max(itemHalfMax[o], sum);
                    itemHalfAbsMax[o] = Math.max(itemHalfAbsMax[o], Math.abs(sum));
                }
            }
        } else {
            layers = null;
            weights = null;
            absWeightsT = null;
            posWeightsT = null;
            absW1UserT = null;
            biases = null;
            mlpUser = null;
            mlpDim = 0;
            w1 = null;
            b1 = null;
            outWeight = null;
            absOutWeight = null;
            itemHalf = null;
            itemHalfMax = null;
            itemHalfAbsMax = null;
            itemHalfErr = null;
        }
    }

    /**
     * Copies a block's current parameters.
     *
     * @param block an initialised GMF, MLP, NeuMF or MF block
     * @return the reference over a snapshot of its parameters
     */
    static ReferenceNet of(NcfBlock block) {
        return new ReferenceNet(block);
    }

    /**
     * Prepares the per-user part of the reference and the user's bound.
     *
     * @param user the user index
     * @return a context for scoring that user's items; not thread-safe, cheap to create
     */
    User user(int user) {
        return new User(user);
    }

    /** One user's side of the reference: the user halves, scratch space and the bound. */
    final class User {
        final float[] userHalf;
        final float[] gmfUserSide;
        final float mfUserBiasValue;
        // Scratch for scoring, sized on first use to the largest block asked for: most users of a
        // trained model need a handful of items, and 256-item scratch would cost more than them.
        private float[][][] blocks;
        private float[] sums;
        private float[] gmfDots;
        private int capacity;
        private float[][] flat;
        private final int[] one = new int[1];
        private final float[] oneOut = new float[1];
        private final int user;
        // Computed on first use: a screen's kernel needs the user halves only.
        private double bound = -1;

        private User(int user) {
            this.user = user;
            if (layers != null) {
                int h1 = layers[0];
                int in = 2 * mlpDim;
                userHalf = new float[h1];
                int p = user * mlpDim;
                for (int o = 0; o < h1; o++) {
                    float sum = b1[o];
                    for (int k = 0; k < mlpDim; k++) {
                        sum += w1[o * in + k] * mlpUser[p + k];
                    }
                    userHalf[o] = sum;
                }
            } else {
                userHalf = null;
            }
            if (gmfUser != null) {
                gmfUserSide = new float[gmfDim];
                for (int k = 0; k < gmfDim; k++) {
                    float p = gmfUser[user * gmfDim + k];
                    gmfUserSide[k] = kind == Kind.MF ? p : p * gmfWeight[k];
                }
                mfUserBiasValue = kind == Kind.MF ? mfUserBias[user] : 0f;
            } else {
                gmfUserSide = null;
                mfUserBiasValue = 0f;
            }
        }

        /**
         * Returns how far a screening score of any of this user's items (torch's factorised score or
         * the Java screen's, any float32 evaluation of the formula) can lie from the reference score:
         * {@code |screen - reference| <= bound()}. Computed on the first call.
         *
         * @return the bound, >= 0, possibly infinite
         */
        double bound() {
            if (bound < 0) {
                bound = computeBound();
            }
            return bound;
        }

        private double computeBound() {
            double err;
            double mag;
            if (layers != null) {
                int h1 = layers[0];
                int in = 2 * mlpDim;
                double[] e = new double[h1];
                double[] a = new double[h1];
                double gamma = gamma(mlpDim + 1);
                int p = user * mlpDim;
                // m[o] = |b1[o]| + sum_k |W1[o][k] p[k]| (each product exact in double; the order of a
                // bound's sum does not matter, it is widened by far more than double rounding).
                double[] m = new double[h1];
                for (int o = 0; o < h1; o++) {
                    m[o] = Math.abs(b1[o]);
                }
                double[] absP = new double[mlpDim];
                for (int k = 0; k < mlpDim; k++) {
                    absP[k] = Math.abs(mlpUser[p + k]);
                }
                ScreenKernels.accumulate(absW1UserT, null, mlpDim, h1, absP, null, m, null, null);
                for (int o = 0; o < h1; o++) {
                    float sum = userHalf[o];
                    double ea = gamma * m[o] + (mlpDim + 1) * TINY;
                    double aBound = Math.abs(sum) + 2 * ea;
                    // h1 = relu(fl(a + b)): the add rounds once; the item half's bounds are maxima.
                    e[o] = ea + itemHalfErr[o] + U * (aBound + itemHalfAbsMax[o] + 2 * itemHalfErr[o])
                            + TINY;
                    a[o] = (1 + U) * Math.max(0, sum + 2 * ea + itemHalfMax[o] + 2 * itemHalfErr[o]);
                }
                for (int l = 1; l < layers.length; l++) {
                    double[][] next = propagateHidden(absWeightsT[l], posWeightsT[l], biases[l], layers[l - 1],
                            e, a);
                    e = next[0];
                    a = next[1];
                }
                double[] out = propagateOutput(absOutWeight, outBias, layers[layers.length - 1], e, a);
                err = out[0];
                mag = out[1];
            } else {
                err = 0;
                mag = 0;
            }
            if (gmfUserSide != null) {
                double dot = 0;
                for (int k = 0; k < gmfDim; k++) {
                    dot += Math.abs(gmfUserSide[k]) * gmfItemAbsMax[k];
                }
                double eDot = gamma(gmfDim) * dot + gmfDim * TINY;
                double aDot = (1 + gamma(gmfDim)) * dot;
                if (kind == Kind.MF) {
                    double e1 = eDot + U * (aDot + Math.abs(mfUserBiasValue)) + TINY;
                    double a1 = (1 + U) * (aDot + Math.abs(mfUserBiasValue));
                    err = e1 + U * (a1 + mfItemGlobalAbsMax) + TINY;
                } else if (kind == Kind.GMF) {
                    err = eDot + U * (aDot + Math.abs(outBias)) + TINY;
                } else {
                    err = err + eDot + U * (mag + aDot) + TINY;
                }
            }
            return 2 * err * WIDEN;
        }

        /**
         * Scores one item with the reference arithmetic.
         *
         * @param item the item index
         * @return the reference score
         */
        float score(int item) {
            one[0] = item;
            score(one, 0, 1, oneOut, 0);
            return oneOut[0];
        }

        /**
         * Scores items with the reference arithmetic, in blocks whose activations are laid out
         * layer unit by item, so that the innermost loops run over items and vectorise. Each score
         * is computed by the same sequence of float operations whatever the block, so {@link
         * #score(int)} equals the batched result.
         *
         * @param items item indices
         * @param from first position in items
         * @param to one past the last position
         * @param out receives the scores, from position {@code outOffset}
         * @param outOffset where the first score goes
         */
        void score(int[] items, int from, int to, float[] out, int outOffset) {
            for (int start = from; start < to; start += BLOCK) {
                int n = Math.min(BLOCK, to - start);
                scoreBlock(items, start, n, out, outOffset + start - from);
            }
        }

        /**
         * {@link #scoreBlock} for a single item, with the same float operations in the same order,
         * on flat activations and four units at a time, so that a held-out item's score costs a few
         * microseconds rather than a pass over per-item scratch rows.
         */
        private float scoreOne(int item) {
            float s = 0f;
            if (userHalf != null) {
                if (flat == null) {
                    flat = new float[layers.length][];
                    for (int l = 0; l < layers.length; l++) {
                        flat[l] = new float[layers[l]];
                    }
                }
                int h1 = layers[0];
                float[] h = flat[0];
                int base = item * h1;
                for (int k = 0; k < h1; k++) {
                    float v = userHalf[k] + itemHalf[base + k];
                    h[k] = v <= 0f ? 0f : v;
                }
                for (int l = 1; l < layers.length; l++) {
                    float[] z = flat[l];
                    int in = layers[l - 1];
                    float[] w = weights[l];
                    float[] b = biases[l];
                    int o = 0;
                    for (; o + 4 <= layers[l]; o += 4) {
                        int r0 = o * in;
                        int r1 = r0 + in;
                        int r2 = r1 + in;
                        int r3 = r2 + in;
                        float s0 = b[o];
                        float s1 = b[o + 1];
                        float s2 = b[o + 2];
                        float s3 = b[o + 3];
                        for (int k = 0; k < in; k++) {
                            float x = h[k];
                            s0 += x * w[r0 + k];
                            s1 += x * w[r1 + k];
                            s2 += x * w[r2 + k];
                            s3 += x * w[r3 + k];
                        }
                        z[o] = s0 <= 0f ? 0f : s0;
                        z[o + 1] = s1 <= 0f ? 0f : s1;
                        z[o + 2] = s2 <= 0f ? 0f : s2;
                        z[o + 3] = s3 <= 0f ? 0f : s3;
                    }
                    for (; o < layers[l]; o++) {
                        float sum = b[o];
                        for (int k = 0; k < in; k++) {
                            sum += h[k] * w[o * in + k];
                        }
                        z[o] = sum <= 0f ? 0f : sum;
                    }
                    h = z;
                }
                s = outBias;
                for (int k = 0; k < outWeight.length; k++) {
                    s += h[k] * outWeight[k];
                }
            }
            if (gmfUserSide != null) {
                float dot = 0f;
                int base = item * gmfDim;
                for (int k = 0; k < gmfDim; k++) {
                    dot += gmfUserSide[k] * gmfItem[base + k];
                }
                if (kind == Kind.MF) {
                    s = (dot + mfUserBiasValue) + mfItemGlobal[item];
                } else if (kind == Kind.GMF) {
                    s = dot + outBias;
                } else {
                    s = s + dot;
                }
            }
            return s;
        }

        /** Grows the scratch to hold blocks of at least {@code n} items ({@code n <= BLOCK}). */
        private void growScratch(int n) {
            capacity = Math.min(BLOCK, Math.max(n, 2 * capacity));
            sums = new float[capacity];
            gmfDots = new float[capacity];
            if (layers != null) {
                blocks = new float[layers.length][][];
                for (int l = 0; l < layers.length; l++) {
                    blocks[l] = new float[layers[l]][capacity];
                }
            }
        }

        private void scoreBlock(int[] items, int start, int n, float[] out, int outOffset) {
            if (n == 1) {
                out[outOffset] = scoreOne(items[start]);
                return;
            }
            if (n > capacity) {
                growScratch(n);
            }
            float[] s = sums;
            java.util.Arrays.fill(s, 0, n, 0f);
            if (userHalf != null) {
                int h1 = layers[0];
                float[][] h = blocks[0];
                for (int k = 0; k < h1; k++) {
                    float a = userHalf[k];
                    float[] row = h[k];
                    for (int j = 0; j < n; j++) {
                        float v = a + itemHalf[items[start + j] * h1 + k];
                        row[j] = v <= 0f ? 0f : v;
                    }
                }
                for (int l = 1; l < layers.length; l++) {
                    float[][] z = blocks[l];
                    int in = layers[l - 1];
                    float[] w = weights[l];
                    for (int o = 0; o < layers[l]; o++) {
                        java.util.Arrays.fill(z[o], 0, n, biases[l][o]);
                    }
                    // Rows of z in fours, each summed over k in order: the same float operations
                    // per item whatever n is.
                    int o = 0;
                    for (; o + 4 <= layers[l]; o += 4) {
                        for (int k = 0; k < in; k++) {
                            axpy4(z[o], z[o + 1], z[o + 2], z[o + 3], h[k], w[o * in + k],
                                    w[(o + 1) * in + k], w[(o + 2) * in + k], w[(o + 3) * in + k], n);
                        }
                    }
                    for (; o < layers[l]; o++) {
                        for (int k = 0; k < in; k++) {
                            axpy(z[o], h[k], w[o * in + k], n);
                        }
                    }
                    for (o = 0; o < layers[l]; o++) {
                        relu(z[o], n);
                    }
                    h = z;
                }
                java.util.Arrays.fill(s, 0, n, outBias);
                for (int k = 0; k < outWeight.length; k++) {
                    axpy(s, h[k], outWeight[k], n);
                }
            }
            if (gmfUserSide != null) {
                float[] dot = gmfDots;
                java.util.Arrays.fill(dot, 0, n, 0f);
                for (int k = 0; k < gmfDim; k++) {
                    float c = gmfUserSide[k];
                    for (int j = 0; j < n; j++) {
                        dot[j] += c * gmfItem[items[start + j] * gmfDim + k];
                    }
                }
                for (int j = 0; j < n; j++) {
                    int item = items[start + j];
                    if (kind == Kind.MF) {
                        s[j] = (dot[j] + mfUserBiasValue) + mfItemGlobal[item];
                    } else if (kind == Kind.GMF) {
                        s[j] = dot[j] + outBias;
                    } else {
                        s[j] = s[j] + dot[j];
                    }
                }
            }
            System.arraycopy(s, 0, out, outOffset, n);
        }
    }

    /**
     * One hidden layer of the bound: {@code e' = |W| e + gamma(n + 1) S} with {@code S = |b| + |W| A}.
     * The inputs are ReLU outputs, in {@code [0, A]}, so the layer's ReLU output is at most {@code A' =
     * max(0, b + W+ A) + gamma(n + 1) S} (W+ the positive weights). The weights come transposed to
     * (in, out) in double, so that the sums over k run in the outer loop and the inner loops, over the
     * output units, vectorise; the order of a bound's sums does not matter (it is widened by far more
     * than double rounding).
     */
    private static double[][] propagateHidden(double[] absT, double[] posT, float[] bias, int in, double[] e,
            double[] a) {
        int out = bias.length;
        double gamma = gamma(in + 1);
        double[] s = new double[out];
        double[] up = new double[out];
        double[] err = new double[out];
        for (int o = 0; o < out; o++) {
            s[o] = Math.abs(bias[o]);
            up[o] = bias[o];
        }
        ScreenKernels.accumulate(absT, posT, in, out, a, e, s, err, up);
        double[] e2 = new double[out];
        double[] a2 = new double[out];
        for (int o = 0; o < out; o++) {
            e2[o] = err[o] + gamma * s[o] + (in + 2) * TINY;
            a2[o] = Math.max(0, up[o]) + gamma * s[o];
        }
        return new double[][] {e2, a2};
    }

    /**
     * The output unit of the bound: {@code e' = |w| e + gamma(n + 1) S} with {@code S = |b| + |w| A},
     * and {@code A' = (1 + gamma(n + 1)) S} (no ReLU).
     *
     * @return {e', A'}
     */
    private static double[] propagateOutput(float[] absW, float bias, int in, double[] e, double[] a) {
        double gamma = gamma(in + 1);
        double s = Math.abs(bias);
        double err = 0;
        for (int k = 0; k < in; k++) {
            s += absW[k] * a[k];
            err += absW[k] * e[k];
        }
        return new double[] {err + gamma * s + (in + 2) * TINY, (1 + gamma) * s};
    }

    /** {@code z[j] += x[j] * w} for j below n: a loop the JIT vectorises. */
    private static void axpy(float[] z, float[] x, float w, int n) {
        for (int j = 0; j < n; j++) {
            z[j] += x[j] * w;
        }
    }

    /** {@link #axpy} into four rows at once, reading x once. */
    private static void axpy4(float[] z0, float[] z1, float[] z2, float[] z3, float[] x, float w0,
            float w1, float w2, float w3, int n) {
        for (int j = 0; j < n; j++) {
            float v = x[j];
            z0[j] += v * w0;
            z1[j] += v * w1;
            z2[j] += v * w2;
            z3[j] += v * w3;
        }
    }

    /** The ReLU in place; NaN stays NaN, as in torch. */
    private static void relu(float[] z, int n) {
        for (int o = 0; o < n; o++) {
            z[o] = z[o] <= 0f ? 0f : z[o];
        }
    }

    private static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    private static float[] values(NcfBlock block, String name) {
        return block.parameter(name).getArray().toFloatArray();
    }

    private static float[] abs(float[] w) {
        float[] a = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            a[k] = Math.abs(w[k]);
        }
        return a;
    }

    private static double[] columnAbsMax(float[] table, int rows, int cols) {
        double[] max = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                max[c] = Math.max(max[c], Math.abs(table[r * cols + c]));
            }
        }
        return max;
    }

    /** @return the number of items */
    int numItems() {
        return numItems;
    }
}
