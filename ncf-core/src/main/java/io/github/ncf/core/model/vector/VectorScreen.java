package io.github.ncf.core.model.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Not API: the Java kernel of an NCF model's exact screen, created and called by {@code
 * io.github.ncf.core.model.ScreenKernels} through reflection, and only in a JVM started with {@code
 * --add-modules jdk.incubator.vector} (it refers to that module; its own package keeps it out of the
 * documented ones). It computes the model's formula in float32, as the package-private {@code
 * ReferenceNet} defines it (first MLP layer split into a user half and an item half, added and
 * passed through the ReLU; hidden layers; output layer plus the GMF dot), with the sums in another
 * order and fused multiply-adds, so that the reference's bound holds for these scores as it does for
 * torch's.
 *
 * <p>Items are scored in tiles of {@code 5 L} items ({@code L} the float lanes of the preferred
 * vector size: 16 with AVX-512): the tile's activations are laid out unit by item, and each hidden
 * layer is a register-blocked product of four output units by five vectors of items, whose 20
 * accumulators, 5 inputs and 4 broadcast weights fit in the 32 vector registers of AVX-512. The
 * first MLP layer's item half and the GMF item embeddings are copied into that tiled layout once,
 * in the constructor, in the item order it is given (positions of that order, not item indices,
 * make the tiles), so that a ranking that may stop early visits the likeliest items first. It is
 * safe to use from several threads at once: its arrays are read-only, scratch is per call or the
 * caller's.
 */
public final class VectorScreen {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Item vectors per tile. */
    private static final int V = 5;
    /** Output units per register block. */
    private static final int R = 4;
    /** Items per tile. */
    private static final int T = V * L;

    private final int numItems;
    private final int tiles;
    /** Item at each position of the tiled layout, and each item's position; null for the identity. */
    private final int[] order;
    private final int[] position;
    // MLP tower: item half tiled [tile][unit][item]; hidden layers with rows padded to R.
    private final int[] layers;
    private final int[] padded;
    private final float[] itemHalf;
    private final float[][] weights;
    private final float[][] biases;
    private final float[] outWeight;
    private final float outBias;
    // GMF part: item embeddings tiled [tile][k][item]; MF: item bias plus global, tiled.
    private final int gmfDim;
    private final float[] gmfItem;
    private final float[] mfItemGlobal;

    /**
     * Copies a model's parameters into the kernel's layout.
     *
     * @param numItems the number of items
     * @param layers the MLP layer widths (the first is the width of the first layer's output), or
     *     null without an MLP tower
     * @param weights per layer {@code l >= 1}, its (layers[l], layers[l - 1]) weights, row-major
     *     (entry 0 unused)
     * @param biases per layer {@code l >= 1}, its biases (entry 0 unused)
     * @param itemHalf the first layer's item half, (numItems, layers[0]) row-major
     * @param outWeight the output layer's weights over the last MLP layer
     * @param outBias the output bias (GMF, MLP and NeuMF; 0 for MF)
     * @param gmfDim the GMF (or MF) embedding size, 0 without
     * @param gmfItem the GMF (or MF) item embeddings, (numItems, gmfDim) row-major, or null
     * @param mfItemGlobal MF only: per item, its bias plus the global bias; else null
     * @param order the item at each position of the tiled layout, a permutation of {@code [0,
     *     numItems)} (checked), or null for item order
     * @throws IllegalArgumentException if order is not a permutation of the items
     */
    public VectorScreen(int numItems, int[] layers, float[][] weights, float[][] biases, float[] itemHalf,
            float[] outWeight, float outBias, int gmfDim, float[] gmfItem, float[] mfItemGlobal, int[] order) {
        this.numItems = numItems;
        this.tiles = (numItems + T - 1) / T;
        if (order != null) {
            if (order.length != numItems) {
                throw new IllegalArgumentException("item order must hold the " + numItems + " items, got "
                        + order.length);
            }
            this.order = order.clone();
            this.position = new int[numItems];
            java.util.Arrays.fill(position, -1);
            for (int p = 0; p < numItems; p++) {
                int item = this.order[p];
                if (item < 0 || item >= numItems || position[item] >= 0) {
                    throw new IllegalArgumentException("item order must be a permutation of [0, " + numItems
                            + "), got item " + item + " at position " + p);
                }
                position[item] = p;
            }
        } else {
            this.order = null;
            this.position = null;
        }
        this.outBias = outBias;
        if (layers != null) {
            this.layers = layers.clone();
            padded = new int[layers.length];
            this.weights = new float[layers.length][];
            this.biases = new float[layers.length][];
            for (int l = 1; l < layers.length; l++) {
                padded[l] = (layers[l] + R - 1) / R * R;
                int in = layers[l - 1];
                this.weights[l] = java.util.Arrays.copyOf(weights[l], padded[l] * in);
                this.biases[l] = java.util.Arrays.copyOf(biases[l], padded[l]);
            }
            padded[0] = layers[0];
            this.itemHalf = tile(itemHalf, layers[0]);
            this.outWeight = outWeight.clone();
        } else {
            this.layers = null;
            padded = null;
            this.weights = null;
            this.biases = null;
            this.itemHalf = null;
            this.outWeight = null;
        }
        this.gmfDim = gmfDim;
        this.gmfItem = gmfItem != null ? tile(gmfItem, gmfDim) : null;
        this.mfItemGlobal = mfItemGlobal != null ? tile(mfItemGlobal, 1) : null;
    }

