package io.github.ncf.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.MklCpuDispatch;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.ProtocolEvaluator;
import io.github.ncf.eval.baseline.ItemPopularity;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Mrr;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times full-ranking and sampled evaluation on ML-100k for ItemPopularity and for an initialised
 * (untrained) NeuMF at the reference configuration: evaluation cost does not depend on the weights'
 * values. Prints the figures and writes them as JSON. NeuMF is timed with one evaluation thread and
 * again with two (each calling the model with the PyTorch intra-op threads of {@code --threads}).
 *
 * <p>Arguments, all optional: {@code --data-dir DIR} (the folder holding {@code ml-100k/}; default
 * {@code $NCF_DATA_DIR} or the system property {@code ncf.data.dir}), {@code --out FILE} (default
 * {@code target/eval-bench.json}), {@code --warmup N} (untimed evaluations first, default 5), {@code
 * --repeats N} (timed evaluations, default 15; the median is reported), {@code --threads N} (PyTorch
 * intra-op threads, default 1).
 *
 * <pre>{@code
 * java -cp ncf-examples.jar io.github.ncf.examples.bench.EvalBenchmark --data-dir ../shared/data
 * }</pre>
 */
public final class EvalBenchmark {

    /** Full-ranking target for NeuMF on ML-100k, seconds (issue 4). */
    public static final double FULL_TARGET_SECONDS = 0.3;
    /** Sampled-protocol target for NeuMF on ML-100k, seconds (issue 4). */
    public static final double SAMPLED_TARGET_SECONDS = 0.1;

