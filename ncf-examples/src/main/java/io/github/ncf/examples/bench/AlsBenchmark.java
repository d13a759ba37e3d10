package io.github.ncf.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.github.ncf.core.Engines;
import io.github.ncf.core.ProcessTuning;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.SplitMix64;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.eval.baseline.ImplicitALS;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times iALS on ML-100k two ways: the library's {@link ImplicitALS} (plain Java: sparse
 * accumulation of each user's and item's system, a double Cholesky per system) and the same
 * alternating exact solves written in DJL's linear algebra on PyTorch (the systems formed with one
 * dense matrix product {@code R (y_i y_i^T)} over all users at once, solved by a batched inverse).
 * The DJL form needs the dense users x items matrix and a users x factors^2 buffer, so it only suits
 * small data. Prints wall and calling-thread CPU seconds (one PyTorch intra-op thread) and the final
 * objective of each, which must agree.
 *
 * <pre>{@code
 * java -cp ncf-examples.jar io.github.ncf.examples.bench.AlsBenchmark ../shared/data 64
 * }</pre>
 */
public final class AlsBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double LAMBDA = 10;
    private static final double ALPHA = 10;
    private static final int ITERATIONS = 15;

    private AlsBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the folder holding {@code ml-100k/} (default {@code $NCF_DATA_DIR}), then optionally
     *     the number of factors (default 64)
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        String root = args.length > 0 ? args[0] : System.getenv("NCF_DATA_DIR");
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("pass the folder holding ml-100k/ or set NCF_DATA_DIR");
        }
        int factors = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        ProcessTuning.forTraining(1);
        Interactions train = LeaveOneOutSplitter.builder().build().split(MovieLensReader
                .read(MovieLensVariant.ML_100K, Path.of(root).resolve("ml-100k")).interactions()).train();
        ImplicitALS.Builder java = ImplicitALS.builder().factors(factors).lambda(LAMBDA).alpha(ALPHA)
                .iterations(ITERATIONS);
        double[] javaBest = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] djlBest = {Double.MAX_VALUE, Double.MAX_VALUE};
        double javaLoss = 0;
        double djlLoss = 0;
        for (int r = 0; r < 3; r++) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            double[] losses = java.fit(train).losses();
            javaLoss = losses[losses.length - 1];
            keepMin(javaBest, wall, cpu);
            wall = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime();
            djlLoss = djlFit(train, factors);
            keepMin(djlBest, wall, cpu);
        }
        System.out.printf(Locale.ROOT, "ML-100k iALS, %d factors, %d iterations, best of 3 (wall s / thread"
                + " CPU s):%n  plain Java %.2f / %.2f (final objective %.2f)%n  DJL dense + batched inverse"
                + " %.2f / %.2f (final objective %.2f)%n", factors, ITERATIONS, javaBest[0], javaBest[1],
                javaLoss, djlBest[0], djlBest[1], djlLoss);
    }

    private static void keepMin(double[] best, long wall, long cpu) {
        best[0] = Math.min(best[0], (System.nanoTime() - wall) / 1e9);
        best[1] = Math.min(best[1], (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }

    /** iALS on DJL with the library's initialisation; returns the final objective. */
    private static double djlFit(Interactions train, int f) {
        int users = train.numUsers();
        int items = train.numItems();
        float[] dense = new float[users * items];
        float[] init = new float[items * f];
        for (int u = 0; u < users; u++) {
            for (int i : train.itemsOf(u)) {
                dense[u * items + i] = 1f;
            }
        }
        for (int i = 0; i < items; i++) {
            SplitMix64 random = SplitMix64.of(Seeds.DEFAULT, i);
            for (int a = 0; a < f; a++) {
                init[i * f + a] = (float) (0.01 * random.nextGaussian());
            }
        }
        try (NDManager manager = Engines.start().newBaseManager()) {
            NDArray r = manager.create(dense, new Shape(users, items));
            NDArray rt = r.transpose();
            NDArray y = manager.create(init, new Shape(items, f));
            NDArray x = null;
            NDArray eye = manager.eye(f).mul(LAMBDA);
            for (int it = 0; it < ITERATIONS; it++) {
                // Each iteration's temporaries are freed with its scope; only the new factors survive.
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray previousY = y;
                    x = solve(r, y, eye, f);
                    y = solve(rt, x, eye, f);
                    NDScope.unregister(x, y);
                    if (previousY != y && it > 0) {
                        previousY.close();
                    }
                }
            }
            NDArray s = x.matMul(y.transpose());
            NDArray c = r.mul(ALPHA).add(1);
            double fit = c.mul(r.sub(s).square()).sum().getFloat();
            double reg = LAMBDA * (x.square().sum().getFloat() + y.square().sum().getFloat());
            return fit + reg;
        }
    }

    /** Solves every row of {@code r}'s factors with {@code fixed} held: one batched system per row. */
    private static NDArray solve(NDArray r, NDArray fixed, NDArray eye, int f) {
        long n = fixed.getShape().get(0);
        NDArray outer = fixed.expandDims(2).mul(fixed.expandDims(1)).reshape(n, (long) f * f);
        NDArray gram = fixed.transpose().matMul(fixed).add(eye);
        NDArray systems = r.matMul(outer).mul(ALPHA).reshape(-1, f, f).add(gram);
        NDArray rhs = r.matMul(fixed).mul(1 + ALPHA).expandDims(2);
        return systems.inverse().batchMatMul(rhs).squeeze(2);
    }
}
