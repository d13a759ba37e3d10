package io.github.ncf.core.model;

import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.util.Arrays;

/**
 * Prints the seconds {@link NcfModel#scoreAllItems(int[], float[])} takes for every user and item of
 * an ML-100k-sized model (943 x 1,682) at the reference configuration, next to the plain chunked
 * forward over all pairs. Not a test: run it by hand, with the thread count as first argument.
 */
public final class ScoringBenchmark {

    private ScoringBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: intra-op threads (default 1), repetitions (default 7)
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Engines.start(threads);
        Interactions data = Fixtures.random(943, 1682, 100, 1);
        int[] users = new int[943];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        float[] out = new float[943 * 1682];
        for (NcfBlock block : new NcfBlock[] {
                NeuMF.builder().numUsers(943).numItems(1682).build(),
                GMF.builder().numUsers(943).numItems(1682).build(),
                MLP.builder().numUsers(943).numItems(1682).build()}) {
            try (NcfModel model = NcfModel.create(block, data)) {
                double[] fast = new double[reps];
                for (int r = -2; r < reps; r++) {
                    long t0 = System.nanoTime();
                    model.scoreAllItems(users, out);
                    if (r >= 0) {
                        fast[r] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                double[] plain = new double[Math.min(3, reps)];
                int[] u = new int[users.length * 1682];
                int[] i = new int[u.length];
                for (int k = 0; k < u.length; k++) {
                    u[k] = k / 1682;
                    i[k] = k % 1682;
                }
                float[] plainOut = new float[u.length];
                for (int r = -1; r < plain.length; r++) {
                    long t0 = System.nanoTime();
                    model.score(u, i, plainOut);
                    if (r >= 0) {
                        plain[r] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                System.out.printf("%-6s threads=%d all 943x1682 pairs: factorised median %.3f s (min %.3f),"
                        + " plain forward median %.3f s%n", block.kind(), threads, median(fast),
                        Arrays.stream(fast).min().orElse(0), median(plain));
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
