package io.github.ncf.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.core.ExactRanking;
import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.MklCpuDispatch;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.TopK;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.core.train.NcfTrainer;
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
 * values (except for the exact screen's re-scoring, which an untrained model, whose scores all lie
 * within about 0.01 of each other, makes its worst case). Prints the figures and writes them as JSON.
 * NeuMF is timed with one evaluation thread and again with two (each calling the model with the
 * PyTorch intra-op threads of {@code --threads}); its full ranking also by torch's scores alone
 * ({@code FullRanking.builder().exact(false)}, the path before the exact screen). Then the serving
 * latency of {@code Recommender} (top 10 for one user of a 26,744-item catalogue, NeuMF at the
 * reference sizes: p50 and p99 on one thread, throughput on two) beside the path before it (the item
 * side computed for every call), and, with {@code --ml20m true}, full-ranking evaluation of all
 * 138,493 users of the synthetic MovieLens-20M-size data on two evaluation threads, with the peak
 * resident memory (long: about an hour of CPU on the 2-core Xeon).
 *
 * <p>Arguments, all optional: {@code --data-dir DIR} (the folder holding {@code ml-100k/}; default
 * {@code $NCF_DATA_DIR} or the system property {@code ncf.data.dir}), {@code --out FILE} (default
 * {@code target/eval-bench.json}), {@code --warmup N} (untimed evaluations first, default 5), {@code
 * --repeats N} (timed evaluations, default 15; the median is reported), {@code --threads N} (PyTorch
 * intra-op threads, default 1), {@code --serving-calls N} (timed recommendations, default 20 times the repeats), {@code
 * --ml20m false|all|N} (default false; N evaluates every (138,493 / N)-th held-out user only, and
 * also times ranking by torch's scores on them), {@code --ml100k true|false} (the ML-100k and
 * serving parts; default true), {@code --trained-epochs N} (default 0, off: N > 0 also trains a
 * NeuMF of the same sizes and seed for N epochs with {@code NcfTrainer}'s defaults on the ML-100k
 * training split, one thread, and times its exact full ranking beside ranking by torch's scores, with
 * the items re-scored per user: a trained model's scores spread, so the screen decides almost every
 * item).
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
        boolean ml100k = Boolean.parseBoolean(options.getOrDefault("ml100k", "true"));
        if (ml100k && (root == null || root.isBlank())) {
            throw new IllegalArgumentException("no data folder: pass --data-dir DIR or set NCF_DATA_DIR to"
                    + " the folder holding ml-100k/");
        }
        Path out = Path.of(options.getOrDefault("out", "target/eval-bench.json"));
        int warmup = positive(options, "warmup", 5);
        int repeats = positive(options, "repeats", 15);
        int threads = positive(options, "threads", 1);
        Map<String, Object> report;
        if (ml100k) {
            report = run(Path.of(root).resolve("ml-100k"), warmup, repeats, threads,
                    nonNegative(options, "trained-epochs", 0));
            int servingCalls = positive(options, "serving-calls", 20 * repeats);
            report.put("serving", serving(Math.min(servingCalls, 50), servingCalls));
        } else {
            ProcessTuning.forTraining(threads);
            report = new LinkedHashMap<>();
            report.put("benchmark", "eval");
        }
        String ml20m = options.getOrDefault("ml20m", "false");
        if (!ml20m.equals("false")) {
            report.put("ml20mFullRanking", ml20mFullRanking(ml20m.equals("all") ? Integer.MAX_VALUE
                    : positive(options, "ml20m", 1)));
        }
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
        return run(ml100k, warmup, repeats, threads, 0);
    }

    /**
     * Runs the benchmark and returns its figures, printing them as it goes; with {@code
     * trainedEpochs > 0} also the full ranking of a trained NeuMF (see the class comment).
     *
     * @param ml100k the ML-100k folder
     * @param warmup untimed evaluations per (scorer, protocol)
     * @param repeats timed evaluations per (scorer, protocol)
     * @param threads PyTorch intra-op threads
     * @param trainedEpochs epochs of the trained NeuMF; 0 leaves it out
     * @return the figures, ready for JSON
     * @throws IOException if the data cannot be read
     */
    public static Map<String, Object> run(Path ml100k, int warmup, int repeats, int threads,
            int trainedEpochs) throws IOException {
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
            // The same ranking by torch's scores, without the exact screen: the path before it.
            ProtocolEvaluator torchScores = ProtocolEvaluator.builder()
                    .protocol(FullRanking.builder().train(split.train()).test(split.test()).exact(false)
                            .build())
                    .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
            Map<String, Object> plainRow = time("NeuMF (torch scores)", neumf, torchScores, warmup,
                    repeats);
            report.put("neumfFullTorchScores", plainRow);
            report.put("neumfExactRescored", rescoredPerUser(neumf, fullProtocol));
            // The same evaluations with two threads calling the model at once (one per core).
            ProtocolEvaluator full2 = ProtocolEvaluator.builder()
                    .protocol(FullRanking.builder().train(split.train()).test(split.test()).threads(2).build())
                    .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
            ProtocolEvaluator sampled2 = ProtocolEvaluator.builder().protocol(sampledProtocol.withThreads(2))
                    .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
            results.add(time("NeuMF (initialised)", neumf, full2, warmup, repeats, 2));
            results.add(time("NeuMF (initialised)", neumf, sampled2, warmup, repeats, 2));
            // Every rank counted: an uncut metric (MRR over all ranks) keeps the screen from stopping
            // at the largest K.
            results.add(time(EVERY_RANK, neumf, everyRank(fullProtocol), warmup, repeats));
        }
        if (trainedEpochs > 0) {
            report.put("neumfTrained", trained(split, trainedEpochs, full, fullProtocol, warmup, repeats));
        }
        report.put("results", results);

        double neumfFull = (double) results.get(2).get("medianSeconds");
        double neumfSampled = (double) results.get(3).get("medianSeconds");
        double neumfFull2 = (double) results.get(5).get("medianSeconds");
        double neumfEveryRank = (double) results.get(7).get("medianSeconds");
        double neumfSampled2 = (double) results.get(6).get("medianSeconds");
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("fullTargetSeconds", FULL_TARGET_SECONDS);
        targets.put("fullMedianSeconds", neumfFull);
        targets.put("fullMet", neumfFull <= FULL_TARGET_SECONDS);
        targets.put("sampledTargetSeconds", SAMPLED_TARGET_SECONDS);
        targets.put("sampledMedianSeconds", neumfSampled);
        targets.put("sampledMet", neumfSampled <= SAMPLED_TARGET_SECONDS);
        targets.put("fullMedianSecondsTwoEvalThreads", neumfFull2);
        targets.put("fullEveryRankMedianSeconds", neumfEveryRank);
        targets.put("sampledMedianSecondsTwoEvalThreads", neumfSampled2);
        report.put("neumfTargets", targets);
        System.out.printf(Locale.ROOT, "NeuMF full ranking: median %.4f s (target <= %.1f s: %s);"
                + " sampled: median %.4f s (target <= %.1f s: %s)%n", neumfFull, FULL_TARGET_SECONDS,
                neumfFull <= FULL_TARGET_SECONDS ? "met" : "MISSED", neumfSampled, SAMPLED_TARGET_SECONDS,
                neumfSampled <= SAMPLED_TARGET_SECONDS ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "with two evaluation threads: full %.4f s, sampled %.4f s%n",
                neumfFull2, neumfSampled2);
        System.out.printf(Locale.ROOT, "NeuMF full ranking with every rank counted (ranks not cut at 10):"
                + " median %.4f s%n", neumfEveryRank);
        return report;
    }

    /**
     * Trains a NeuMF of the reference sizes (seed 42) on the training split and times its exact full
     * ranking and the ranking by torch's scores, with the items re-scored per user.
     */
    private static Map<String, Object> trained(Split split, int epochs, ProtocolEvaluator full,
            FullRanking protocol, int warmup, int repeats) {
        NeuMF block = NeuMF.builder().numUsers(split.train().numUsers())
                .numItems(split.train().numItems()).seed(42L).build();
        Map<String, Object> row = new LinkedHashMap<>();
        try (NcfModel neumf = NcfModel.create(block, split.train())) {
            long t0 = System.nanoTime();
            NcfTrainer.builder().epochs(epochs).seed(42L).threads(1).build().fit(neumf, split.train());
            row.put("epochs", epochs);
            row.put("trainSeconds", seconds(t0));
            String name = "NeuMF (" + epochs + " epochs)";
            row.put("exact", time(name, neumf, full, warmup, repeats));
            row.put("exactEveryRank", time(name + ", every rank", neumf, everyRank(protocol), warmup, repeats));
            ProtocolEvaluator torchScores = ProtocolEvaluator.builder()
                    .protocol(FullRanking.builder().train(split.train()).test(split.test()).exact(false)
                            .build())
                    .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
            row.put("torchScores", time(name + " torch", neumf, torchScores, warmup, repeats));
            row.put("rescored", rescoredPerUser(neumf, protocol));
        }
        return row;
    }

    /** The scorer name of the NeuMF row that counts every rank. */
    static final String EVERY_RANK = "NeuMF (initialised, every rank)";

    /**
     * An evaluator whose metrics include MRR over all ranks, so that it counts every rank; the
     * default evaluators' metrics are cut at 10 and let the screen stop there.
     */
    private static ProtocolEvaluator everyRank(FullRanking protocol) {
        return ProtocolEvaluator.builder().protocol(protocol)
                .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(Integer.MAX_VALUE)).build();
    }

    /**
     * How many items per user the exact screen scores with the reference arithmetic in a full
     * ranking of the protocol's users (the held-out item included), and the mean bound.
     */
    private static Map<String, Object> rescoredPerUser(NcfModel model, FullRanking protocol) {
        int[] users = protocol.users();
        int[] items = protocol.testItems();
        long rescored = 0;
        double bound = 0;
        try (ExactScreen screen = model.openScreen()) {
            int n = screen.numItems();
            float[] scores = new float[n];
            int[] counts = new int[4];
            for (int p = 0; p < users.length; p++) {
                screen.screenAllItems(new int[] {users[p]}, scores);
                ExactScreen.Reference reference = screen.reference(users[p]);
                bound += reference.bound();
                ExactRanking.rank(reference, scores, 0, n, items[p], new int[0], 0, 0, counts);
                rescored += counts[3];
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("itemsRescoredPerUser", rescored / (double) users.length);
        row.put("meanBound", bound / users.length);
        System.out.printf(Locale.ROOT, "exact screen: %.1f items per user scored by the reference"
                + " arithmetic (of %d), mean bound %.3g%n", rescored / (double) users.length,
                model.numItems(), bound / users.length);
        return row;
    }

    /** Items in the serving catalogue: MovieLens-20M's. */
    public static final int SERVING_ITEMS = 26_744;
    /** Users of the serving model. */
    private static final int SERVING_USERS = 2_000;

    /**
     * Times {@code Recommender.recommend(user, 10)} on a NeuMF of the reference sizes over a
     * 26,744-item catalogue (2,000 users with 20 random training items each): p50 and p99 of single
     * calls on one thread, and calls per second with two threads calling at once; beside it, the
     * path before the exact screen: {@code scoreAllItems} for the user (item side computed per call)
     * and {@link TopK}.
     *
     * @param warmup untimed calls
     * @param calls timed calls per measurement
     * @return the figures
     */
    public static Map<String, Object> serving(int warmup, int calls) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        io.github.ncf.data.Interactions.Builder b = io.github.ncf.data.Interactions.builder();
        for (int i = 0; i < SERVING_ITEMS; i++) {
            b.add("u" + (i % SERVING_USERS), "i" + i);
        }
        for (int u = 0; u < SERVING_USERS; u++) {
            for (int k = 0; k < 20; k++) {
                b.add("u" + u, "i" + random.nextInt(SERVING_ITEMS));
            }
        }
        io.github.ncf.data.Interactions train = b.build();
        String[] users = new String[calls];
        for (int c = 0; c < calls; c++) {
            users[c] = "u" + random.nextInt(SERVING_USERS);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        try (NcfModel model = NcfModel.create(NeuMF.builder().seed(42L).build(), train)) {
            Recommender recommender = Recommender.builder(model).build();
            float[] row = new float[model.numItems()];
            java.util.function.IntConsumer before = c -> {
                int user = model.userIds().find(users[c]).orElseThrow();
                model.scoreAllItems(new int[] {user}, row);
                int[] masked = model.trainingItems(user);
                TopK.select(row, 0, row.length, masked, 0, masked.length, 10);
            };
            java.util.function.IntConsumer after = c -> recommender.recommend(users[c], 10);
            for (int w = 0; w < warmup; w++) {
                before.accept(w % calls);
                after.accept(w % calls);
            }
            Map<String, Object> exact = latencies("Recommender (exact screen)", after, calls);
            Map<String, Object> old = latencies("scoreAllItems + TopK (before)", before, calls);
            exact.put("callsPerSecondTwoThreads", throughput(after, calls));
            old.put("callsPerSecondTwoThreads", throughput(before, calls));
            System.out.printf(Locale.ROOT, "serving throughput, 2 threads: %.0f calls/s exact screen,"
                    + " %.0f calls/s before%n", exact.get("callsPerSecondTwoThreads"),
                    old.get("callsPerSecondTwoThreads"));
            report.put("items", model.numItems());
            report.put("users", model.numUsers());
            report.put("k", 10);
            report.put("recommender", exact);
            report.put("before", old);
            report.put("p99TargetMillis", 10.0);
            report.put("p99Met", (double) exact.get("p99Millis") <= 10.0);
        }
        return report;
    }

    private static Map<String, Object> latencies(String name, java.util.function.IntConsumer call,
            int calls) {
        double[] millis = new double[calls];
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = bean.getCurrentThreadCpuTime();
        for (int c = 0; c < calls; c++) {
            long t0 = System.nanoTime();
            call.accept(c);
            millis[c] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuMillis = (bean.getCurrentThreadCpuTime() - c0) / 1e6 / calls;
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("calls", calls);
        row.put("p50Millis", sorted[(int) Math.floor(0.50 * (calls - 1))]);
        row.put("p99Millis", sorted[(int) Math.floor(0.99 * (calls - 1))]);
        row.put("meanCpuMillis", cpuMillis);
        row.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "serving, %-30s top 10 of %d items, 1 thread: p50 %.2f ms, p99"
                + " %.2f ms, CPU %.2f ms per call (load %.1f)%n", name, SERVING_ITEMS, row.get("p50Millis"),
                row.get("p99Millis"), cpuMillis, row.get("loadAverage"));
        return row;
    }

    /** Calls per second with two threads, each making {@code calls} calls. */
    private static double throughput(java.util.function.IntConsumer call, int calls) {
        Thread[] threads = new Thread[2];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int c = 0; c < calls; c++) {
                    call.accept(c);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return 2.0 * calls / seconds(t0);
    }

    /**
     * Full-ranking evaluation of the synthetic MovieLens-20M-size data (138,493 users x 26,744 items,
     * leave-one-out split) with an initialised NeuMF of the reference sizes, on two evaluation
     * threads: wall and CPU seconds and the peak resident memory. With fewer users than all, every
     * (138,493 / users)-th held-out user is evaluated, and ranking by torch's scores alone is timed on
     * them too.
     *
     * @param users how many held-out users to evaluate, at most all
     * @return the figures
     */
    public static Map<String, Object> ml20mFullRanking(int users) {
        long t0 = System.nanoTime();
        Split split = LeaveOneOutSplitter.builder().build()
                .split(io.github.ncf.data.synthetic.SyntheticInteractions.ml20mSize().generate());
        double dataSeconds = seconds(t0);
        io.github.ncf.data.Interactions test = split.test();
        boolean subset = users < test.size();
        if (subset) {
            int[] rows = new int[users];
            for (int r = 0; r < users; r++) {
                rows[r] = (int) ((long) r * test.size() / users);
            }
            test = test.select(rows);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("users", split.train().numUsers());
        report.put("items", split.train().numItems());
        report.put("dataSeconds", dataSeconds);
        report.put("evalThreads", 2);
        try (NcfModel model = NcfModel.create(NeuMF.builder().seed(42L).build(), split.train())) {
            // The default evaluation (HR@10 and NDCG@10: ranks cut at 10); on a subset also every rank
            // counted through the screen, and ranking by torch's scores alone.
            List<String> variants = subset ? List.of("exactScreen", "exactEveryRank", "torchScores")
                    : List.of("exactScreen");
            for (String variant : variants) {
                boolean exact = !variant.equals("torchScores");
                FullRanking protocol = FullRanking.builder().train(split.train()).test(test).threads(2)
                        .exact(exact).build();
                ProtocolEvaluator evaluator = ProtocolEvaluator.builder().protocol(protocol)
                        .metrics(variant.equals("exactEveryRank")
                                ? new io.github.ncf.eval.metric.RankMetric[] {HitRate.at(10), Ndcg.at(10),
                                        Mrr.at(Integer.MAX_VALUE)}
                                : new io.github.ncf.eval.metric.RankMetric[] {HitRate.at(10), Ndcg.at(10)})
                        .build();
                long c0 = processCpuNanos();
                t0 = System.nanoTime();
                EvaluationResult result = evaluator.evaluate(model);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("exact", exact);
                row.put("ranksCutAt", result.ranks().cutoff() == Integer.MAX_VALUE ? "none"
                        : (Object) result.ranks().cutoff());
                row.put("evaluatedUsers", protocol.evaluatedUsers());
                row.put("seconds", seconds(t0));
                row.put("cpuSeconds", (processCpuNanos() - c0) / 1e9);
                row.put("metrics", result.means());
                row.put("usersWithTies", result.ranks().usersWithTies());
                row.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
                report.put(variant, row);
                System.out.printf(Locale.ROOT, "synthetic 20M size, full ranking of %d users x %d items,"
                        + " NeuMF, 2 evaluation threads, %s: %.1f s (CPU %.1f s; load %.1f)%n",
                        row.get("evaluatedUsers"), split.train().numItems(),
                        variant.equals("exactScreen") ? "exact screen, ranks cut at 10 (HR@10, NDCG@10)"
                                : variant.equals("exactEveryRank") ? "exact screen, every rank"
                                : "torch scores", row.get("seconds"), row.get("cpuSeconds"),
                        row.get("loadAverage"));
            }
        }
        report.put("peakResidentMiB", peakResidentMiB());
        report.put("targetSeconds", 300.0);
        System.out.printf(Locale.ROOT, "peak resident memory %d MiB%n", report.get("peakResidentMiB"));
        return report;
    }

    /** The process's peak resident set (VmHWM), in MiB; -1 where /proc is not there. */
    private static long peakResidentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
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
                throw new IllegalArgumentException("expected --data-dir, --out, --warmup, --repeats,"
                        + " --threads, --serving-calls, --ml20m, --ml100k or --trained-epochs followed by a"
                        + " value, got \"" + a + "\"");
            }
            String key = a.substring(2);
            if (!List.of("data-dir", "out", "warmup", "repeats", "threads", "serving-calls", "ml20m",
                    "ml100k", "trained-epochs").contains(key)) {
                throw new IllegalArgumentException("unknown option \"" + a + "\"; expected --data-dir,"
                        + " --out, --warmup, --repeats, --threads, --serving-calls, --ml20m, --ml100k or"
                        + " --trained-epochs");
            }
            options.put(key, args[++k]);
        }
        return options;
    }

    private static int positive(Map<String, String> options, String key, int fallback) {
        return atLeast(options, key, fallback, 1);
    }

    private static int nonNegative(Map<String, String> options, String key, int fallback) {
        return atLeast(options, key, fallback, 0);
    }

    private static int atLeast(Map<String, String> options, String key, int fallback, int min) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("--" + key + " must be an integer >= " + min + ", got \"" + v
                + "\"");
    }
}