    /**
     * Copies a (numItems, width) row-major table into tiles of [unit][position], zero past the last
     * position.
     */
    private float[] tile(float[] table, int width) {
        float[] tiled = new float[tiles * width * T];
        for (int p = 0; p < numItems; p++) {
            int i = order == null ? p : order[p];
            int base = (p / T) * width * T + p % T;
            for (int k = 0; k < width; k++) {
                tiled[base + k * T] = table[i * width + k];
            }
        }
        return tiled;
    }

    /** @return the number of items per tile */
    public int tileSize() {
        return T;
    }

    /** @return the number of tiles, the last one possibly partial */
    public int tiles() {
        return tiles;
    }

    /**
     * Returns scratch space for {@link #screenTiles}: one per thread.
     *
     * @return the activations of a tile per MLP layer, then the tile's scores and GMF dots
     */
    public float[][] scratch() {
        int mlp = layers != null ? layers.length : 0;
        float[][] scratch = new float[mlp + 2][];
        for (int l = 0; l < mlp; l++) {
            scratch[l] = new float[padded[l] * T];
        }
        scratch[mlp] = new float[T];
        scratch[mlp + 1] = new float[T];
        return scratch;
    }

    /**
     * Computes the screening scores of one user for the items of some tiles: {@code out[p - fromTile
     * * tileSize()]} for each position {@code p} of the layout (item {@code order[p]}) in those
     * tiles, up to the last item.
     *
     * @param userHalf the first MLP layer's user half, or null without an MLP tower
     * @param gmfSide the GMF (or MF) user side, or null without
     * @param mfUserBias MF's user bias (0 for the other models)
     * @param fromTile the first tile
     * @param toTile one past the last tile
     * @param scratch from {@link #scratch()}, used by one thread at a time
     * @param out receives the scores; at least {@code (toTile - fromTile) * tileSize()} long
     */
    public void screenTiles(float[] userHalf, float[] gmfSide, float mfUserBias, int fromTile, int toTile,
            float[][] scratch, float[] out) {
        int mlp = layers != null ? layers.length : 0;
        float[] scores = scratch[mlp];
        float[] dots = scratch[mlp + 1];
        for (int t = fromTile; t < toTile; t++) {
            int count = Math.min(T, numItems - t * T);
            if (layers != null) {
                mlpTile(userHalf, itemHalf, t * layers[0] * T, scratch, scores, false);
            }
            if (gmfItem != null) {
                gmfTile(gmfSide, mfUserBias, gmfItem, t * gmfDim * T, mfItemGlobal, t * T, dots, scores, false);
            }
            System.arraycopy(scores, 0, out, (t - fromTile) * T, count);
        }
    }

