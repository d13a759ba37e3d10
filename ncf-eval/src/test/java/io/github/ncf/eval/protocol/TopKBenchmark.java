package io.github.ncf.eval.protocol;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.core.Scorer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the seconds {@link FullRanking#topK} and {@link FullRanking#rank} take on precomputed
 * random scores (scoring costs only an array copy per user): an ML-100k-sized task
 * (943 users x 1,682 items, 106 training items per user) and a wide one (500 users x 26,744 items,
 * ML-20M's item count, 144 training items per user), for k = 10 and 100. Medians over the
 * repetitions after as many warm-up runs. Not a test: run it by hand. Uses only public API, so the
 * same source can time an older build of the library.
 *
 * <pre>{@code
 * mvn -pl ncf-eval -am test-compile
 * java -cp ... io.github.ncf.eval.protocol.TopKBenchmark 15
 * }</pre>
 */
public final class TopKBenchmark {

    private TopKBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: repetitions (default 15), a label printed on every line (default
     *     "current")
     */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String label = args.length > 1 ? args[1] : "current";
        run("ml100k-sized", 943, 1682, 106, reps, label);
        run("wide", 500, 26_744, 144, reps, label);
    }

    private static void run(String name, int users, int items, int perUser, int reps, String label) {
        SplittableRandom random = new SplittableRandom(11);
        float[][] table = new float[users][items];
        for (float[] row : table) {
            for (int i = 0; i < items; i++) {
                row[i] = (float) random.nextDouble();
            }
        }
        int[] tu = new int[users * perUser];
        int[] ti = new int[tu.length];
        int[] su = new int[users];
        int[] si = new int[users];
        for (int u = 0; u < users; u++) {
            int[] chosen = random.ints(0, items).distinct().limit(perUser + 1L).toArray();
            for (int k = 0; k < perUser; k++) {
                tu[u * perUser + k] = u;
                ti[u * perUser + k] = chosen[k];
            }
            su[u] = u;
            si[u] = chosen[perUser];
        }
        IdMapping userIds = IdMapping.sequential(0, users);
        IdMapping itemIds = IdMapping.sequential(0, items);
        FullRanking full = FullRanking.builder()
                .train(Interactions.of(userIds, itemIds, tu, ti, null, null))
                .test(Interactions.of(userIds, itemIds, su, si, null, null)).build();
        Scorer scorer = new Scorer() {
            @Override
            public int numUsers() {
                return users;
            }

            @Override
            public int numItems() {
                return items;
            }

            @Override
            public void score(int[] us, int[] is, float[] out) {
                for (int p = 0; p < us.length; p++) {
                    out[p] = table[us[p]][is[p]];
                }
            }

            @Override
            public void scoreAllItems(int[] us, float[] out) {
                for (int b = 0; b < us.length; b++) {
                    System.arraycopy(table[us[b]], 0, out, b * items, items);
                }
            }
        };
        time(label, name, "rank", reps, () -> full.rank(scorer));
        for (int k : new int[] {10, 100}) {
            time(label, name, "topK k=" + k, reps, () -> full.topK(scorer, k));
        }
    }

    private static void time(String label, String name, String what, int reps, Runnable task) {
        for (int r = 0; r < reps; r++) {
            task.run();
        }
        double[] seconds = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            task.run();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "%s %-13s %-10s median %.4f s (min %.4f)%n", label, name, what,
                seconds[reps / 2], seconds[0]);
    }
}
