package io.github.ncf.data.synthetic;

import io.github.ncf.data.SplitMix64;

/** Walker/Vose alias table: O(1) draws from a fixed discrete distribution. */
final class AliasTable {

    private final double[] prob;
    private final int[] alias;

    AliasTable(double[] weights, int from, int to) {
        int n = to - from;
        prob = new double[n];
        alias = new int[n];
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += weights[k];
        }
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int k = 0; k < n; k++) {
            scaled[k] = weights[from + k] * n / sum;
            if (scaled[k] < 1.0) {
                small[ns++] = k;
            } else {
                large[nl++] = k;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            prob[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            prob[large[--nl]] = 1.0;
        }
        while (ns > 0) {
            prob[small[--ns]] = 1.0; // rounding leftovers
        }
    }

    int size() {
        return prob.length;
    }

    /** Returns an index in [0, size()) drawn with probability proportional to its weight. */
    int draw(SplitMix64 rng) {
        int k = rng.nextInt(prob.length);
        return rng.nextDouble() < prob[k] ? k : alias[k];
    }
}
