package io.github.ncf.examples.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.core.Engines;
import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.MklCpuDispatch;
import io.github.ncf.core.NativeAllocator;
import io.github.ncf.core.model.DropoutMasks;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.train.BatchEvent;
import io.github.ncf.core.train.EpochListener;
import io.github.ncf.core.train.FitResult;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.core.train.TrainingKernels;
import io.github.ncf.core.train.internal.EpochSource;
import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.core.train.internal.Tuning;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.SortOrder;
import io.github.ncf.data.sampling.NegativeSamplingDataset;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.sampling.NegativeSampler;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.ProtocolEvaluator;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures NeuMF training speed on MovieLens-100k in the reference configuration (gmf 32, mlp 64,
 * layers 128-64-32, dropout 0.2, Adam 0.001, 4 negatives) for each speed lever side by side in one
 * run, at several batch sizes (in positives), and writes the figures as JSON.
 *
 * <p>Levers: {@code baseline} (each batch's arrays created from the Java arrays), {@code epochUpload}
 * (the epoch uploaded once, a view per batch; the default), {@code lazyAdam} (row-sparse embedding
 * updates; changes the mathematics, so with {@code --quality} its HR@10 is measured beside the
 * default's), {@code threads2} (two intra-op threads), {@code torchDropout} (torch's own dropout
 * instead of the default Java-drawn masks), {@code ungrouped} (the plain forward pass per row
 * instead of the default grouped one, which computes each positive's user side once for it and its
 * negatives), {@code torchEmbeddingGrads} (torch's dense embedding gradients instead of the
 * row-sparse Java updates, which are on by default from 2^20 embedding parameters), {@code
 * javaKernels} (the fused Java training step, {@code TrainingKernels.JAVA}: the same maths with the
 * sums in another order, so with {@code --quality} its HR@10 is measured too), {@code javaKernels2}
 * (the same on two threads), {@code
 * maskAfterRelu} (dropout masks multiplied into the ReLU's output instead of, in place, into the
 * pre-activation; the same values), {@code mallocDefault} (the default lever in a
 * child JVM with {@code -Dncf.malloc.tune=false}, i.e. glibc's allocator as it comes, against the
 * tuned allocator of {@link io.github.ncf.core.NativeAllocator} in this JVM), {@code mklAvx2} (the
 * default lever in a child JVM with {@code -Dncf.mkl.avx512=false}: oneMKL's AVX2 kernels, against
 * the AVX-512 ones that {@link MklCpuDispatch} enables on AMD processors), {@code untuned} (the default
 * lever in a child JVM that does not call {@link ProcessTuning}: what an application that does not
 * opt in gets, against this JVM, which calls {@code ProcessTuning.forTraining(1)} unless run with
 * {@code --no-tuning}), {@code djlEasyTrain} (DJL's own {@code Trainer} and {@code EasyTrain.fit}
 * on the same dataset, DJL's Adam and sigmoid cross-entropy loss, dropout from the block's seeded
 * stream: the DJL user's way, against {@code NcfTrainer}). Each figure is the median of the measured
 * epochs after warm-up epochs; the step is split into batch creation, forward, backward and
 * optimizer. A micro-benchmark compares torch's dropout with a uniform-threshold mask at the batch's
 * widest activation; another times the matrix products of the NCF layers in GFLOP/s (and, with the
 * {@code mklAvx2} lever, the same in its child JVM). Heap and resident (native + heap) memory are
 * reported. Epochs come from ncf-data's {@code NegativeSampler}, as in {@code
 * NcfTrainer.fit(model, train)}; the levers are the trainer's internal {@link Tuning} switches.
 *
 * <pre>
 * java -cp ncf-examples.jar io.github.ncf.examples.bench.TrainBenchmark \
 *     --data /work/shared/data --batches 256,1024,4096 --epochs 3 --warmup 1 --out bench-train.json
 * </pre>
 */
public final class TrainBenchmark {

    private static final List<String> ALL_LEVERS = List.of("baseline", "epochUpload", "lazyAdam",
            "threads2", "torchDropout", "ungrouped", "torchEmbeddingGrads", "maskAfterRelu", "javaKernels", "javaKernels2", "mallocDefault", "mklAvx2", "untuned", "djlEasyTrain");

    /**
     * Levers run in a child JVM, with the extra argument each passes: a JVM option setting a
     * tuning's veto property to {@code false}, or the program option {@code --no-tuning}.
     */
    private static final Map<String, String> CHILD_LEVERS = Map.of(
            "mallocDefault", "-D" + NativeAllocator.PROPERTY + "=false",
            "mklAvx2", "-D" + MklCpuDispatch.PROPERTY + "=false",
            "untuned", "--no-tuning");

    private TrainBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --data DIR} (the folder holding ml-100k; default NCF_DATA_DIR), {@code
     *     --batches 256,1024,4096}, {@code --epochs 3} (measured), {@code --warmup 1}, {@code
     *     --levers baseline,epochUpload,lazyAdam,threads2,torchDropout,ungrouped,torchEmbeddingGrads,maskAfterRelu,javaKernels,javaKernels2,mallocDefault,mklAvx2,untuned,djlEasyTrain},
     *     {@code --no-tuning} (do not call {@link ProcessTuning}: the engine as an application that
     *     does not opt in gets it),
     *     {@code --runs-only} (only the lever runs: no micro-benchmarks), {@code --matmul} (with
     *     {@code --runs-only}: the matrix-product micro-benchmark all the same), {@code --quality}
     *     (also train 10 epochs at batch 256 with the defaults, with lazy Adam and with torch's
     *     dropout, and report HR@10), {@code --synthetic} (also one epoch at batch 65,536 on
     *     synthetic MovieLens-20M-size data; {@code --synthetic-steps N} runs only N of its steps and
     *     extrapolates and reports the median CPU seconds of steps 2..N; {@code --synthetic-levers
     *     epochUpload,torchEmbeddingGrads,maskAfterRelu,pass16k} runs it once per lever, {@code
     *     passNk} with passes of N Ki rows, default the defaults only; before the first epoch and
     *     after the last it measures the products' floor, the epoch's dense training products at the
     *     rate oneMKL runs them on one thread just then, and reports each epoch as a multiple of
     *     it), {@code --out FILE} (default bench-train.json)
     * @throws IOException if the data cannot be read or the JSON written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> opt = parse(args);
        String dataDir = opt.getOrDefault("data", System.getenv("NCF_DATA_DIR"));
        if (dataDir == null) {
            throw new IllegalArgumentException("--data must name the folder holding ml-100k (or set"
                    + " NCF_DATA_DIR), got nothing");
        }
        int[] batches = Arrays.stream(opt.getOrDefault("batches", "256,1024,4096").split(","))
                .mapToInt(s -> positive("batches", s)).toArray();
        int epochs = positive("epochs", opt.getOrDefault("epochs", "3"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "1"));
        List<String> levers = List.of(opt.getOrDefault("levers", String.join(",", ALL_LEVERS))
                .split(","));
        for (String l : levers) {
            if (!ALL_LEVERS.contains(l)) {
                throw new IllegalArgumentException("--levers must be among " + ALL_LEVERS + ", got "
                        + l);
            }
        }
        Path out = Path.of(opt.getOrDefault("out", "bench-train.json"));

        // The first call loads libtorch from the bundled native jar: the cost every program pays once.
        long engineStart = System.nanoTime();
        if (opt.containsKey("no-tuning")) {
            Engines.start();
        } else {
            ProcessTuning.forTraining(1);
        }
        double engineStartSeconds = (System.nanoTime() - engineStart) / 1e9;
        System.out.printf(Locale.ROOT, "engine start (PyTorch): %.3f s%n", engineStartSeconds);
        Path dir = Path.of(dataDir).resolve("ml-100k");
        long t0 = System.nanoTime();
        Interactions all = MovieLensReader.read(MovieLensVariant.ML_100K, dir).interactions();
        Split split = LeaveOneOutSplitter.builder().order(SortOrder.TIMESTAMP).build().split(all);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Interactions train = split.train();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "train");
        report.put("started", Instant.now().toString());
        report.put("machine", machine());
        report.put("engineStartSeconds", engineStartSeconds);
        report.put("processTuning", ProcessTuning.status());
        report.put("nativeAllocator", NativeAllocator.status());
        report.put("mklCpuDispatch", MklCpuDispatch.status());
        System.out.println("process tuning: " + ProcessTuning.status());
        System.out.println("native allocator: " + NativeAllocator.status());
        System.out.println("oneMKL kernels: " + MklCpuDispatch.status());
        report.put("data", Map.of("dir", dir.toString(), "trainRows", train.size(), "users",
                train.numUsers(), "items", train.numItems(), "loadAndSplitSeconds", loadSeconds));
        report.put("config", Map.of("model", "NeuMF gmf 32, mlp 64, layers 128-64-32, dropout 0.2",
                "optimizer", "Adam 0.001", "negatives", 4, "measuredEpochs", epochs, "warmupEpochs",
                warmup));
        List<Map<String, Object>> runs = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-12s %6s %10s %8s %12s %8s %8s %8s %8s %8s %9s%n", "lever", "batch",
                "s/epoch", "cpu s/ep", "samples/s", "create", "fwd", "bwd", "optim", "sample", "rssMiB");
        for (int batch : batches) {
            for (String lever : levers) {
                runs.add(CHILD_LEVERS.containsKey(lever)
                        ? runInChildJvm(lever, dataDir, batch, epochs, warmup)
                        : lever.equals("djlEasyTrain") ? runEasyTrain(train, batch, epochs, warmup)
                        : run(train, lever, batch, epochs, warmup));
            }
        }
        report.put("runs", runs);
        if (!opt.containsKey("runs-only")) {
            report.put("dropoutMask", dropoutMicroBenchmark());
        }
        if (!opt.containsKey("runs-only") || opt.containsKey("matmul")) {
            List<Map<String, Object>> matmul = matmulMicroBenchmark();
            printMatmul(MklCpuDispatch.isApplied() ? "oneMKL AVX-512 kernels" : "oneMKL's own choice",
                    matmul);
            report.put("matmul", matmul);
        }
        if (opt.containsKey("quality")) {
            report.put("quality", quality(split));
        }
        if (opt.containsKey("synthetic")) {
            report.put("syntheticMl20m", syntheticEpoch(
                    Integer.parseInt(opt.getOrDefault("synthetic-steps", "0")),
                    List.of(opt.getOrDefault("synthetic-levers", "epochUpload").split(","))));
        }
        report.put("memory", memory());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.toFile(), report);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static Map<String, Object> run(Interactions train, String lever, int batch, int epochs,
            int warmup) {
        NcfTrainer trainer = trainer(lever, warmup + epochs, 1).batchSize(batch).build();
        FitResult r;
        long cpu0 = processCpuNanos();
        try (NcfModel model = NcfModel.create(neuMf(train, 1), train)) {
            r = trainer.fit(model, train);
        }
        double cpuPerEpoch = (processCpuNanos() - cpu0) / 1e9 / r.epochsRun();
        List<Double> measured = r.epochSeconds().subList(warmup, r.epochsRun());
        double median = median(measured);
        long rows = (long) train.size() * 5;
        Map<String, Double> per = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : r.phaseSeconds().entrySet()) {
            per.put(e.getKey(), e.getValue() / r.epochsRun());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lever", lever);
        m.put("batchPositives", batch);
        m.put("rowsPerStep", batch * 5);
        m.put("medianSecondsPerEpoch", median);
        m.put("epochSeconds", r.epochSeconds());
        m.put("samplesPerSecond", rows / median);
        m.put("cpuSecondsPerEpoch", cpuPerEpoch);
        m.put("phaseSecondsPerEpoch", per);
        m.put("finalLoss", r.meanLosses().get(r.epochsRun() - 1));
        Map<String, Object> mem = memory();
        m.put("memory", mem);
        printRow(m);
        return m;
    }

    /**
     * Trains the same NeuMF with DJL's {@code Trainer} and {@code EasyTrain.fit}, one epoch per call,
     * each timed, on the dataset {@code NcfTrainer} reads (DJL's Adam at 0.001, {@code
     * Loss.sigmoidBinaryCrossEntropyLoss()}, one intra-op thread).
     */
    private static Map<String, Object> runEasyTrain(Interactions train, int batch, int epochs, int warmup) {
        List<Double> seconds = new ArrayList<>();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build())
                .optDevices(new Device[] {Device.cpu()});
        NegativeSamplingDataset data = NegativeSamplingDataset.builder().train(train).numNegatives(4).seed(1)
                .setSampling(batch, true).build();
        long cpu0 = processCpuNanos();
        try (NcfModel model = NcfModel.create(neuMf(train, 1), train)) {
            Engines.withIntraOpThreads(1, () -> {
                try (Trainer trainer = model.djlModel().newTrainer(config)) {
                    for (int e = 0; e < warmup + epochs; e++) {
                        long t0 = System.nanoTime();
                        EasyTrain.fit(trainer, 1, data, null);
                        seconds.add((System.nanoTime() - t0) / 1e9);
                    }
                } catch (IOException | TranslateException e) {
                    throw new IllegalStateException("EasyTrain.fit failed", e);
                }
                return null;
            });
        }
        double cpuPerEpoch = (processCpuNanos() - cpu0) / 1e9 / seconds.size();
        double median = median(seconds.subList(warmup, seconds.size()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lever", "djlEasyTrain");
        m.put("batchPositives", batch);
        m.put("rowsPerStep", batch * 5);
        m.put("medianSecondsPerEpoch", median);
        m.put("epochSeconds", seconds);
        m.put("samplesPerSecond", (long) train.size() * 5 / median);
        m.put("cpuSecondsPerEpoch", cpuPerEpoch);
        m.put("phaseSecondsPerEpoch", Map.of());
        m.put("memory", memory());
        printRow(m);
        return m;
    }

    /**
     * Runs the default lever in a child JVM with this JVM's options and class path plus the lever's
     * argument, and returns its run relabelled {@code lever}: {@code mallocDefault} leaves glibc's
     * allocator as it ships ({@link NativeAllocator}), {@code mklAvx2} leaves oneMKL on its AVX2
     * kernels ({@link MklCpuDispatch}), {@code untuned} applies no {@link ProcessTuning} at all. Each
     * must be decided before libtorch loads, hence the child.
     */
    private static Map<String, Object> runInChildJvm(String lever, String dataDir, int batch, int epochs,
            int warmup) throws IOException {
        String extra = CHILD_LEVERS.get(lever);
        boolean jvmOption = extra.startsWith("-D");
        String property = jvmOption ? extra.substring(0, extra.indexOf('=') + 1) : null;
        Path json = Files.createTempFile("ncf-bench-child", ".json");
        Path log = Files.createTempFile("ncf-bench-child", ".log");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if ((property == null || !a.startsWith(property))
                        && !a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                    cmd.add(a);
                }
            }
            if (jvmOption) {
                cmd.add(extra);
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    TrainBenchmark.class.getName(), "--data", dataDir, "--batches",
                    Integer.toString(batch), "--levers", "epochUpload", "--epochs",
                    Integer.toString(epochs), "--warmup", Integer.toString(warmup), "--runs-only",
                    "--out", json.toString()));
            if (!jvmOption) {
                cmd.add(extra);
            }
            if (lever.equals("mklAvx2")) {
                cmd.add("--matmul"); // the kernels' own speed, beside this JVM's
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the " + lever + " child JVM", e);
            }
            if (code != 0) {
                throw new IOException("the " + lever + " child JVM exited with " + code + "; its output:"
                        + System.lineSeparator() + Files.readString(log));
            }
            Map<?, ?> child = new ObjectMapper().readValue(json.toFile(), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new LinkedHashMap<>(((List<Map<String, Object>>) child.get("runs"))
                    .get(0));
            m.put("lever", lever);
            m.put("processTuning", child.get("processTuning"));
            m.put("nativeAllocator", child.get("nativeAllocator"));
            m.put("mklCpuDispatch", child.get("mklCpuDispatch"));
            printRow(m);
            if (child.get("matmul") instanceof List<?> matmul) {
                m.put("matmul", matmul);
                printMatmul("child JVM, " + lever, matmul);
            }
            return m;
        } finally {
            Files.deleteIfExists(json);
            Files.deleteIfExists(log);
        }
    }

    /**
     * The CPU time of this process so far: on a machine shared with other work, CPU seconds per
     * epoch compare levers better than wall seconds (warm-up epochs included).
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Prints one lever's row of the table from its JSON map (own run or the child JVM's). */
    private static void printRow(Map<String, Object> m) {
        Map<?, ?> per = (Map<?, ?>) m.get("phaseSecondsPerEpoch");
        System.out.printf(Locale.ROOT, "%-12s %6d %10.3f %8.3f %12.0f %8.3f %8.3f %8.3f %8.3f %8.3f %9.1f%n",
                m.get("lever"), ((Number) m.get("batchPositives")).intValue(),
                num(m.get("medianSecondsPerEpoch")), num(m.get("cpuSecondsPerEpoch")),
                num(m.get("samplesPerSecond")),
                num(per.get("batchCreation")), num(per.get("forward")), num(per.get("backward")),
                num(per.get("optimizer")), num(per.get("sampling")),
                num(((Map<?, ?>) m.get("memory")).get("residentBytes")) / (1 << 20));
    }

    private static double num(Object o) {
        return o == null ? 0.0 : ((Number) o).doubleValue();
    }

    private static NcfTrainer.Builder trainer(String lever, int epochs, long seed) {
        NcfTrainer.Builder b = NcfTrainer.builder().epochs(epochs).seed(seed).negatives(4);
        Tuning.Builder tuning = Tuning.builder().profile(true);
        switch (lever) {
            case "baseline" -> tuning.uploadEpochOnce(false);
            case "epochUpload" -> tuning.uploadEpochOnce(true);
            case "lazyAdam" -> b.lazyEmbeddingUpdates(true);
            case "threads2" -> b.threads(2);
            case "torchDropout" -> tuning.javaDropoutMasks(false);
            case "ungrouped" -> tuning.groupedForward(false);
            case "torchEmbeddingGrads" -> tuning.javaEmbeddingUpdates(false);
            case "maskAfterRelu" -> tuning.maskBeforeActivation(false);
            case "javaKernels" -> b.kernels(TrainingKernels.JAVA);
            case "javaKernels2" -> b.kernels(TrainingKernels.JAVA).threads(2);
            default -> {
                if (lever.startsWith("pass") && lever.endsWith("k")) {
                    tuning.rowsPerPass(1024 * positive("synthetic-levers",
                            lever.substring(4, lever.length() - 1)));
                } else {
                    throw new IllegalArgumentException("lever " + lever);
                }
            }
        }
        return b.tuning(tuning.build());
    }

    private static NeuMF neuMf(Interactions train, long seed) {
        return NeuMF.builder().numUsers(train.numUsers()).numItems(train.numItems()).gmfDim(32)
                .mlpDim(64).mlpLayers(128, 64, 32).dropout(0.2).seed(seed).build();
    }

    /**
     * Trains 10 epochs at batch 256 with the defaults, with lazy Adam and with torch's dropout, and
     * measures HR@10 / NDCG@10 under both protocols.
     */
    private static List<Map<String, Object>> quality(Split split) {
        Interactions train = split.train();
        ProtocolEvaluator full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(train).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build();
        ProtocolEvaluator sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(train).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String lever : List.of("epochUpload", "lazyAdam", "torchDropout", "javaKernels")) {
            NcfTrainer trainer = trainer(lever, 10, 1).batchSize(256).build();
            try (NcfModel model = NcfModel.create(neuMf(train, 1), train)) {
                FitResult r = trainer.fit(model, train);
                EvaluationResult f = full.evaluate(model);
                EvaluationResult s = sampled.evaluate(model);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lever", lever);
                m.put("epochs", r.epochsRun());
                m.put("fullHR@10", f.mean("HR@10"));
                m.put("fullNDCG@10", f.mean("NDCG@10"));
                m.put("sampledHR@10", s.mean("HR@10"));
                m.put("sampledNDCG@10", s.mean("NDCG@10"));
                m.put("medianSecondsPerEpoch", r.medianEpochSeconds());
                out.add(m);
                System.out.printf(Locale.ROOT, "quality %-12s full HR@10 %.4f NDCG@10 %.4f | sampled"
                        + " HR@10 %.4f NDCG@10 %.4f | %.3f s/epoch%n", lever, f.mean("HR@10"),
                        f.mean("NDCG@10"), s.mean("HR@10"), s.mean("NDCG@10"), r.medianEpochSeconds());
            }
        }
        return out;
    }

    /**
     * Times three ways of applying dropout to the widest activation of a batch-4096 step (20,480 x
     * 128): torch's dropout (a Bernoulli draw per element), a mask from torch's uniform draw compared
     * with the rate, and {@link DropoutMasks} (drawn in Java into a reused native buffer; the
     * default in training). Medians of 30 repetitions after 5 warm-up ones.
     */
    private static Map<String, Object> dropoutMicroBenchmark() {
        int warmup = 5;
        int reps = 30;
        Shape shape = new Shape(20_480, 128);
        float rate = 0.2f;
        Map<String, Object> m = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(shape);
            DropoutMasks masks = new DropoutMasks(1L);
            double[] torch = new double[reps];
            double[] uniform = new double[reps];
            double[] java = new double[reps];
            for (int k = -warmup; k < reps; k++) {
                try (NDManager s = manager.newSubManager()) {
                    NDArray xs = x.duplicate();
                    xs.attach(s);
                    long a = System.nanoTime();
                    Dropout.dropout(xs, rate, true).singletonOrThrow().attach(s);
                    long b = System.nanoTime();
                    NDArray mask = s.randomUniform(0f, 1f, shape).gte(rate);
                    xs.mul(mask).muli(1f / (1f - rate));
                    long c = System.nanoTime();
                    masks.beginStep();
                    masks.apply(xs, rate);
                    long d = System.nanoTime();
                    if (k >= 0) {
                        torch[k] = (b - a) / 1e6;
                        uniform[k] = (c - b) / 1e6;
                        java[k] = (d - c) / 1e6;
                    }
                }
            }
            m.put("shape", shape.toString());
            m.put("torchDropoutMillis", median(box(torch)));
            m.put("uniformMaskMillis", median(box(uniform)));
            m.put("javaMaskMillis", median(box(java)));
        }
        System.out.printf(Locale.ROOT, "dropout (20480x128): torch %.3f ms, torch uniform mask %.3f ms,"
                + " Java-drawn mask (default) %.3f ms%n", m.get("torchDropoutMillis"),
                m.get("uniformMaskMillis"), m.get("javaMaskMillis"));
        return m;
    }

    /**
     * The matrix products of NCF training and full ranking, in GFLOP/s through DJL on this JVM's
     * kernels: (rows x 128) by (128 x 64) and (rows x 64) by (64 x 32) at the row counts of a
     * batch-256 step (1,280), a batch-4,096 step (20,480) and a full-ranking chunk (4 users x 1,682
     * items = 6,728), and 256 x 128 by 128 x 128. Each figure is the median of 7 rounds, each round
     * about 0.1 s of products after 5 warm-up products.
     */
    static List<Map<String, Object>> matmulMicroBenchmark() {
        int[][] shapes = {{1_280, 128, 64}, {20_480, 128, 64}, {6_728, 128, 64}, {6_728, 64, 32},
            {256, 128, 128}};
        List<Map<String, Object>> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] shape : shapes) {
                int rows = shape[0];
                int inner = shape[1];
                int cols = shape[2];
                NDArray a = manager.randomNormal(new Shape(rows, inner));
                NDArray b = manager.randomNormal(new Shape(inner, cols));
                double flop = 2.0 * rows * inner * cols;
                int perRound = (int) Math.max(5, Math.min(10_000, 1.5e10 / flop));
                for (int k = 0; k < 5; k++) {
                    try (NDManager s = manager.newSubManager()) {
                        a.matMul(b).attach(s);
                    }
                }
                double[] gflops = new double[7];
                for (int r = 0; r < gflops.length; r++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < perRound; k++) {
                        try (NDManager s = manager.newSubManager()) {
                            a.matMul(b).attach(s);
                        }
                    }
                    gflops[r] = flop * perRound / (System.nanoTime() - t0);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("shape", rows + "x" + inner + " * " + inner + "x" + cols);
                m.put("gflopsMedian", median(box(gflops)));
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The dense products of one training row of NeuMF, in floating-point operations: the forward
     * pass's matrix products (the first MLP layer over the concatenated embeddings, the hidden
     * layers, the output layer over the GMF and MLP outputs), times three for the forward pass, the
     * inputs' gradients and the weights' gradients. Element-wise work is not counted. The fused Java
     * step does fewer products than this (the first layer's user half once per positive, its item
     * half once per distinct item of a batch), so it can come in under a floor built on this count.
     *
     * @param gmfDim the GMF embedding width
     * @param mlpDim the MLP embedding width
     * @param layers the MLP layer widths
     * @return floating-point operations per training row
     */
    static double denseProductFlopsPerRow(int gmfDim, int mlpDim, int[] layers) {
        double macs = 0;
        int in = 2 * mlpDim;
        for (int width : layers) {
            macs += (double) in * width;
            in = width;
        }
        macs += gmfDim + (layers.length > 0 ? layers[layers.length - 1] : 0);
        return 3 * 2 * macs;
    }

    /**
     * The rate at which torch (oneMKL, through DJL, on the caller's intra-op threads) runs the
     * dense training products of one MLP layer stack at {@code rows} rows: for each layer {@code in
     * -> out}, the forward product {@code X W^T}, the inputs' gradient {@code dY W} and the weights'
     * gradient {@code dY^T X}, each timed over repeated calls; the rate is their operations over their
     * summed median times.
     *
     * @param mlpDim the MLP embedding width (the first layer reads twice that)
     * @param layers the MLP layer widths
     * @param rows the rows of each product
     * @return GFLOP/s
     */
    static double denseProductGflops(int mlpDim, int[] layers, int rows) {
        double flop = 0;
        double seconds = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            int in = 2 * mlpDim;
            for (int out : layers) {
                NDArray x = manager.randomNormal(new Shape(rows, in));
                NDArray w = manager.randomNormal(new Shape(out, in));
                NDArray wt = w.transpose().duplicate();
                NDArray dy = manager.randomNormal(new Shape(rows, out));
                NDArray dyt = dy.transpose();
                double f = 2.0 * rows * in * out;
                int perRound = (int) Math.max(3, Math.min(1_000, 2e9 / f));
                NDArray[][] products = {{x, wt}, {dy, w}, {dyt, x}};
                for (NDArray[] ab : products) {
                    for (int k = 0; k < 3; k++) {
                        ab[0].matMul(ab[1]).close();
                    }
                    double[] t = new double[5];
                    for (int r = 0; r < t.length; r++) {
                        long t0 = System.nanoTime();
                        for (int k = 0; k < perRound; k++) {
                            ab[0].matMul(ab[1]).close();
                        }
                        t[r] = (System.nanoTime() - t0) / 1e9 / perRound;
                    }
                    flop += f;
                    seconds += median(box(t));
                }
                in = out;
            }
        }
        return flop / seconds / 1e9;
    }

    /**
     * The products' floor of the synthetic MovieLens-20M-size rows run, measured now: their dense
     * product count over oneMKL's rate on the model's dense training products (at 4,096 rows).
     */
    private static Map<String, Object> productsFloor(NeuMF config, long rowsPerEpoch) {
        double perRow = denseProductFlopsPerRow(config.gmfDim(), config.mlpDim(), config.mlpLayers());
        double gflops = Engines.withIntraOpThreads(1,
                () -> denseProductGflops(config.mlpDim(), config.mlpLayers(), 4_096));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("denseProductFlopsPerRow", perRow);
        m.put("rowsPerEpoch", rowsPerEpoch);
        m.put("denseProductTflopPerEpoch", perRow * rowsPerEpoch / 1e12);
        m.put("oneMklGflops", gflops);
        m.put("floorSeconds", perRow * rowsPerEpoch / (gflops * 1e9));
        m.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "products' floor: %.2f TFLOP of dense products in the %,d rows run at"
                + " oneMKL's %.0f GFLOP/s measured now (one thread, 4,096 rows): %.1f s%n",
                perRow * rowsPerEpoch / 1e12, rowsPerEpoch, gflops, perRow * rowsPerEpoch / (gflops * 1e9));
        return m;
    }

    private static void printMatmul(String label, List<?> rows) {
        StringBuilder line = new StringBuilder("matrix products, " + label + ", GFLOP/s:");
        for (Object o : rows) {
            Map<?, ?> m = (Map<?, ?>) o;
            line.append(String.format(Locale.ROOT, "  %s %.0f", m.get("shape"), num(m.get("gflopsMedian"))));
        }
        System.out.println(line);
    }

    /**
     * One epoch of NeuMF at batch 65,536 positives on synthetic MovieLens-20M-size data (138,493
     * users, 26,744 items, 20M interactions), or on {@code --synthetic-steps} steps of it.
     */
    private static Map<String, Object> syntheticEpoch(int maxSteps, List<String> levers) {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Interactions all = SyntheticInteractions.ml20mSize().generate();
        Split split = LeaveOneOutSplitter.builder().order(SortOrder.TIMESTAMP).build().split(all);
        Interactions train = split.train();
        all = null;
        m.put("generateAndSplitSeconds", (System.nanoTime() - t0) / 1e9);
        m.put("trainRows", train.size());
        int batch = 65_536;
        EpochSource full = EpochSource.of(NegativeSampler.builder().train(train).numNegatives(4)
                .seed(1).build());
        int steps = (train.size() + batch - 1) / batch;
        int run = maxSteps > 0 ? Math.min(steps, maxSteps) : steps;
        EpochSource source = e -> {
            EpochSamples ep = full.sample(e);
            if (run == steps) {
                return ep;
            }
            int rows = run * batch * ep.rowsPerPositive();
            return EpochSamples.of(Arrays.copyOf(ep.users(), rows), Arrays.copyOf(ep.items(), rows),
                    Arrays.copyOf(ep.labels(), rows), ep.rowsPerPositive());
        };
        m.put("batchPositives", batch);
        m.put("stepsPerEpoch", steps);
        m.put("stepsRun", run);
        List<Map<String, Object>> runs = new ArrayList<>();
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // The floor is measured before the first epoch and after the last: the host's speed drifts.
        long rowsPerEpoch = Math.min((long) run * batch, train.size()) * 5;
        List<Map<String, Object>> floors = new ArrayList<>();
        floors.add(productsFloor(neuMf(train, 1), rowsPerEpoch));
        for (String lever : levers) {
            Map<String, Object> r = new LinkedHashMap<>();
            FitResult fr;
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long cpu0 = cpu.getCurrentThreadCpuTime();
            List<Double> stepCpu = new ArrayList<>();
            long[] last = {0};
            EpochListener perStep = new EpochListener() {
                @Override
                public void onBatchEnd(BatchEvent event) {
                    long now = cpu.getCurrentThreadCpuTime();
                    if (event.batch() > 1) {
                        stepCpu.add((now - last[0]) / 1e9);
                    }
                    last[0] = now;
                }
            };
            try (NcfModel model = NcfModel.create(neuMf(train, 1), train)) {
                fr = trainer(lever, 1, 1).batchSize(batch).listener(perStep).build()
                        .fit(model, source);
                r.put("memoryAfterEpoch", memory());
            }
            double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double secs = fr.epochSeconds().get(0);
            r.put("lever", lever);
            r.put("seconds", secs);
            r.put("cpuSeconds", cpuSeconds);
            r.put("loss", fr.meanLosses().get(0));
            r.put("estimatedEpochSeconds", secs * steps / run);
            r.put("phaseSeconds", fr.phaseSeconds());
            // Steps 2..N: the first step pays for the warm-up (JIT, first allocations).
            double medianStepCpu = median(stepCpu);
            r.put("cpuSecondsPerStepAfterFirst", stepCpu);
            r.put("medianCpuSecondsPerStepAfterFirst", medianStepCpu);
            r.put("loadAverageBefore", loadBefore);
            r.put("peakResidentBytes", peakResident());
            runs.add(r);
            System.out.printf(Locale.ROOT, "synthetic ml20mSize %s: %d train rows, %d of %d steps at batch"
                    + " %d in %.1f s wall, %.1f s CPU (epoch ~%.0f s), loss %.9f, rss %.0f MiB, peak %.0f MiB,"
                    + " load %.1f, median CPU s per step 2..%d %.3f, phases %s%n", lever, train.size(), run,
                    steps, batch, secs, cpuSeconds,
                    secs * steps / run, fr.meanLosses().get(0),
                    ((Number) ((Map<?, ?>) r.get("memoryAfterEpoch")).get("residentBytes")).doubleValue()
                            / (1 << 20), peakResident() / (double) (1 << 20), loadBefore, run,
                    medianStepCpu, fr.phaseSeconds());
        }
        floors.add(productsFloor(neuMf(train, 1), rowsPerEpoch));
        m.put("productsFloor", floors);
        double floor = (num(floors.get(0).get("floorSeconds")) + num(floors.get(1).get("floorSeconds"))) / 2;
        for (Map<String, Object> r : runs) {
            r.put("secondsOverProductsFloor", num(r.get("seconds")) / floor);
            System.out.printf(Locale.ROOT, "synthetic ml20mSize %s: %.2fx the products' floor (%.1f s, the mean of"
                    + " the two measurements)%n", r.get("lever"), num(r.get("seconds")) / floor, floor);
        }
        m.put("runs", runs);
        return m;
    }

    /** The process's peak resident memory (VmHWM), or -1 where /proc is not readable. */
    private static long peakResident() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.version"));
        m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
            m.put("cpu", cpu);
        } catch (IOException e) {
            m.put("cpu", "unknown (" + e.getMessage() + ")");
        }
        return m;
    }

    private static Map<String, Object> memory() {
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
        m.put("heapCommittedBytes", rt.totalMemory());
        long rss = -1;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    rss = Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            rss = -1;
        }
        m.put("residentBytes", rss);
        m.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }

    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static List<Double> box(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static int positive(String name, String value) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a positive integer, got " + value);
        }
        if (v < 1) {
            throw new IllegalArgumentException("--" + name + " must be a positive integer, got " + value);
        }
        return v;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("arguments must be --name [value], got " + a);
            }
            String name = a.substring(2);
            if (name.equals("quality") || name.equals("synthetic") || name.equals("runs-only")
                    || name.equals("matmul") || name.equals("no-tuning")) {
                m.put(name, "true");
            } else if (k + 1 < args.length) {
                m.put(name, args[++k]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return m;
    }
}
