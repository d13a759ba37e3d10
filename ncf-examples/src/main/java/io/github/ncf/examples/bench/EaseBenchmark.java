package io.github.ncf.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.ncf.core.Engines;
import io.github.ncf.core.ProcessTuning;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.baseline.EASE;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times EASE's linear algebra: on ML-100k, PyTorch's inverse (float32 and float64) against a
 * plain-Java double Cholesky inverse, with the largest difference of the resulting weights; with
 * {@code scale}, the whole fit at MovieLens-20M's catalogue of 26,744 items on synthetic
 * interactions of ML-20M's shape (run it with {@code -Xmx8g}; it needs about 3 GB of heap and 9 GB
 * of native memory; {@code scale N} uses N PyTorch intra-op threads). Figures are wall-clock and
 * calling-thread CPU seconds with one PyTorch intra-op thread unless told otherwise (the inverse
 * runs on the calling thread then).
 *
 * <pre>{@code
 * java -cp ncf-examples.jar io.github.ncf.examples.bench.EaseBenchmark ../shared/data
 * java -Xmx8g -cp ncf-examples.jar io.github.ncf.examples.bench.EaseBenchmark scale
 * }</pre>
 */
public final class EaseBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EaseBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the folder holding {@code ml-100k/} (default {@code $NCF_DATA_DIR}) for the ML-100k
     *     comparison, or {@code scale} and optionally a thread count and an item count for the fit at
     *     scale (default: ML-20M's shape, 26,744 items)
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("scale")) {
            ProcessTuning.forTraining(args.length > 1 ? Integer.parseInt(args[1]) : 1);
            scale(args.length > 2 ? Integer.parseInt(args[2]) : 0);
            return;
        }
        ProcessTuning.forTraining(1);
        String root = args.length > 0 ? args[0] : System.getenv("NCF_DATA_DIR");
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("pass the folder holding ml-100k/ or \"scale\"");
        }
        Interactions train = LeaveOneOutSplitter.builder().build().split(MovieLensReader
                .read(MovieLensVariant.ML_100K, Path.of(root).resolve("ml-100k")).interactions()).train();
        int n = train.numItems();
        float[] gram = null;
        double gramSeconds = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long start = System.nanoTime();
            gram = gramOf(train, 100);
            gramSeconds = Math.min(gramSeconds, (System.nanoTime() - start) / 1e9);
        }
        double[] torch32 = null;
        double[] torch64 = null;
        double[] java = null;
        double[] t32 = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] t64 = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] tJava = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int r = 0; r < 3; r++) {
            long[] c = clock();
            torch32 = torchInverse(gram, n, DataType.FLOAT32);
            min(t32, c);
            c = clock();
            torch64 = torchInverse(gram, n, DataType.FLOAT64);
            min(t64, c);
            c = clock();
            java = choleskyInverse(gram, n);
            min(tJava, c);
        }
        System.out.printf(Locale.ROOT, "ML-100k EASE, %d items: Gram (Java, sparse) %.3f s (best of 5)%n", n,
                gramSeconds);
        System.out.printf(Locale.ROOT, "inverse, best of 3 (wall s / thread CPU s):%n"
                + "  PyTorch float32 %.3f / %.3f%n  PyTorch float64 %.3f / %.3f%n"
                + "  Java double Cholesky %.3f / %.3f%n", t32[0], t32[1], t64[0], t64[1], tJava[0], tJava[1]);
        System.out.printf(Locale.ROOT, "largest |B| difference to the Java double weights: float32 %.2e,"
                + " float64 %.2e%n", maxWeightDifference(torch32, java, n), maxWeightDifference(torch64, java, n));
    }

    /** The regularised Gram matrix, counted as the library counts it (the same work). */
    private static float[] gramOf(Interactions train, double lambda) {
        float[] g = new float[train.numItems() * train.numItems()];
        int n = train.numItems();
        int[] offsets = train.userItemOffsets();
        int[] items = train.userItemIndex();
        for (int u = 0; u < train.numUsers(); u++) {
            for (int a = offsets[u]; a < offsets[u + 1]; a++) {
                for (int b = a; b < offsets[u + 1]; b++) {
                    g[items[a] * n + items[b]] += 1f;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                g[j * n + i] = g[i * n + j];
            }
            g[i * n + i] += (float) lambda;
        }
        return g;
    }

    /**
     * The fit through the library at ML-20M's shape, or at {@code items} items (50,000 users, 5
     * million interactions) when that is above zero, with the memory high-water marks.
     */
    private static void scale(int items) throws IOException {
        long start = System.nanoTime();
        Interactions data = items > 0
                ? SyntheticInteractions.builder().users(50_000).items(items).interactions(5_000_000).build()
                        .generate()
                : SyntheticInteractions.ml20mSize().generate();
        System.out.printf(Locale.ROOT, "synthetic interactions: %s, generated in %.1f s%n", data,
                (System.nanoTime() - start) / 1e9);
        int[] offsets = data.userItemOffsets();
        double pairs = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            double m = offsets[u + 1] - offsets[u];
            pairs += m * (m + 1) / 2;
        }
        System.out.printf(Locale.ROOT, "Gram work: %.3g item pairs (sum over users of m(m+1)/2)%n", pairs);
        long[] c = clock();
        gramOf(data, 500);
        System.out.printf(Locale.ROOT, "Gram alone: %.1f s wall, %.1f s thread CPU%n",
                (System.nanoTime() - c[0]) / 1e9, (THREADS.getCurrentThreadCpuTime() - c[1]) / 1e9);
        c = clock();
        EASE ease = EASE.builder().lambda(500).fit(data);
        double wall = (System.nanoTime() - c[0]) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - c[1]) / 1e9;
        System.out.printf(Locale.ROOT, "EASE fit at %d items: %.1f s wall, %.1f s thread CPU; %s%n",
                data.numItems(), wall, cpu, ease);
        System.out.println("heap used now: " + (Runtime.getRuntime().totalMemory()
                - Runtime.getRuntime().freeMemory()) / (1 << 20) + " MiB; " + status("VmHWM") + " "
                + status("VmRSS"));
    }

    private static String status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return line.replaceAll("\\s+", " ");
            }
        }
        return key + ": unknown";
    }

    private static double[] torchInverse(float[] gram, int n, DataType type) {
        try (NDManager manager = Engines.start().newBaseManager()) {
            NDArray g = manager.create(gram, new Shape(n, n)).toType(type, false);
            return g.inverse().toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /**
     * The inverse of a symmetric positive definite matrix by Cholesky, {@code A = L L^T}, {@code W =
     * L^-1}, {@code A^-1 = W^T W}, in double; every inner loop is a dot product of two contiguous
     * rows ({@code wt} holds {@code W} transposed).
     */
    static double[] choleskyInverse(float[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            l[i] = a[i];
        }
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double d = l[rj + j] - dot(l, rj, l, rj, 0, j);
            double pivot = Math.sqrt(d);
            l[rj + j] = pivot;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                l[ri + j] = (l[ri + j] - dot(l, ri, l, rj, 0, j)) / pivot;
            }
        }
        double[] wt = new double[n * n];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            wt[ri + i] = 1 / l[ri + i];
            for (int j = 0; j < i; j++) {
                // W[i][j] = -(sum_{k=j}^{i-1} L[i][k] W[k][j]) / L[i][i], with W[k][j] = wt[j][k].
                wt[j * n + i] = -dot(l, ri, wt, j * n, j, i) / l[ri + i];
            }
        }
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = dot(wt, i * n, wt, j * n, j, n);
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        }
        return p;
    }

    private static double dot(double[] x, int xRow, double[] y, int yRow, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += x[xRow + k] * y[yRow + k];
        }
        return s;
    }

    private static double maxWeightDifference(double[] p, double[] reference, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double b = -p[i * n + j] / p[j * n + j];
                    double r = -reference[i * n + j] / reference[j * n + j];
                    max = Math.max(max, Math.abs(b - r));
                }
            }
        }
        return max;
    }

    private static long[] clock() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }

    private static void min(double[] best, long[] start) {
        best[0] = Math.min(best[0], (System.nanoTime() - start[0]) / 1e9);
        best[1] = Math.min(best[1], (THREADS.getCurrentThreadCpuTime() - start[1]) / 1e9);
    }
}
