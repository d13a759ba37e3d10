package io.github.ncf.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DataSource;
import io.github.ncf.data.movielens.MovieLensData;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.data.sampling.NegativeSampler;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures the data layer and prints the figures, also writing them as JSON: MovieLens-100k load,
 * split and negative-sampling speed, and the MovieLens-20M-sized synthetic set's generation + split
 * time, heap footprint and sampling speed. Every figure is measured by the run that prints it.
 *
 * <p>Arguments: {@code [output.json] [--data-dir DIR] [--threads N] [--skip-20m]}; the output defaults
 * to {@code target/data-bench.json}; the MovieLens folder is found by {@link DataSource} (explicit
 * {@code --data-dir}, else {@code NCF_DATA_DIR}, else the cache; never downloaded here). The 20M part
 * needs about 3 GiB of heap ({@code -Xmx4g}).
 *
 * <pre>{@code
 * java -Xmx4g -cp ... io.github.ncf.examples.bench.DataBenchmark target/data-bench.json --threads 2
 * }</pre>
 */
public final class DataBenchmark {

    private static final int WARMUP_EPOCHS = 20;
    private static final int TIMED_EPOCHS = 20;
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int REPEATS = 5;

    private DataBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code [output.json] [--data-dir DIR] [--threads N] [--skip-20m]}
     * @throws IOException if the output cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("target", "data-bench.json");
        Path dataDir = null;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean skip20m = false;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++k, "--data-dir"));
                case "--threads" -> threads = Integer.parseInt(value(args, ++k, "--threads"));
                case "--skip-20m" -> skip20m = true;
                default -> {
                    if (args[k].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[k]
                                + "; usage: DataBenchmark [output.json] [--data-dir DIR] [--threads N] [--skip-20m]");
                    }
                    out = Path.of(args[k]);
                }
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "data");
        report.put("started", Instant.now().toString());
        report.put("java", System.getProperty("java.version"));
        report.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        report.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        // Wall-clock figures on a shared machine depend on its load; CPU seconds of the measuring
        // thread are reported beside them for single-threaded steps.
        report.put("loadAverageAtStart", loadAverage());
        report.put("ml100k", ml100k(dataDir, threads));
        report.put("synthetic20m", skip20m ? Map.of("skipped", "--skip-20m") : synthetic20m(threads));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        report.put("loadAverageAtEnd", loadAverage());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static String value(String[] args, int k, String option) {
        if (k >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[k];
    }

    private static Map<String, Object> ml100k(Path dataDir, int threads) {
        Map<String, Object> r = new LinkedHashMap<>();
        Path dir;
        try {
            DataSource.Builder source = DataSource.builder().download(false);
            if (dataDir != null) {
                source.dataDir(dataDir);
            }
            dir = source.build().resolve(MovieLensVariant.ML_100K);
        } catch (IOException e) {
            System.out.println("ML-100k: skipped: " + e.getMessage());
            r.put("skipped", e.getMessage());
            return r;
        }
        try {
            long t0 = System.nanoTime();
            MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_100K, dir);
            double coldLoad = seconds(t0);
            double[] loads = new double[REPEATS];
            for (int k = 0; k < REPEATS; k++) {
                long t = System.nanoTime();
                ml = MovieLensReader.read(MovieLensVariant.ML_100K, dir);
                loads[k] = seconds(t);
            }
            Interactions data = ml.interactions();
            LeaveOneOutSplitter splitter = LeaveOneOutSplitter.builder().build();
            double[] splits = new double[REPEATS];
            Split split = null;
            for (int k = 0; k < REPEATS; k++) {
                long t = System.nanoTime();
                split = splitter.split(data);
                splits[k] = seconds(t);
            }
            r.put("folder", dir.toString());
            r.put("rows", data.size());
            r.put("users", data.numUsers());
            r.put("items", data.numItems());
            r.put("trainRows", split.train().size());
            r.put("testRows", split.test().size());
            r.put("loadSecondsCold", coldLoad);
            r.put("loadSecondsMedian", median(loads));
            r.put("splitSecondsMedian", median(splits));
            r.put("sampling1Thread", sampling(split.train(), 1, WARMUP_EPOCHS, TIMED_EPOCHS));
            if (threads > 1) {
                r.put("samplingThreads", sampling(split.train(), threads, WARMUP_EPOCHS, TIMED_EPOCHS));
            }
            System.out.printf("ML-100k: load %.3f s cold, %.3f s warm (median of %d); split %.4f s; %s%n",
                    coldLoad, median(loads), REPEATS, median(splits), split);
        } catch (IOException e) {
            throw new IllegalStateException("reading " + dir + " failed", e);
        }
        return r;
    }

    private static Map<String, Object> sampling(Interactions train, int threads, int warmup, int timed) {
        NegativeSampler sampler = NegativeSampler.builder().train(train).threads(threads).build();
        EpochSamples samples = null;
        for (int e = 0; e < warmup; e++) {
            samples = sampler.sampleInto(e, samples);
        }
        double[] ms = new double[timed];
        double[] cpuMs = new double[timed];
        for (int e = 0; e < timed; e++) {
            long c = CPU.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            samples = sampler.sampleInto(warmup + e, samples);
            ms[e] = (System.nanoTime() - t) / 1e6;
            cpuMs[e] = (CPU.getCurrentThreadCpuTime() - c) / 1e6;
        }
        double median = median(ms);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("threads", threads);
        r.put("samplesPerEpoch", samples.rows());
        r.put("warmupEpochs", warmup);
        r.put("timedEpochs", timed);
        r.put("msPerEpochMedian", median);
        r.put("msPerEpochMin", Arrays.stream(ms).min().orElseThrow());
        r.put("samplesPerSecond", samples.rows() / (median / 1000));
        if (threads == 1) {
            r.put("cpuMsPerEpochMedian", median(cpuMs));
            r.put("samplesPerCpuSecond", samples.rows() / (median(cpuMs) / 1000));
        }
        System.out.printf("  sampling, %d thread(s): %,d samples/epoch, median %.1f ms/epoch over %d epochs "
                + "after %d warm-up, %.1f million samples/s%s%n", threads, samples.rows(), median, timed, warmup,
                samples.rows() / (median / 1000) / 1e6, threads > 1 ? "" : String.format(
                        " (median %.1f ms CPU, %.1f million samples per CPU second)", median(cpuMs),
                        samples.rows() / (median(cpuMs) / 1000) / 1e6));
        return r;
    }

    private static Map<String, Object> synthetic20m(int threads) {
        Map<String, Object> r = new LinkedHashMap<>();
        SyntheticInteractions gen = SyntheticInteractions.ml20mSize();
        long baseline = usedHeapAfterGc();
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Interactions data = gen.generate();
        double generate = seconds(t0);
        double generateCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        long fullBytes = usedHeapAfterGc() - baseline;
        long c1 = CPU.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        Split split = LeaveOneOutSplitter.builder().build().split(data);
        double splitSeconds = seconds(t1);
        double splitCpu = (CPU.getCurrentThreadCpuTime() - c1) / 1e9;
        int rows = data.size();
        data = null; // only the split halves stay reachable now
        long splitBytes = usedHeapAfterGc() - baseline;
        r.put("generator", gen.toString());
        r.put("rows", rows);
        r.put("trainRows", split.train().size());
        r.put("testRows", split.test().size());
        r.put("generateSeconds", generate);
        r.put("splitSeconds", splitSeconds);
        r.put("generatePlusSplitSeconds", generate + splitSeconds);
        r.put("generateCpuSeconds", generateCpu);
        r.put("splitCpuSeconds", splitCpu);
        r.put("generatePlusSplitCpuSeconds", generateCpu + splitCpu);
        r.put("heapBytesFullInteractions", fullBytes);
        r.put("heapBytesTrainPlusTest", splitBytes);
        System.out.printf("synthetic 20M: CPU time generate %.2f s + split %.2f s = %.2f s%n", generateCpu, splitCpu,
                generateCpu + splitCpu);
        System.out.printf("synthetic 20M: generate %.2f s + split %.2f s = %.2f s wall; heap %,d bytes (%.0f MiB) for "
                + "the full set, %,d bytes (%.0f MiB) for train + test; %s%n", generate, splitSeconds,
                generate + splitSeconds, fullBytes, fullBytes / 1048576.0, splitBytes, splitBytes / 1048576.0, split);
        r.put("sampling1Thread", sampling(split.train(), 1, 1, 5));
        if (threads > 1) {
            r.put("samplingThreads", sampling(split.train(), threads, 1, 5));
        }
        return r;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
