package io.github.ncf.eval.compare;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kendall's rank correlation tau-b between two orderings of the same things, typically models ranked
 * by one metric under full ranking and under sampled ranking (Kendall, "The treatment of ties in
 * ranking problems", Biometrika 1945).
 *
 * <p>{@code tau_b = (C - D) / sqrt((P - Tx) (P - Ty))} over the {@code P = n (n - 1) / 2} pairs, with
 * {@code C} concordant pairs, {@code D} discordant pairs and {@code Tx}, {@code Ty} the pairs tied in
 * {@code x} and in {@code y}; a pair tied in either is neither concordant nor discordant. Identical
 * orderings give 1, reversed ones -1. When every value of {@code x} or of {@code y} is tied the
 * statistic is undefined and the methods return NaN, as scipy's {@code kendalltau} does.
 *
 * <pre>{@code
 * // EASE, iALS, ItemKNN on ML-100k: HR@10 under full ranking, then under sampled ranking
 * double tau = KendallTau.tauB(new double[] {0.1485, 0.1432, 0.1336}, new double[] {0.6416, 0.6426, 0.6405});
 * // 1/3: one of the three pairs (EASE, iALS) swaps places between the protocols
 * }</pre>
 */
public final class KendallTau {

    private KendallTau() {
    }

    /**
     * Computes tau-b between two score vectors of the same things; higher or lower does not matter as
     * long as both use the same direction.
     *
     * @param x the first scores, e.g. each model's full-ranking HR@10
     * @param y the second scores, in the same order of things
     * @return tau-b in {@code [-1, 1]}, or NaN if all of x or all of y are tied
     * @throws IllegalArgumentException if the lengths differ, fewer than two things are given, or a
     *     value is NaN
     */
    public static double tauB(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must score the same things, got " + x.length
                    + " and " + y.length + " values");
        }
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("tau needs at least 2 things to order, got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                throw new IllegalArgumentException("values must not be NaN, got x[" + i + "]=" + x[i]
                        + ", y[" + i + "]=" + y[i]);
            }
        }
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        // Quadratic: orderings of models are short, and the plain count is its own proof.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if (sx == sy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        if (tiedX == pairs || tiedY == pairs) {
            return Double.NaN;
        }
        return (concordant - discordant) / Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
    }

    /**
     * Computes tau between two orderings given as lists, best first, of the same distinct names.
     * Without ties this is tau-a, equal to tau-b.
     *
     * @param first the names in the first order
     * @param second the same names in the second order
     * @return tau in {@code [-1, 1]}
     * @throws IllegalArgumentException if the lists do not hold the same distinct names, or fewer
     *     than two
     */
    public static double tauB(List<String> first, List<String> second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Map<String, Integer> position = new HashMap<>();
        for (int k = 0; k < second.size(); k++) {
            if (position.put(second.get(k), k) != null) {
                throw new IllegalArgumentException("second names \"" + second.get(k) + "\" twice");
            }
        }
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("first and second must order the same names, got "
                    + first + " and " + second);
        }
        double[] x = new double[first.size()];
        double[] y = new double[first.size()];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < first.size(); k++) {
            Integer p = position.get(first.get(k));
            if (p == null || !seen.add(first.get(k))) {
                throw new IllegalArgumentException("first and second must order the same distinct"
                        + " names, got " + first + " and " + second);
            }
            x[k] = -k;
            y[k] = -p;
        }
        return tauB(x, y);
    }
}
