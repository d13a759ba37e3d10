package io.github.ncf.core.model.vector;

import jdk.incubator.vector.DoubleVector;
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
}