    private EvalBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the options of the class comment
     * @throws IOException if the data cannot be read or the JSON cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        String root = options.getOrDefault("data-dir",
                System.getProperty("ncf.data.dir", System.getenv("NCF_DATA_DIR")));
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("no data folder: pass --data-dir DIR or set NCF_DATA_DIR to"
                    + " the folder holding ml-100k/");
        }
        Path out = Path.of(options.getOrDefault("out", "target/eval-bench.json"));
        int warmup = positive(options, "warmup", 5);
        int repeats = positive(options, "repeats", 15);
        int threads = positive(options, "threads", 1);
        Map<String, Object> report = run(Path.of(root).resolve("ml-100k"), warmup, repeats, threads);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /**
     * Runs the benchmark and returns its figures, printing them as it goes.
     *
     * @param ml100k the ML-100k folder
     * @param warmup untimed evaluations per (scorer, protocol)
     * @param repeats timed evaluations per (scorer, protocol)
     * @param threads PyTorch intra-op threads
     * @return the figures, ready for JSON
     * @throws IOException if the data cannot be read
     */
    public static Map<String, Object> run(Path ml100k, int warmup, int repeats, int threads)
            throws IOException {
        ProcessTuning.forTraining(threads);
        long t0 = System.nanoTime();
        Split split = LeaveOneOutSplitter.builder().build()
                .split(MovieLensReader.read(MovieLensVariant.ML_100K, ml100k).interactions());
        double loadSeconds = seconds(t0);

        t0 = System.nanoTime();
        FullRanking fullProtocol = FullRanking.builder().train(split.train()).test(split.test()).build();
        double fullBuildSeconds = seconds(t0);
        t0 = System.nanoTime();
        SampledRanking sampledProtocol = SampledRanking.builder().train(split.train()).test(split.test())
                .build();
        double sampledBuildSeconds = seconds(t0);
        ProtocolEvaluator full = ProtocolEvaluator.builder().protocol(fullProtocol)
                .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
        ProtocolEvaluator sampled = ProtocolEvaluator.builder().protocol(sampledProtocol)
                .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "eval");
        report.put("dataset", "ml-100k");
        report.put("users", split.train().numUsers());
        report.put("items", split.train().numItems());
        report.put("evaluatedUsers", fullProtocol.evaluatedUsers());
        report.put("skippedUsers", fullProtocol.skippedUsers());
        report.put("threads", threads);
        report.put("mklCpuDispatch", MklCpuDispatch.status());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("warmup", warmup);
        report.put("repeats", repeats);
        report.put("loadAndSplitSeconds", loadSeconds);
        report.put("fullProtocolBuildSeconds", fullBuildSeconds);
        report.put("sampledProtocolBuildSeconds", sampledBuildSeconds);
        System.out.println("oneMKL kernels: " + MklCpuDispatch.status());
        System.out.printf(Locale.ROOT, "ML-100k: %d users, %d items; load+split %.3f s; sampled"
                + " candidates drawn once in %.3f s%n", split.train().numUsers(), split.train().numItems(),
                loadSeconds, sampledBuildSeconds);

        List<Map<String, Object>> results = new ArrayList<>();
        ItemPopularity popularity = ItemPopularity.fit(split.train());
        results.add(time("ItemPopularity", popularity, full, warmup, repeats));
        results.add(time("ItemPopularity", popularity, sampled, warmup, repeats));
        NeuMF block = NeuMF.builder().numUsers(split.train().numUsers())
                .numItems(split.train().numItems()).seed(42L).build();
        try (NcfModel neumf = NcfModel.create(block, split.train())) {
            report.put("neumf", block.hyperparameters());
            results.add(time("NeuMF (initialised)", neumf, full, warmup, repeats));
            results.add(time("NeuMF (initialised)", neumf, sampled, warmup, repeats));
            results.add(timeScoringOnly(neumf, fullProtocol.users(), warmup, repeats));
            // The same evaluations with two threads calling the model at once (one per core).
            ProtocolEvaluator full2 = ProtocolEvaluator.builder()
                    .protocol(FullRanking.builder().train(split.train()).test(split.test()).threads(2).build())
                    .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
            ProtocolEvaluator sampled2 = ProtocolEvaluator.builder().protocol(sampledProtocol.withThreads(2))
                    .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
            results.add(time("NeuMF (initialised)", neumf, full2, warmup, repeats, 2));
            results.add(time("NeuMF (initialised)", neumf, sampled2, warmup, repeats, 2));
        }
        report.put("results", results);

        double neumfFull = (double) results.get(2).get("medianSeconds");
        double neumfSampled = (double) results.get(3).get("medianSeconds");
        double neumfFull2 = (double) results.get(5).get("medianSeconds");
        double neumfSampled2 = (double) results.get(6).get("medianSeconds");
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("fullTargetSeconds", FULL_TARGET_SECONDS);
        targets.put("fullMedianSeconds", neumfFull);
        targets.put("fullMet", neumfFull <= FULL_TARGET_SECONDS);
        targets.put("sampledTargetSeconds", SAMPLED_TARGET_SECONDS);
        targets.put("sampledMedianSeconds", neumfSampled);
        targets.put("sampledMet", neumfSampled <= SAMPLED_TARGET_SECONDS);
        targets.put("fullMedianSecondsTwoEvalThreads", neumfFull2);
        targets.put("sampledMedianSecondsTwoEvalThreads", neumfSampled2);
        report.put("neumfTargets", targets);
        System.out.printf(Locale.ROOT, "NeuMF full ranking: median %.4f s (target <= %.1f s: %s);"
                + " sampled: median %.4f s (target <= %.1f s: %s)%n", neumfFull, FULL_TARGET_SECONDS,
                neumfFull <= FULL_TARGET_SECONDS ? "met" : "MISSED", neumfSampled, SAMPLED_TARGET_SECONDS,
                neumfSampled <= SAMPLED_TARGET_SECONDS ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "with two evaluation threads: full %.4f s, sampled %.4f s%n",
                neumfFull2, neumfSampled2);
        return report;
    }

    private static Map<String, Object> time(String name, Scorer scorer, ProtocolEvaluator evaluator, int warmup,
            int repeats) {
        return time(name, scorer, evaluator, warmup, repeats, 1);
    }

    private static Map<String, Object> time(String name, Scorer scorer, ProtocolEvaluator evaluator, int warmup,
            int repeats, int evalThreads) {
        EvaluationResult last = null;
        for (int w = 0; w < warmup; w++) {
            last = evaluator.evaluate(scorer);
        }
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            last = evaluator.evaluate(scorer);
            seconds[r] = seconds(t0);
            cpuSeconds[r] = (processCpuNanos() - c0) / 1e9;
        }
        Map<String, Object> row = stats(name, evaluator.protocol().name(), seconds);
        putCpu(row, cpuSeconds);
        row.put("evalThreads", evalThreads);
        row.put("metrics", last.means());
        row.put("usersWithTies", last.ranks().usersWithTies());
        System.out.printf(Locale.ROOT, "%-20s %-11s x%d median %.4f s (min %.4f, max %.4f), process CPU"
                + " median %.4f s  %s%n", name, evaluator.protocol().name(), evalThreads,
                row.get("medianSeconds"), row.get("minSeconds"), row.get("maxSeconds"),
                row.get("medianCpuSeconds"), last);
        return row;
    }

    /** The model's share of a full-ranking evaluation: scoreAllItems over every test user, alone. */
    private static Map<String, Object> timeScoringOnly(Scorer scorer, int[] users, int warmup,
            int repeats) {
        float[] out = new float[users.length * scorer.numItems()];
        for (int w = 0; w < warmup; w++) {
            scorer.scoreAllItems(users, out);
        }
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            scorer.scoreAllItems(users, out);
            seconds[r] = seconds(t0);
            cpuSeconds[r] = (processCpuNanos() - c0) / 1e9;
        }
        Map<String, Object> row = stats("NeuMF (initialised)", "scoreAllItems only", seconds);
        putCpu(row, cpuSeconds);
        System.out.printf(Locale.ROOT, "%-20s %-11s x1 median %.4f s (min %.4f, max %.4f), process CPU"
                + " median %.4f s%n", "NeuMF (initialised)", "scoreAll", row.get("medianSeconds"),
                row.get("minSeconds"), row.get("maxSeconds"), row.get("medianCpuSeconds"));
        return row;
    }

    private static Map<String, Object> stats(String scorer, String protocol, double[] seconds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scorer", scorer);
        row.put("protocol", protocol);
        row.put("medianSeconds", median(seconds));
        row.put("minSeconds", Arrays.stream(seconds).min().orElseThrow());
        row.put("maxSeconds", Arrays.stream(seconds).max().orElseThrow());
        row.put("allSeconds", seconds);
        return row;
    }

    /**
     * CPU time of the whole process (all threads, including PyTorch's), which unlike wall time does
     * not count the time other processes hold the shared cores; -1 where the JVM cannot tell.
     */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    private static void putCpu(Map<String, Object> row, double[] cpuSeconds) {
        row.put("medianCpuSeconds", median(cpuSeconds));
        row.put("allCpuSeconds", cpuSeconds);
        row.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }

    /** The median of the values, the mean of the middle two for an even count. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            if (!a.startsWith("--") || k + 1 >= args.length) {
                throw new IllegalArgumentException("expected --data-dir, --out, --warmup, --repeats or"
                        + " --threads followed by a value, got \"" + a + "\"");
            }
            String key = a.substring(2);
            if (!List.of("data-dir", "out", "warmup", "repeats", "threads").contains(key)) {
                throw new IllegalArgumentException("unknown option \"" + a + "\"; expected --data-dir,"
                        + " --out, --warmup, --repeats or --threads");
            }
            options.put(key, args[++k]);
        }
        return options;
    }

    private static int positive(Map<String, String> options, String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("--" + key + " must be an integer >= 1, got \"" + v + "\"");
    }
}
