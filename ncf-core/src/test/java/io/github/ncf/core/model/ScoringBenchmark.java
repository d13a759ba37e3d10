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
     * @param args optional: intra-op threads (default 1), repetitions (default 7), kinds
     *     (default "neumf,gmf,mlp"), whether to time the plain forward too (default true)
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        java.util.Set<String> kinds = java.util.Set.of(
                (args.length > 2 ? args[2] : "neumf,gmf,mlp").split(","));
        boolean withPlain = args.length <= 3 || Boolean.parseBoolean(args[3]);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
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
            if (!kinds.contains(block.kind())) {
                continue;
            }
            try (NcfModel model = NcfModel.create(block, data)) {
                double[] fast = new double[reps];
                double[] fastCpu = new double[reps];
                for (int r = -2; r < reps; r++) {
                    long t0 = System.nanoTime();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    model.scoreAllItems(users, out);
                    if (r >= 0) {
                        fast[r] = (System.nanoTime() - t0) / 1e9;
                        fastCpu[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                    }
                }
                double[] plain = new double[withPlain ? Math.min(3, reps) : 0];
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
                // With one intra-op thread torch runs on the calling thread, so its CPU time is what
                // the call costs without other processes competing for the cores.
                System.out.printf("%-6s threads=%d all 943x1682 pairs: factorised median %.3f s wall"
                        + " (min %.3f), %.3f s thread CPU; plain forward median %s s wall%n",
                        block.kind(), threads, median(fast), Arrays.stream(fast).min().orElse(0),
                        median(fastCpu), plain.length == 0 ? "-" : String.format("%.3f", median(plain)));
            }
        }
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
