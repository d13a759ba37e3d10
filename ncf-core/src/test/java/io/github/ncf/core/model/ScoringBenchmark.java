package io.github.ncf.core.model;

import io.github.ncf.core.ProcessTuning;
import io.github.ncf.data.Interactions;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints the seconds {@link NcfModel#scoreAllItems(int[], float[])} takes for every user and item of
 * an ML-100k-sized model (943 x 1,682) at the reference configuration, the seconds {@link
 * NcfModel#score(int[], int[], float[])} takes for a sampled-protocol workload (943 users x 100
 * items, in calls of 16,384 pairs as {@code SampledRanking} makes them), and optionally the plain
 * chunked forward over all pairs. Medians of wall-clock time and of the calling thread's CPU time
 * (with one intra-op thread torch runs on the calling thread, so the CPU time is what a call costs
 * without competing processes). Not a test: run it by hand. Uses only public API, so the same source
 * can time an older build of the library side by side.
 */
public final class ScoringBenchmark {

    private static final int USERS = 943;
    private static final int ITEMS = 1682;
    private static final int SAMPLED_ITEMS = 100;
    private static final int SAMPLED_PAIRS_PER_CALL = 1 << 14;

    private ScoringBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: intra-op threads (default 1), repetitions (default 7), kinds
     *     (default "neumf,gmf,mlp"), whether to time the plain forward too (default true), a label
     *     printed on every line (default "current")
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        java.util.Set<String> kinds = java.util.Set.of(
                (args.length > 2 ? args[2] : "neumf,gmf,mlp").split(","));
        boolean withPlain = args.length <= 3 || Boolean.parseBoolean(args[3]);
        String label = args.length > 4 ? args[4] : "current";
        ProcessTuning.forTraining(threads);
        Interactions data = Fixtures.random(USERS, ITEMS, 100, 1);
        int[] users = new int[USERS];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        float[] out = new float[USERS * ITEMS];
        // A sampled-protocol workload: each user with 100 distinct random items, users in order.
        java.util.Random random = new java.util.Random(1);
        int[] su = new int[USERS * SAMPLED_ITEMS];
        int[] si = new int[su.length];
        for (int u = 0; u < USERS; u++) {
            int[] perm = random.ints(0, ITEMS).distinct().limit(SAMPLED_ITEMS).toArray();
            for (int k = 0; k < SAMPLED_ITEMS; k++) {
                su[u * SAMPLED_ITEMS + k] = u;
                si[u * SAMPLED_ITEMS + k] = perm[k];
            }
        }
        float[] sampledOut = new float[su.length];
        for (NcfBlock block : new NcfBlock[] {
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).build(),
                GMF.builder().numUsers(USERS).numItems(ITEMS).build(),
                MLP.builder().numUsers(USERS).numItems(ITEMS).build()}) {
            if (!kinds.contains(block.kind())) {
                continue;
            }
            try (NcfModel model = NcfModel.create(block, data)) {
                double[][] full = time(reps, () -> model.scoreAllItems(users, out));
                double[][] sampled = time(reps, () -> {
                    for (int from = 0; from < su.length; from += SAMPLED_PAIRS_PER_CALL) {
                        int to = Math.min(su.length, from + SAMPLED_PAIRS_PER_CALL);
                        float[] chunk = new float[to - from];
                        model.score(Arrays.copyOfRange(su, from, to), Arrays.copyOfRange(si, from, to),
                                chunk);
                        System.arraycopy(chunk, 0, sampledOut, from, chunk.length);
                    }
                });
                String plain = "-";
                if (withPlain) {
                    int[] u = new int[USERS * ITEMS];
                    int[] i = new int[u.length];
                    for (int k = 0; k < u.length; k++) {
                        u[k] = k / ITEMS;
                        i[k] = k % ITEMS;
                    }
                    float[] plainOut = new float[u.length];
                    plain = String.format(Locale.ROOT, "%.3f",
                            median(time(Math.min(3, reps), () -> model.score(u, i, plainOut))[0]));
                }
                System.out.printf(Locale.ROOT, "%s %-6s threads=%d all %dx%d pairs: median %.3f s wall"
                        + " (min %.3f), %.3f s thread CPU | sampled %dx%d pairs: median %.4f s wall"
                        + " (min %.4f), %.4f s thread CPU | all pairs through score(): %s s wall%n",
                        label, block.kind(), threads, USERS, ITEMS, median(full[0]), min(full[0]),
                        median(full[1]), USERS, SAMPLED_ITEMS, median(sampled[0]), min(sampled[0]),
                        median(sampled[1]), plain);
            }
        }
    }

    /** Times a task after two untimed runs: [0] wall seconds, [1] calling-thread CPU seconds. */
    private static double[][] time(int reps, Runnable task) {
        java.lang.management.ThreadMXBean cpu =
                java.lang.management.ManagementFactory.getThreadMXBean();
        double[][] t = new double[2][reps];
        for (int r = -2; r < reps; r++) {
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            task.run();
            if (r >= 0) {
                t[0][r] = (System.nanoTime() - t0) / 1e9;
                t[1][r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            }
        }
        return t;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
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
