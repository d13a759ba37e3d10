package io.github.ncf.spark.cli;

import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.spark.SparkInteractions;
import io.github.ncf.spark.SparkSessions;
import io.github.ncf.spark.eval.NcfModelSource;
import io.github.ncf.spark.eval.SparkEvaluation;
import io.github.ncf.spark.eval.SparkEvaluator;
import io.github.ncf.spark.eval.SparkRecommender;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Measures what Spark adds to scoring: the same model, the same users, ms per user of top-10 and of
 * both evaluation protocols on one machine (one thread) against {@link SparkRecommender} and {@link
 * SparkEvaluator} in local mode with one task slot and one intra-op thread. The data are a
 * MovieLens-20M-size synthetic set (all 26,744 items), the users a prefix of its users; the model a
 * NeuMF of the default sizes, trained for a few epochs on those users' rows (its scores for them spread
 * as a trained model's do, which matters to exact screening) or, with 0 epochs, untrained.
 *
 * <pre>{@code
 * java -Xmx6g ... io.github.ncf.spark.cli.OverheadRun 1000 local[1]
 * }</pre>
 */
public final class OverheadRun {

    private OverheadRun() {
    }

    /**
     * Runs the comparison.
     *
     * @param args number of users (default 1,000), master (default {@code local[1]}), size ({@code 20m} or
     *     {@code 1m}, default 20m), training epochs on those users' rows (default 2)
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        int numUsers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String master = args.length > 1 ? args[1] : "local[1]";
        String size = args.length > 2 ? args[2] : "20m";
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.println(ProcessTuning.builder().allocator(false).mklAvx512(false).offline(false).threads(1)
                .build().apply());
        Interactions all = ("1m".equals(size) ? SyntheticInteractions.ml1mSize() : SyntheticInteractions.ml20mSize())
                .generate();
        Split split = LeaveOneOutSplitter.builder().build().split(all);
        Path dir = Files.createTempDirectory("ncf-spark-overhead-");
        Interactions known = prefix(split.trainAndValidation(), numUsers);
        Interactions test = prefix(split.test(), numUsers);
        try (NcfModel created = NcfModel.create(NeuMF.builder().numUsers(all.numUsers())
                .numItems(all.numItems()).seed(1L).build(), split.trainAndValidation())) {
            if (epochs > 0) {
                long t = System.nanoTime();
                NcfTrainer.builder().epochs(epochs).batchSize(1024).learningRate(0.001f).seed(1L).build()
                        .fit(created, known);
                System.out.printf(Locale.ROOT, "trained %d epochs on %d rows in %.1f s%n", epochs, known.size(),
                        (System.nanoTime() - t) / 1e9);
            }
            created.save(dir);
        }
        int users = test.size();
        List<String> rawIds = new ArrayList<>();
        for (int p = 0; p < users; p++) {
            rawIds.add(all.userIds().rawId(test.user(p)));
        }
        System.out.printf(Locale.ROOT, "%d users of %d, %d items, %d known rows; load %s%n", users, all.numUsers(),
                all.numItems(), known.size(), load());
        all = null;
        split = null;

        try (NcfModel model = NcfModel.load(dir)) {
            Recommender recommender = Recommender.builder(model).build();
            FullRanking full = FullRanking.builder().known(known).test(test).build();
            SampledRanking sampled = SampledRanking.builder().train(known).test(test).build();
            for (int round = 1; round <= 2; round++) {
                time("local Recommender.recommend k=10 round " + round, users,
                        () -> recommender.recommend(rawIds, 10).size());
                time("local FullRanking.topK k=10 round " + round, users, () -> full.topK(model, 10).length);
                time("local FullRanking.rank round " + round, users, () -> full.rank(model).users().length);
                time("local SampledRanking.rank round " + round, users,
                        () -> sampled.rank(model).users().length);
            }
        }

        SparkSession spark = SparkSessions.local(master, "ncf-spark-overhead").getOrCreate();
        NcfModelSource source = NcfModelSource.broadcast(spark, dir).intraOpThreads(1);
        List<Row> idRows = new ArrayList<>();
        for (String raw : rawIds) {
            idRows.add(RowFactory.create(raw, 0));
        }
        Dataset<Row> userTable = spark.createDataFrame(idRows, SparkInteractions.ID_SCHEMA);
        SparkRecommender sparkRecommender = SparkRecommender.builder().model(source).k(10).build();
        int partitions = spark.sparkContext().defaultParallelism();
        SparkInteractions sparkKnown = SparkInteractions.fromLocal(spark, known, partitions);
        SparkInteractions sparkTest = SparkInteractions.fromLocal(spark, test, partitions);
        SparkEvaluator evaluator = SparkEvaluator.builder().scorer(source).build();
        for (int round = 1; round <= 2; round++) {
            time("spark recommend k=10 .count() round " + round, users,
                    () -> sparkRecommender.recommend(userTable).count());
            time("spark evaluate, both protocols, round " + round, users, () -> {
                SparkEvaluation r = evaluator.evaluate(sparkKnown, sparkTest);
                return String.format(Locale.ROOT, "%d users, %d partitions; task-s full %.1f, sampled %.1f",
                        r.full().evaluatedUsers(), r.partitions(),
                        r.full().seconds(), r.sampled().seconds());
            });
        }
        memory();
        spark.stop();
    }

    private static Interactions prefix(Interactions data, int users) {
        int[] rows = new int[data.size()];
        int n = 0;
        for (int r = 0; r < data.size(); r++) {
            if (data.user(r) < users) {
                rows[n++] = r;
            }
        }
        return data.select(java.util.Arrays.copyOf(rows, n));
    }

    private static void time(String what, int users, Supplier<Object> work) {
        long cpu = processCpuNanos();
        long t = System.nanoTime();
        Object result = work.get();
        double wall = (System.nanoTime() - t) / 1e6;
        double cpuMs = (processCpuNanos() - cpu) / 1e6;
        System.out.printf(Locale.ROOT, "%-48s wall %8.0f ms = %6.2f ms/user   cpu %8.0f ms = %6.2f ms/user  (%s) load %s%n",
                what, wall, wall / users, cpuMs, cpuMs / users, result, load());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void memory() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
                System.out.println(line);
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap used %.0f MB, committed %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.totalMemory() / 1e6);
    }
}