    /**
     * Computes the screening scores of all items for some users: {@code out[b * numItems + i]} for
     * user {@code b} of the arrays and item {@code i}.
     *
     * @param userHalves per user, the first MLP layer's user half (bias included), or null entries
     *     without an MLP tower
     * @param gmfSides per user, the GMF user side (embedding times the GMF output weights; MF: the
     *     embedding), or null entries without
     * @param mfUserBiases per user, MF's user bias, or null for the other models
     * @param out receives the scores; at least {@code userHalves.length * numItems} long
     */
    public void screen(float[][] userHalves, float[][] gmfSides, float[] mfUserBiases, float[] out) {
        int users = userHalves.length;
        float[][] acts = null;
        if (layers != null) {
            acts = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                acts[l] = new float[padded[l] * T];
            }
        }
        float[] scores = new float[T];
        float[] dots = new float[T];
        for (int t = 0; t < tiles; t++) {
            int first = t * T;
            int count = Math.min(T, numItems - first);
            for (int b = 0; b < users; b++) {
                // The parts in separate methods, no vector crossing a branch: a vector value merged
                // at a branch's end is boxed, which costs more than the arithmetic.
                if (layers != null) {
                    mlpTile(userHalves[b], itemHalf, t * layers[0] * T, acts, scores, false);
                }
                if (gmfItem != null) {
                    gmfTile(gmfSides[b], mfUserBiases != null ? mfUserBiases[b] : 0f, gmfItem, t * gmfDim * T,
                            mfItemGlobal, t * T, dots, scores, false);
                }
                if (order == null) {
                    System.arraycopy(scores, 0, out, b * numItems + first, count);
                } else {
                    for (int j = 0, at = b * numItems; j < count; j++) {
                        out[at + order[first + j]] = scores[j];
                    }
                }
            }
        }
    }

    /**
     * Computes reference scores of some items for one user, bit for bit those of {@code
     * ReferenceNet.User#score}: every sum from its bias (or zero) in increasing order, each product
     * rounded before it is added (lanewise multiply, then add; Java never fuses them), the same
     * ReLU and the same final additions, with the lanes running over the items. The items' rows are
     * gathered from the tiles into tiles of their own.
     *
     * @param userHalf the first MLP layer's user half, or null without an MLP tower
     * @param gmfSide the GMF (or MF) user side, or null without
     * @param mfUserBias MF's user bias (0 for the other models)
     * @param items item indices
     * @param count how many of them, from position 0
     * @param out receives the scores, {@code out[j]} for {@code items[j]}
     */
    public void reference(float[] userHalf, float[] gmfSide, float mfUserBias, int[] items, int count,
            float[] out) {
        float[][] acts = null;
        float[] half = null;
        if (layers != null) {
            acts = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                acts[l] = new float[padded[l] * T];
            }
            half = new float[layers[0] * T];
        }
        float[] gmf = gmfItem != null ? new float[gmfDim * T] : null;
        float[] mf = mfItemGlobal != null ? new float[T] : null;
        float[] scores = new float[T];
        float[] dots = new float[T];
        for (int from = 0; from < count; from += T) {
            int n = Math.min(T, count - from);
            for (int j = 0; j < n; j++) {
                int item = items[from + j];
                if (item < 0 || item >= numItems) {
                    throw new IllegalArgumentException("item index must be in [0, " + numItems + "), got " + item);
                }
                int p = position == null ? item : position[item];
                int lane = p % T;
                int tile = p / T;
                if (half != null) {
                    gather(itemHalf, tile * layers[0] * T + lane, layers[0], half, j);
                }
                if (gmf != null) {
                    gather(gmfItem, tile * gmfDim * T + lane, gmfDim, gmf, j);
                }
                if (mf != null) {
                    mf[j] = mfItemGlobal[tile * T + lane];
                }
            }
            if (layers != null) {
                mlpTile(userHalf, half, 0, acts, scores, true);
            }
            if (gmfItem != null) {
                gmfTile(gmfSide, mfUserBias, gmf, 0, mf, 0, dots, scores, true);
            }
            System.arraycopy(scores, 0, out, from, n);
        }
    }

    /** Copies one item's column of a tile ({@code width} units, stride T) into lane j of another. */
    private static void gather(float[] tiled, int at, int width, float[] into, int j) {
        for (int k = 0; k < width; k++) {
            into[k * T + j] = tiled[at + k * T];
        }
    }

    /**
     * The MLP part, output bias included, into {@code scores}, from a tile of the first layer's
     * item half at {@code half[base ..]}; {@code exact} sums as the reference does.
     */
    private void mlpTile(float[] userHalf, float[] half, int base, float[][] acts, float[] scores,
            boolean exact) {
        float[] h = acts[0];
        for (int k = 0; k < layers[0]; k++) {
            FloatVector ak = FloatVector.broadcast(S, userHalf[k]);
            int row = k * T;
            for (int v = 0; v < T; v += L) {
                // relu(fl(a + b)) with NaN kept: Math.max semantics, as the reference's x <= 0 ? 0 : x.
                ak.add(FloatVector.fromArray(S, half, base + row + v)).max(0f).intoArray(h, row + v);
            }
        }
        for (int l = 1; l < layers.length; l++) {
            if (exact) {
                layerExact(acts[l - 1], layers[l - 1], weights[l], biases[l], padded[l], acts[l]);
            } else {
                layer(acts[l - 1], layers[l - 1], weights[l], biases[l], padded[l], acts[l]);
            }
        }
        if (exact) {
            outputExact(acts[layers.length - 1], scores);
        } else {
            output(acts[layers.length - 1], scores);
        }
    }

    /** The output layer over the last hidden layer: {@code outBias + sum_k w[k] h[k]}, fused. */
    private void output(float[] last, float[] scores) {
        FloatVector s0 = FloatVector.broadcast(S, outBias);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        for (int k = 0; k < outWeight.length; k++) {
            FloatVector w = FloatVector.broadcast(S, outWeight[k]);
            int row = k * T;
            s0 = FloatVector.fromArray(S, last, row).fma(w, s0);
            s1 = FloatVector.fromArray(S, last, row + L).fma(w, s1);
            s2 = FloatVector.fromArray(S, last, row + 2 * L).fma(w, s2);
            s3 = FloatVector.fromArray(S, last, row + 3 * L).fma(w, s3);
            s4 = FloatVector.fromArray(S, last, row + 4 * L).fma(w, s4);
        }
        s0.intoArray(scores, 0);
        s1.intoArray(scores, L);
        s2.intoArray(scores, 2 * L);
        s3.intoArray(scores, 3 * L);
        s4.intoArray(scores, 4 * L);
    }

    /** {@link #output} as the reference sums: from the bias, in increasing k, products rounded. */
    private void outputExact(float[] last, float[] scores) {
        FloatVector s0 = FloatVector.broadcast(S, outBias);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        for (int k = 0; k < outWeight.length; k++) {
            FloatVector w = FloatVector.broadcast(S, outWeight[k]);
            int row = k * T;
            s0 = s0.add(FloatVector.fromArray(S, last, row).mul(w));
            s1 = s1.add(FloatVector.fromArray(S, last, row + L).mul(w));
            s2 = s2.add(FloatVector.fromArray(S, last, row + 2 * L).mul(w));
            s3 = s3.add(FloatVector.fromArray(S, last, row + 3 * L).mul(w));
            s4 = s4.add(FloatVector.fromArray(S, last, row + 4 * L).mul(w));
        }
        s0.intoArray(scores, 0);
        s1.intoArray(scores, L);
        s2.intoArray(scores, 2 * L);
        s3.intoArray(scores, 3 * L);
        s4.intoArray(scores, 4 * L);
    }

    /**
     * The GMF dot over a tile of item embeddings at {@code gmf[base ..]}, combined into {@code
     * scores}: NeuMF adds it to the MLP part there, GMF adds the output bias, MF adds the user bias
     * and then the item's bias plus the global one ({@code mfGlobal[mfBase ..]}); {@code exact} sums
     * the dot as the reference does.
     */
    private void gmfTile(float[] side, float mfUserBias, float[] gmf, int base, float[] mfGlobal, int mfBase,
            float[] dots, float[] scores, boolean exact) {
        if (exact) {
            dotExact(side, gmf, base, dots);
        } else {
            dot(side, gmf, base, dots);
        }
        for (int v = 0; v < T; v += L) {
            FloatVector d = FloatVector.fromArray(S, dots, v);
            if (mfGlobal != null) {
                d.add(mfUserBias).add(FloatVector.fromArray(S, mfGlobal, mfBase + v)).intoArray(scores, v);
            } else if (layers == null) {
                d.add(outBias).intoArray(scores, v);
            } else {
                FloatVector.fromArray(S, scores, v).add(d).intoArray(scores, v);
            }
        }
    }

    /** The GMF dot of a tile, fused: {@code sum_k side[k] q[k]}. */
    private void dot(float[] side, float[] gmf, int base, float[] dots) {
        FloatVector d0 = FloatVector.zero(S);
        FloatVector d1 = d0;
        FloatVector d2 = d0;
        FloatVector d3 = d0;
        FloatVector d4 = d0;
        for (int k = 0; k < gmfDim; k++) {
            FloatVector c = FloatVector.broadcast(S, side[k]);
            int row = base + k * T;
            d0 = FloatVector.fromArray(S, gmf, row).fma(c, d0);
            d1 = FloatVector.fromArray(S, gmf, row + L).fma(c, d1);
            d2 = FloatVector.fromArray(S, gmf, row + 2 * L).fma(c, d2);
            d3 = FloatVector.fromArray(S, gmf, row + 3 * L).fma(c, d3);
            d4 = FloatVector.fromArray(S, gmf, row + 4 * L).fma(c, d4);
        }
        d0.intoArray(dots, 0);
        d1.intoArray(dots, L);
        d2.intoArray(dots, 2 * L);
        d3.intoArray(dots, 3 * L);
        d4.intoArray(dots, 4 * L);
    }

    /** {@link #dot} as the reference sums: from zero, in increasing k, products rounded. */
    private void dotExact(float[] side, float[] gmf, int base, float[] dots) {
        FloatVector d0 = FloatVector.zero(S);
        FloatVector d1 = d0;
        FloatVector d2 = d0;
        FloatVector d3 = d0;
        FloatVector d4 = d0;
        for (int k = 0; k < gmfDim; k++) {
            FloatVector c = FloatVector.broadcast(S, side[k]);
            int row = base + k * T;
            d0 = d0.add(FloatVector.fromArray(S, gmf, row).mul(c));
            d1 = d1.add(FloatVector.fromArray(S, gmf, row + L).mul(c));
            d2 = d2.add(FloatVector.fromArray(S, gmf, row + 2 * L).mul(c));
            d3 = d3.add(FloatVector.fromArray(S, gmf, row + 3 * L).mul(c));
            d4 = d4.add(FloatVector.fromArray(S, gmf, row + 4 * L).mul(c));
        }
        d0.intoArray(dots, 0);
        d1.intoArray(dots, L);
        d2.intoArray(dots, 2 * L);
        d3.intoArray(dots, 3 * L);
        d4.intoArray(dots, 4 * L);
    }

    /**
     * One hidden layer on a tile: {@code y[o][item] = relu(b[o] + sum_k w[o][k] x[k][item])} for the
     * {@code out} (padded) rows of w, four rows by five item vectors at a time.
     */
    private static void layer(float[] x, int in, float[] w, float[] b, int out, float[] y) {
        for (int o = 0; o < out; o += R) {
            FloatVector a00 = FloatVector.broadcast(S, b[o]);
            FloatVector a01 = a00;
            FloatVector a02 = a00;
            FloatVector a03 = a00;
            FloatVector a04 = a00;
            FloatVector a10 = FloatVector.broadcast(S, b[o + 1]);
            FloatVector a11 = a10;
            FloatVector a12 = a10;
            FloatVector a13 = a10;
            FloatVector a14 = a10;
            FloatVector a20 = FloatVector.broadcast(S, b[o + 2]);
            FloatVector a21 = a20;
            FloatVector a22 = a20;
            FloatVector a23 = a20;
            FloatVector a24 = a20;
            FloatVector a30 = FloatVector.broadcast(S, b[o + 3]);
            FloatVector a31 = a30;
            FloatVector a32 = a30;
            FloatVector a33 = a30;
            FloatVector a34 = a30;
            int r0 = o * in;
            int r1 = r0 + in;
            int r2 = r1 + in;
            int r3 = r2 + in;
            for (int k = 0; k < in; k++) {
                int xo = k * T;
                FloatVector w0 = FloatVector.broadcast(S, w[r0 + k]);
                FloatVector w1 = FloatVector.broadcast(S, w[r1 + k]);
                FloatVector w2 = FloatVector.broadcast(S, w[r2 + k]);
                FloatVector w3 = FloatVector.broadcast(S, w[r3 + k]);
                FloatVector x0 = FloatVector.fromArray(S, x, xo);
                a00 = x0.fma(w0, a00);
                a10 = x0.fma(w1, a10);
                a20 = x0.fma(w2, a20);
                a30 = x0.fma(w3, a30);
                FloatVector x1 = FloatVector.fromArray(S, x, xo + L);
                a01 = x1.fma(w0, a01);
                a11 = x1.fma(w1, a11);
                a21 = x1.fma(w2, a21);
                a31 = x1.fma(w3, a31);
                FloatVector x2 = FloatVector.fromArray(S, x, xo + 2 * L);
                a02 = x2.fma(w0, a02);
                a12 = x2.fma(w1, a12);
                a22 = x2.fma(w2, a22);
                a32 = x2.fma(w3, a32);
                FloatVector x3 = FloatVector.fromArray(S, x, xo + 3 * L);
                a03 = x3.fma(w0, a03);
                a13 = x3.fma(w1, a13);
                a23 = x3.fma(w2, a23);
                a33 = x3.fma(w3, a33);
                FloatVector x4 = FloatVector.fromArray(S, x, xo + 4 * L);
                a04 = x4.fma(w0, a04);
                a14 = x4.fma(w1, a14);
                a24 = x4.fma(w2, a24);
                a34 = x4.fma(w3, a34);
            }
            // Through the ReLU (NaN kept: Math.max semantics); written out here, not in a helper,
            // so that C2 inlines every vector operation and keeps the vectors in registers.
            int y0 = o * T;
            a00.max(0f).intoArray(y, y0);
            a01.max(0f).intoArray(y, y0 + L);
            a02.max(0f).intoArray(y, y0 + 2 * L);
            a03.max(0f).intoArray(y, y0 + 3 * L);
            a04.max(0f).intoArray(y, y0 + 4 * L);
            a10.max(0f).intoArray(y, y0 + T);
            a11.max(0f).intoArray(y, y0 + T + L);
            a12.max(0f).intoArray(y, y0 + T + 2 * L);
            a13.max(0f).intoArray(y, y0 + T + 3 * L);
            a14.max(0f).intoArray(y, y0 + T + 4 * L);
            a20.max(0f).intoArray(y, y0 + 2 * T);
            a21.max(0f).intoArray(y, y0 + 2 * T + L);
            a22.max(0f).intoArray(y, y0 + 2 * T + 2 * L);
            a23.max(0f).intoArray(y, y0 + 2 * T + 3 * L);
            a24.max(0f).intoArray(y, y0 + 2 * T + 4 * L);
            a30.max(0f).intoArray(y, y0 + 3 * T);
            a31.max(0f).intoArray(y, y0 + 3 * T + L);
            a32.max(0f).intoArray(y, y0 + 3 * T + 2 * L);
            a33.max(0f).intoArray(y, y0 + 3 * T + 3 * L);
            a34.max(0f).intoArray(y, y0 + 3 * T + 4 * L);
        }
    }

    /**
     * {@link #layer} as the reference sums: each unit from its bias, in increasing k, every product
     * rounded before it is added. A copy of {@code layer} rather than a flag inside it (and likewise
     * {@code outputExact} and {@code dotExact}): a choice per operation would merge vector values at
     * the end of a branch, which C2 boxes, at several times the cost of the arithmetic.
     */
    private static void layerExact(float[] x, int in, float[] w, float[] b, int out, float[] y) {
        for (int o = 0; o < out; o += R) {
            FloatVector a00 = FloatVector.broadcast(S, b[o]);
            FloatVector a01 = a00;
            FloatVector a02 = a00;
            FloatVector a03 = a00;
            FloatVector a04 = a00;
            FloatVector a10 = FloatVector.broadcast(S, b[o + 1]);
            FloatVector a11 = a10;
            FloatVector a12 = a10;
            FloatVector a13 = a10;
            FloatVector a14 = a10;
            FloatVector a20 = FloatVector.broadcast(S, b[o + 2]);
            FloatVector a21 = a20;
            FloatVector a22 = a20;
            FloatVector a23 = a20;
            FloatVector a24 = a20;
            FloatVector a30 = FloatVector.broadcast(S, b[o + 3]);
            FloatVector a31 = a30;
            FloatVector a32 = a30;
            FloatVector a33 = a30;
            FloatVector a34 = a30;
            int r0 = o * in;
            int r1 = r0 + in;
            int r2 = r1 + in;
            int r3 = r2 + in;
            for (int k = 0; k < in; k++) {
                int xo = k * T;
                FloatVector w0 = FloatVector.broadcast(S, w[r0 + k]);
                FloatVector w1 = FloatVector.broadcast(S, w[r1 + k]);
                FloatVector w2 = FloatVector.broadcast(S, w[r2 + k]);
                FloatVector w3 = FloatVector.broadcast(S, w[r3 + k]);
                FloatVector x0 = FloatVector.fromArray(S, x, xo);
                a00 = a00.add(x0.mul(w0));
                a10 = a10.add(x0.mul(w1));
                a20 = a20.add(x0.mul(w2));
                a30 = a30.add(x0.mul(w3));
                FloatVector x1 = FloatVector.fromArray(S, x, xo + L);
                a01 = a01.add(x1.mul(w0));
                a11 = a11.add(x1.mul(w1));
                a21 = a21.add(x1.mul(w2));
                a31 = a31.add(x1.mul(w3));
                FloatVector x2 = FloatVector.fromArray(S, x, xo + 2 * L);
                a02 = a02.add(x2.mul(w0));
                a12 = a12.add(x2.mul(w1));
                a22 = a22.add(x2.mul(w2));
                a32 = a32.add(x2.mul(w3));
                FloatVector x3 = FloatVector.fromArray(S, x, xo + 3 * L);
                a03 = a03.add(x3.mul(w0));
                a13 = a13.add(x3.mul(w1));
                a23 = a23.add(x3.mul(w2));
                a33 = a33.add(x3.mul(w3));
                FloatVector x4 = FloatVector.fromArray(S, x, xo + 4 * L);
                a04 = a04.add(x4.mul(w0));
                a14 = a14.add(x4.mul(w1));
                a24 = a24.add(x4.mul(w2));
                a34 = a34.add(x4.mul(w3));
            }
            int y0 = o * T;
            a00.max(0f).intoArray(y, y0);
            a01.max(0f).intoArray(y, y0 + L);
            a02.max(0f).intoArray(y, y0 + 2 * L);
            a03.max(0f).intoArray(y, y0 + 3 * L);
            a04.max(0f).intoArray(y, y0 + 4 * L);
            a10.max(0f).intoArray(y, y0 + T);
            a11.max(0f).intoArray(y, y0 + T + L);
            a12.max(0f).intoArray(y, y0 + T + 2 * L);
            a13.max(0f).intoArray(y, y0 + T + 3 * L);
            a14.max(0f).intoArray(y, y0 + T + 4 * L);
            a20.max(0f).intoArray(y, y0 + 2 * T);
            a21.max(0f).intoArray(y, y0 + 2 * T + L);
            a22.max(0f).intoArray(y, y0 + 2 * T + 2 * L);
            a23.max(0f).intoArray(y, y0 + 2 * T + 3 * L);
            a24.max(0f).intoArray(y, y0 + 2 * T + 4 * L);
            a30.max(0f).intoArray(y, y0 + 3 * T);
            a31.max(0f).intoArray(y, y0 + 3 * T + L);
            a32.max(0f).intoArray(y, y0 + 3 * T + 2 * L);
            a33.max(0f).intoArray(y, y0 + 3 * T + 3 * L);
            a34.max(0f).intoArray(y, y0 + 3 * T + 4 * L);
        }
    }

    /** @return a short description of the kernel, for the log */
    public String describe() {
        return "Java Vector API, " + L + " float lanes, tiles of " + T + " items";
    }
}
