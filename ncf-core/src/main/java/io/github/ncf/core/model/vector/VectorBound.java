package io.github.ncf.core.model.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Not API: the vectorised accumulations of the exact screen's per-user error bound, called by {@code
 * io.github.ncf.core.model.ScreenKernels} through a method handle, only in a JVM started with {@code
 * --add-modules jdk.incubator.vector}. Each output {@code o} is summed in increasing {@code k}, every
 * product rounded before it is added, as the scalar loops of {@code ReferenceNet} do, with the lanes
 * running over {@code o}: the results are the scalar ones bit for bit.
 */
public final class VectorBound {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Double vectors per float vector of the preferred species. */
    private static final int PARTS = F.length() / S.length();

    private VectorBound() {
    }

    /**
     * For every {@code o < out}: {@code s[o] += sum_k wT[k * out + o] * x[k]}, then {@code t[o] +=
     * sum_k wT[k * out + o] * y[k]} and {@code u[o] += sum_k vT[k * out + o] * x[k]}, each sum in
     * increasing {@code k}; {@code y}, {@code t}, {@code vT} and {@code u} may be null together
     * (then only {@code s} is summed).
     *
     * @param wT an (in, out) row-major matrix: the transposed weights
     * @param vT a second (in, out) matrix, or null
     * @param in the rows of the matrices
     * @param out the columns
     * @param x the first input, length at least in
     * @param y the second input, or null
     * @param s accumulates {@code wT x}
     * @param t accumulates {@code wT y}, or null
     * @param u accumulates {@code vT x}, or null
     */
    public static void accumulate(double[] wT, double[] vT, int in, int out, double[] x, double[] y, double[] s,
            double[] t, double[] u) {
        int bound = S.loopBound(out);
        for (int k = 0; k < in; k++) {
            double xk = x[k];
            int row = k * out;
            int o = 0;
            for (; o < bound; o += S.length()) {
                DoubleVector w = DoubleVector.fromArray(S, wT, row + o);
                DoubleVector.fromArray(S, s, o).add(w.mul(xk)).intoArray(s, o);
            }
            for (; o < out; o++) {
                s[o] += wT[row + o] * xk;
            }
        }
        if (vT == null) {
            return;
        }
        for (int k = 0; k < in; k++) {
            double xk = x[k];
            double yk = y[k];
            int row = k * out;
            int o = 0;
            for (; o < bound; o += S.length()) {
                DoubleVector w = DoubleVector.fromArray(S, wT, row + o);
                DoubleVector.fromArray(S, t, o).add(w.mul(yk)).intoArray(t, o);
                DoubleVector.fromArray(S, u, o).add(DoubleVector.fromArray(S, vT, row + o).mul(xk)).intoArray(u, o);
            }
            for (; o < out; o++) {
                t[o] += wT[row + o] * yk;
                u[o] += vT[row + o] * xk;
            }
        }
    }

    /**
     * One item's first-layer item half and the magnitudes of its products: for every {@code o < out},
     * {@code sums[o] = sum_k wT[k * out + o] * x[from + k]} in float (from zero, in increasing {@code
     * k}, each product rounded before it is added) and {@code mags[o] = sum_k |(double) wT[k * out +
     * o] * x[from + k]|} in double, in increasing {@code k}: the scalar loops' results bit for bit.
     *
     * @param wT the (in, out) transposed weights
     * @param in the rows
     * @param out the columns
     * @param x the item embeddings
     * @param from where this item's embedding starts in x
     * @param sums receives the item half, length at least out
     * @param mags receives the magnitudes, length at least out
     */
    public static void itemHalf(float[] wT, int in, int out, float[] x, int from, float[] sums, double[] mags) {
        java.util.Arrays.fill(sums, 0, out, 0f);
        java.util.Arrays.fill(mags, 0, out, 0);
        int bound = PARTS * S.length() == F.length() ? F.loopBound(out) : 0;
        for (int k = 0; k < in; k++) {
            float xk = x[from + k];
            double dk = xk;
            int row = k * out;
            int o = 0;
            for (; o < bound; o += F.length()) {
                FloatVector w = FloatVector.fromArray(F, wT, row + o);
                FloatVector.fromArray(F, sums, o).add(w.mul(xk)).intoArray(sums, o);
                for (int part = 0; part < PARTS; part++) {
                    DoubleVector wd = (DoubleVector) w.convertShape(VectorOperators.F2D, S, part);
                    int at = o + part * S.length();
                    DoubleVector.fromArray(S, mags, at).add(wd.mul(dk).abs()).intoArray(mags, at);
                }
            }
            for (; o < out; o++) {
                float w = wT[row + o];
                sums[o] += w * xk;
                mags[o] += Math.abs((double) w * xk);
            }
        }
    }
}
