package io.github.ncf.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.spark.SparkInteractions;
import io.github.ncf.spark.SparkSessions;
import io.github.ncf.spark.SparkSplit;
import io.github.ncf.spark.SparkSplitter;
import io.github.ncf.spark.eval.AlsBaseline;
import io.github.ncf.spark.eval.FactorScorer;
import io.github.ncf.spark.eval.NcfModelSource;
import io.github.ncf.spark.eval.SparkEvaluation;
import io.github.ncf.spark.eval.SparkEvaluator;
import io.github.ncf.spark.eval.SparkRecommender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The scale run: on synthetic data of a MovieLens size, in Spark local mode, times reading, the split,
 * top-10 for all users, the evaluation of all users under both protocols and, if asked, MLlib ALS, and
 * records for every step its wall and CPU seconds, the driver's heap peak and live heap, its resident
 * size and peak, and the load average. The model is a NeuMF of the default sizes built on one machine
 * from the same file, as training would be: untrained, or trained for {@code train=EPOCHS} epochs (an
 * untrained model's scores lie close together, which makes exact screening re-score more items). The
 * report is rewritten after every step, so a run stopped part-way keeps the steps it finished.
 *
 * <pre>{@code
 * NCF_SPARK_MAIN=io.github.ncf.spark.cli.ScaleRun ncf-spark/bin/ncf-spark 20m local[2] scale.json als
 * }</pre>
 */
public final class ScaleRun {

    private final Map<String, Object> record = new LinkedHashMap<>();
    private final Map<String, Object> steps = new LinkedHashMap<>();
    private final Path report;

    private ScaleRun(Path report) {
        this.report = report;
    }

    /**
     * Runs the scale run.
     *
     * @param args size ({@code tiny}, {@code small}, {@code 1m}, {@code 20m}; default 20m), master (default
     *     {@code local[2]}), report file (default {@code scale.json}), then options: {@code als} to fit and
     *     evaluate ALS as well, {@code train=EPOCHS} to train the NeuMF, {@code batch=POSITIVES} for its
     *     batch size (default 1,024; at 20M size every Adam step decays all embedding moments, so large
     *     batches train an epoch far faster), {@code skip=top10} to leave out the top-10 step, {@code
     *     stop-after=STEP} to stop after a step ({@code
     *     read}, {@code split}, {@code model}, {@code top10})
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        String size = args.length > 0 ? args[0] : "20m";
        String master = args.length > 1 ? args[1] : "local[2]";
        ScaleRun run = new ScaleRun(Path.of(args.length > 2 ? args[2] : "scale.json"));
        boolean als = false;
        String stopAfter = "";
        int epochs = 0;
        int batch = 1024;
        boolean skipTop10 = false;
        for (int a = 3; a < args.length; a++) {
            if ("als".equals(args[a])) {
                als = true;
            } else if (args[a].startsWith("train=")) {
                epochs = Integer.parseInt(args[a].substring("train=".length()));
            } else if (args[a].startsWith("batch=")) {
                batch = Integer.parseInt(args[a].substring("batch=".length()));
                if (batch <= 0) {
                    throw new IllegalArgumentException("batch must be > 0, got " + batch);
                }
            } else if ("skip=top10".equals(args[a])) {
                skipTop10 = true;
            } else if (args[a].startsWith("stop-after=")) {
                stopAfter = args[a].substring("stop-after=".length());
            } else {
                throw new IllegalArgumentException("options are als, train=EPOCHS, batch=POSITIVES, skip=top10 and"
                        + " stop-after=STEP, got " + args[a]);
            }
        }
        run.record.put("size", size);
        run.record.put("master", master);
        run.record.put("cpus", Runtime.getRuntime().availableProcessors());
        run.record.put("heapMaxBytes", Runtime.getRuntime().maxMemory());
        run.record.put("steps", run.steps);

        SyntheticInteractions spec = switch (size) {
            case "tiny" -> SyntheticInteractions.tiny();
            case "small" -> SyntheticInteractions.small();
            case "1m" -> SyntheticInteractions.ml1mSize();
            case "20m" -> SyntheticInteractions.ml20mSize();
            default -> throw new IllegalArgumentException("size must be tiny, small, 1m or 20m, got " + size);
        };
        Path file = run.step("generate", "generate and write the CSV", () -> {
            Path folder = SyntheticCsv.write(spec, 1);
            try (var files = Files.list(folder)) {
                return files.findFirst().orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        SparkSession spark = SparkSessions.local(master, "ncf-spark-scale").getOrCreate();
        SparkInteractions data = run.step("read", "read with file order kept, ids numbered", () -> {
            SparkInteractions d = SyntheticCsv.reader().read(spark, file.toString()).interactions();
            run.record.put("rows", d.rows().count());
            run.record.put("users", d.numUsers());
            run.record.put("items", d.numItems());
            return d;
        });
        if (run.stop(stopAfter, "read", spark)) {
            return;
        }
        SparkSplit split = run.step("split", "leave-one-out split (time)", () -> {
            SparkSplit s = SparkSplitter.of(LeaveOneOutSplitter.builder().build()).split(data);
            run.record.put("trainRows", s.train().rows().count());
            run.record.put("usersHeldOut", s.usersHeldOut());
            return s;
        });
        if (run.stop(stopAfter, "split", spark)) {
            return;
        }
        int trainEpochs = epochs;
        int trainBatch = batch;
        run.record.put("trainEpochs", epochs);
        run.record.put("trainBatchSize", batch);
        Path modelDir = run.step("model", "one machine: read, split, NeuMF trained for " + epochs + " epochs at batch " + batch + ", saved",
                () -> saveModel(file, trainEpochs, trainBatch));
        if (run.stop(stopAfter, "model", spark)) {
            return;
        }
        NcfModelSource source = NcfModelSource.broadcast(spark, modelDir).intraOpThreads(1);

        if (!skipTop10) {
            run.step("top10", "top-10 for all users, written as Parquet", () -> {
                Path out = tempDir("ncf-spark-scale-top10-");
                SparkRecommender.builder().model(source).k(10).build().recommend(data.userIds())
                        .write().mode("overwrite").parquet(out.toString());
                long recs = spark.read().parquet(out.toString()).count();
                run.record.put("recommendations", recs);
                return recs;
            });
        }
        if (run.stop(stopAfter, "top10", spark)) {
            return;
        }
        run.step("evaluate", "full ranking and sampled 1 + 99, all users, one job", () -> {
            SparkEvaluation r = SparkEvaluator.builder().scorer(source).build().test(split);
            run.record.put("full", r.full().means());
            run.record.put("sampled", r.sampled().means());
            run.record.put("evaluatedUsers", r.full().evaluatedUsers());
            run.record.put("fullTaskSeconds", r.full().seconds());
            run.record.put("sampledTaskSeconds", r.sampled().seconds());
            System.out.printf(Locale.ROOT, "         full ranking %.1f task-s, sampled %.1f task-s%n", r.full().seconds(),
                    r.sampled().seconds());
            return r;
        });
        if (als) {
            FactorScorer factors = run.step("alsFit", "MLlib ALS (implicit, rank 32, 10 sweeps) on the training rows",
                    () -> AlsBaseline.builder().build().fit(split.train()));
            run.step("alsEvaluate", "ALS under both protocols, all users", () -> {
                SparkEvaluation r = SparkEvaluator.builder().scorer(factors).build().test(split);
                run.record.put("alsFull", r.full().means());
                run.record.put("alsSampled", r.sampled().means());
                return r;
            });
        }
        System.out.println("report: " + run.report);
        spark.stop();
    }

    private boolean stop(String stopAfter, String step, SparkSession spark) {
        if (!stopAfter.equals(step)) {
            return false;
        }
        System.out.println("stopped after " + step + "; report: " + report);
        spark.stop();
        return true;
    }

    /** Reads, splits and saves on one machine, returning only the model folder so nothing else stays reachable. */
    private static Path saveModel(Path file, int epochs, int batch) {
        try {
            Interactions local = SyntheticCsv.localReader().read(file).interactions();
            Interactions train = LeaveOneOutSplitter.builder().build().split(local).trainAndValidation();
            Path dir = tempDir("ncf-spark-scale-model-");
            try (NcfModel model = NcfModel.create(NeuMF.builder().numUsers(local.numUsers())
                    .numItems(local.numItems()).seed(1L).build(), train)) {
                if (epochs > 0) {
                    NcfTrainer.builder().epochs(epochs).batchSize(batch).learningRate(0.001f).seed(1L).build()
                            .fit(model, train);
                }
                model.save(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one step, measures it, prints it and rewrites the report. */
    private <T> T step(String key, String what, Supplier<T> work) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        T result = work.get();
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        // A program, not the library: a full collection here tells the live set from garbage.
        System.gc();
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        m.put("wallSeconds", wall);
        m.put("cpuSeconds", cpuSeconds);
        m.put("heapPeakBytes", heapPeak);
        m.put("heapLiveAfterGcBytes", rt.totalMemory() - rt.freeMemory());
        m.put("heapCommittedBytes", rt.totalMemory());
        m.put("residentBytes", status("VmRSS:"));
        m.put("residentPeakBytes", status("VmHWM:"));
        m.put("loadAverage", loadAverage());
        steps.put(key, m);
        System.out.printf(Locale.ROOT, "%8.1f s wall %8.1f s CPU  heap peak %5.2f GB, live %5.2f GB, RSS %5.2f GB"
                + " (peak %5.2f GB), load %s  %s%n", wall, cpuSeconds, heapPeak / 1e9,
                (rt.totalMemory() - rt.freeMemory()) / 1e9, status("VmRSS:") / 1e9, status("VmHWM:") / 1e9,
                loadAverage(), what);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report, e);
        }
        return result;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return 1024L * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
