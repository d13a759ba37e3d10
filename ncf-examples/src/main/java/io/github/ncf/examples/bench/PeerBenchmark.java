package io.github.ncf.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the Python peer programs (the reference notebook as a script, a vectorised PyTorch NeuMF, and
 * the same at MovieLens-20M size) on this machine, one intra-op thread each, and sets their figures
 * beside {@code ncf}'s from the same run as ncf / peer ratios.
 *
 * <p>The peers live outside the project (their folder holds {@code seed_reference.py}, {@code
 * fast_torch.py} and {@code torch_scale.py}; their own README describes them) and need a Python with
 * torch, found by {@link TorchPython}. Each peer writes its figures as JSON; this class runs it with
 * {@code SEED_THREADS=1}, {@code FT_THREADS=1}, {@code OPENBLAS_NUM_THREADS=1} and {@code
 * OMP_NUM_THREADS=1}, keeps its output in a log beside its JSON, and records its wall and CPU seconds
 * and the load average before and after. {@link #compare} then reads {@code ncf}'s figures from the
 * JSON of {@link TrainBenchmark} and {@link EvalBenchmark} of the same run.
 *
 * <pre>{@code
 * PeerBenchmark peers = PeerBenchmark.builder().folder(Path.of("../shared/peers"))
 *         .python(TorchPython.find(null)).dataDir(Path.of("../shared/data")).out(Path.of("bench/peers"))
 *         .build();
 * JsonNode runs = new ObjectMapper().valueToTree(peers.run(System.out));
 * PeerBenchmark.Comparison c = PeerBenchmark.compare(trainJson, evalJson, runs.get("programs"));
 * System.out.print(c.table());
 * }</pre>
 */
public final class PeerBenchmark {

    /** Peer epochs on ML-100k by default: the first is a warm-up, the median of the others is quoted. */
    public static final int DEFAULT_EPOCHS = 3;

    /** Timed 20M-size steps of {@code torch_scale.py} by default (after its own 3 warm-up steps). */
    public static final int DEFAULT_SCALE_STEPS = 3;

    /** Positives per ML-100k training step, as in ncf's batch-256 figure and the reference notebook. */
    public static final int BATCH_POSITIVES = 256;

    /** TrainBenchmark's lever of the fused Java training step ({@code TrainingKernels.JAVA}). */
    static final String JAVA_LEVER = "javaKernels";

    /** Appended to a training row's name for ncf's fused Java step. */
    static final String JAVA_SUFFIX = ", ncf with TrainingKernels.JAVA";

    /** Positives per 20M-size training step, as in ncf's synthetic 20M epoch. */
    public static final int SCALE_BATCH_POSITIVES = 65_536;

    /** Rows per positive: the positive and its 4 negatives. */
    static final int ROWS_PER_POSITIVE = 5;

    /** The peer programs, by their file names. */
    public enum Program {
        /** The reference lab's notebook code as a script: per-sample negative sampling in a DataLoader. */
        SEED_REFERENCE("seed_reference", "reference notebook"),
        /** A vectorised PyTorch NeuMF on ML-100k: what a PyTorch user would write instead. */
        FAST_TORCH("fast_torch", "vectorised PyTorch"),
        /** The vectorised NeuMF on MovieLens-20M-size synthetic data, timing a few steps. */
        TORCH_SCALE("torch_scale", "vectorised PyTorch, 20M size");

        private final String id;
        private final String label;

        Program(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /**
         * Returns the program's name without {@code .py}, as {@code --peer-programs} takes it.
         *
         * @return e.g. {@code fast_torch}
         */
        public String id() {
            return id;
        }

        /**
         * Returns the program's file name in the peers' folder.
         *
         * @return e.g. {@code fast_torch.py}
         */
        public String fileName() {
            return id + ".py";
        }

        /**
         * Returns what the peer is, for tables.
         *
         * @return e.g. {@code vectorised PyTorch}
         */
        public String label() {
            return label;
        }

        /**
         * Returns the program with the given name.
         *
         * @param id a name as {@link #id()} gives it
         * @return the program
         * @throws IllegalArgumentException naming the allowed names if there is none
         */
        public static Program of(String id) {
            for (Program p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("peer program must be one of " + ids() + ", got \"" + id + "\"");
        }

        /**
         * Returns every program's name.
         *
         * @return the names, in declaration order
         */
        public static List<String> ids() {
            return Arrays.stream(values()).map(Program::id).toList();
        }
    }

    /**
     * Runs a peer with {@code time.time} observed: each call still returns the wall clock, and its
     * value is kept beside the process's CPU time at that moment ({@code time.process_time}, all
     * threads), written as JSON pairs at exit. A peer's figure is a difference of two such calls, so
     * the pair that gives it also gives its CPU seconds: on a machine shared with other work the CPU
     * seconds compare where the wall seconds do not. The peer's code and figures are unchanged.
     */
    private static final String CLOCK_HARNESS = String.join("\n",
            "import atexit, json, os, runpy, sys, time",
            "_wall, _cpu, _calls = time.time, time.process_time, []",
            "def _time():",
            "    w = _wall()",
            "    _calls.append((w, _cpu()))",
            "    return w",
            "time.time = _time",
            "def _dump():",
            "    with open(os.environ['NCF_PEER_CLOCKS'], 'w') as f:",
            "        json.dump(_calls, f)",
            "atexit.register(_dump)",
            "sys.argv = sys.argv[1:]",
            "runpy.run_path(sys.argv[0], run_name='__main__')");

    private final Path folder;
    private final TorchPython python;
    private final Path dataDir;
    private final Path out;
    private final int epochs;
    private final int scaleSteps;
    private final Set<Program> programs;

    private PeerBenchmark(Builder b) {
        this.folder = b.folder;
        this.python = b.python;
        this.dataDir = b.dataDir;
        this.out = b.out;
        this.epochs = b.epochs;
        this.scaleSteps = b.scaleSteps;
        this.programs = EnumSet.copyOf(b.programs);
    }

    /**
     * Returns a builder with every program, {@value #DEFAULT_EPOCHS} epochs and {@value
     * #DEFAULT_SCALE_STEPS} 20M-size steps.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Lists the programs that are not regular files in the folder.
     *
     * @param folder the peers' folder
     * @param programs the programs wanted
     * @return the missing file names, empty when all are there
     */
    public static List<String> missingPrograms(Path folder, Set<Program> programs) {
        return programs.stream().filter(p -> !Files.isRegularFile(folder.resolve(p.fileName())))
                .map(Program::fileName).toList();
    }

    /**
     * Whether the programs need ML-100k (all but {@code torch_scale}, which makes its own data).
     *
     * @param programs the programs to run
     * @return true if any reads ML-100k
     */
    public static boolean needsMl100k(Set<Program> programs) {
        return programs.contains(Program.SEED_REFERENCE) || programs.contains(Program.FAST_TORCH);
    }

    /**
     * Runs each program in turn, printing its output prefixed with its name, and returns what was run and
     * measured: per program its command, environment, exit code, wall and CPU seconds, load average
     * before and after, and its JSON (or why there is none).
     *
     * @param log where the peers' output goes as they run
     * @return the section for the bench report: {@code python}, {@code mathNote}, {@code environment},
     *     {@code programs}
     * @throws IOException if the output folder cannot be written
     */
    public Map<String, Object> run(PrintStream log) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("folder", folder.toAbsolutePath().toString());
        section.put("python", python.facts());
        section.put("mathNote", python.mathNote());
        section.put("environment", environment());
        section.put("loadAverageBefore", loadAverage());
        Map<String, Object> runs = new LinkedHashMap<>();
        for (Program p : programs) {
            runs.put(p.id(), runOne(p, log));
        }
        section.put("programs", runs);
        section.put("loadAverageAfter", loadAverage());
        return section;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SEED_THREADS", "1");
        env.put("SEED_MODELS", "neumf");
        env.put("SEED_DEVICE", "cpu");
        env.put("FT_THREADS", "1");
        env.put("FT_DEVICE", "cpu");
        env.put("OPENBLAS_NUM_THREADS", "1");
        env.put("OMP_NUM_THREADS", "1");
        return env;
    }

    private List<String> arguments(Program p, Path json) {
        String ml100k = dataDir == null ? "" : dataDir.resolve("ml-100k").toString();
        return switch (p) {
            case SEED_REFERENCE -> List.of(ml100k, Integer.toString(epochs), json.toString());
            case FAST_TORCH -> List.of(ml100k, Integer.toString(epochs),
                    Integer.toString(BATCH_POSITIVES * ROWS_PER_POSITIVE), json.toString());
            case TORCH_SCALE -> List.of(Integer.toString(SCALE_BATCH_POSITIVES), Integer.toString(scaleSteps),
                    json.toString());
        };
    }

    private Map<String, Object> runOne(Program p, PrintStream log) throws IOException {
        Path json = out.resolve(p.id() + ".json");
        Path logFile = out.resolve(p.id() + ".log");
        Files.deleteIfExists(json);
        Path clocks = out.resolve(p.id() + ".clocks.json");
        Files.deleteIfExists(clocks);
        List<String> cmd = new ArrayList<>(python.command());
        cmd.addAll(List.of("-c", CLOCK_HARNESS));
        cmd.add(folder.resolve(p.fileName()).toString());
        cmd.addAll(arguments(p, json));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("program", p.fileName());
        r.put("command", cmd.subList(0, python.command().size()) + " -c <clock harness> "
                + String.join(" ", cmd.subList(python.command().size() + 2, cmd.size())));
        if (p == Program.FAST_TORCH) {
            r.put("batchNote", "fast_torch.py's BATCH counts rows: " + BATCH_POSITIVES * ROWS_PER_POSITIVE
                    + " rows = " + BATCH_POSITIVES + " positives x (1 + 4 negatives), as ncf's batch "
                    + BATCH_POSITIVES);
        }
        if (p == Program.TORCH_SCALE) {
            r.put("steps", scaleSteps);
        } else {
            r.put("epochs", epochs);
        }
        log.println("== peer " + p.fileName() + " -> " + json);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(environment());
        pb.environment().put("NCF_PEER_CLOCKS", clocks.toString());
        r.put("loadAverageBefore", loadAverage());
        long childCpu0 = childCpuTicks();
        long t0 = System.nanoTime();
        Process proc = pb.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8)); Writer w = Files.newBufferedWriter(logFile)) {
            String line;
            while ((line = in.readLine()) != null) {
                w.write(line);
                w.write(System.lineSeparator());
                // The peers end with their whole JSON on one line; the file keeps it, the console need not.
                if (!line.startsWith("{")) {
                    log.println("  [" + p.id() + "] " + line);
                }
            }
        }
        int exit;
        try {
            exit = proc.waitFor();
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + p.fileName() + " ran", e);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long childCpu1 = childCpuTicks();
        r.put("exitCode", exit);
        r.put("wallSeconds", wall);
        r.put("cpuSeconds", childCpu0 < 0 || childCpu1 < 0 ? null : (childCpu1 - childCpu0) / CLOCK_TICKS);
        r.put("loadAverageAfter", loadAverage());
        r.put("log", logFile.toString());
        if (exit == 0 && Files.isRegularFile(json)) {
            r.put("result", new ObjectMapper().readTree(json.toFile()));
            if (Files.isRegularFile(clocks)) {
                r.put("clocks", new ObjectMapper().readTree(clocks.toFile()));
            }
        } else {
            List<String> lines = Files.readAllLines(logFile);
            String tail = String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            r.put("error", p.fileName() + " exited with " + exit + (Files.isRegularFile(json) ? "" : ", no JSON")
                    + "; its last lines:" + System.lineSeparator() + tail);
            log.println("  [" + p.id() + "] FAILED: see " + logFile);
        }
        return r;
    }

    /** Linux reports a process's times in units of USER_HZ, which is 100 on every architecture. */
    private static final double CLOCK_TICKS = 100.0;

    /**
     * The CPU time of this process's children that have ended and been waited for (cutime + cstime of
     * {@code /proc/self/stat}), in clock ticks; -1 where there is no such file. The peers run one at a
     * time, so the difference around one run is that peer's CPU time, all its threads included.
     */
    private static long childCpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ", field 3 (state) is f[0]; cutime and cstime are fields 16 and 17.
            return Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or the JVM's 1 minute figure
     * alone where that file is absent.
     *
     * @return the load averages
     */
    public static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return List.of(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * Sets ncf's figures beside the peers' from the same run. A row whose ncf figure is not in this
     * run (its benchmark part was not run) or whose peer did not run says why instead of giving a
     * ratio.
     *
     * @param train {@link TrainBenchmark}'s JSON of this run, or {@code null} if it was not run
     * @param eval {@link EvalBenchmark}'s JSON of this run, or {@code null} if it was not run
     * @param programs the {@code programs} object of {@link #run}'s section
     * @return the ratio rows and the quality rows
     */
    public static Comparison compare(JsonNode train, JsonNode eval, JsonNode programs) {
        List<Ratio> ratios = new ArrayList<>();
        List<Quality> quality = new ArrayList<>();
        Figure ncfEpoch = ncfEpoch(train);
        Figure ncfJavaEpoch = ncfEpoch(train, JAVA_LEVER);
        Figure ncfFull = ncfFullRanking(eval);
        Figure ncfEveryRank = ncfFullRankingEveryRank(eval);
        String epochName = "ML-100k NeuMF epoch, " + BATCH_POSITIVES + " positives ("
                + BATCH_POSITIVES * ROWS_PER_POSITIVE + " rows) per step";
        String fullName = "ML-100k full-ranking evaluation (HR@10), NeuMF, all users x all items";
        String everyRankName = "ML-100k full ranking, every rank counted, NeuMF, all users x all items";
        for (Program p : List.of(Program.SEED_REFERENCE, Program.FAST_TORCH)) {
            JsonNode run = programs.get(p.id());
            if (run == null) {
                continue;
            }
            JsonNode res = run.get("result");
            JsonNode model = res == null ? null : p == Program.SEED_REFERENCE ? res.get("neumf") : res;
            String why = res == null ? "peer failed: " + firstLine(run.path("error").asText()) : null;
            JsonNode clocks = run.get("clocks");
            Figure epoch = why != null ? Figure.missing(why) : peerEpoch(model.get("epoch_s"), clocks);
            if (why == null && p == Program.FAST_TORCH
                    && res.path("batch").asInt() != BATCH_POSITIVES * ROWS_PER_POSITIVE) {
                epoch = Figure.missing("peer ran at batch " + res.path("batch").asInt() + " rows, not "
                        + BATCH_POSITIVES * ROWS_PER_POSITIVE);
            }
            ratios.add(new Ratio(epochName, p, ncfEpoch, epoch));
            ratios.add(new Ratio(epochName + JAVA_SUFFIX, p, ncfJavaEpoch, epoch));
            Figure full;
            if (why != null) {
                full = Figure.missing(why);
            } else if (p == Program.SEED_REFERENCE) {
                List<Double> evals = new ArrayList<>();
                model.path("hr_full").forEach(e -> evals.add(e.get(2).asDouble()));
                full = evals.isEmpty() ? Figure.missing("peer made no full-ranking evaluation")
                        : new Figure(TrainBenchmark.median(evals), medianCpu(clocks, evals, 1), (evals.size() == 1
                                ? "its one full-ranking evaluation" : "median of " + evals.size()
                                + " full-ranking evaluations") + " (per-user loop of the notebook), 1 thread");
            } else {
                double evalSeconds = res.path("eval_s").asDouble();
                full = new Figure(evalSeconds, medianCpu(clocks, List.of(evalSeconds), 1),
                        "its last epoch's full-ranking evaluation (128 users x all items per pass), 1 thread");
            }
            ratios.add(new Ratio(fullName, p, ncfFull, full));
            ratios.add(new Ratio(everyRankName, p, ncfEveryRank, full));
            if (why == null) {
                JsonNode hrs = model.path("hr_full");
                JsonNode lastHr = hrs.size() == 0 ? null : hrs.get(hrs.size() - 1);
                double hr = lastHr == null ? Double.NaN : lastHr.isArray() ? lastHr.get(1).asDouble() : lastHr.asDouble();
                int epochsRun = model.path("epoch_s").size();
                quality.add(new Quality(p.label() + " (" + p.fileName() + ")", epochsRun, hr,
                        model.path("sampled_hr10").asDouble(Double.NaN),
                        "after its last epoch; its own sampled candidates"));
            }
        }
        JsonNode scale = programs.get(Program.TORCH_SCALE.id());
        if (scale != null) {
            JsonNode res = scale.get("result");
            String why = res == null ? "peer failed: " + firstLine(scale.path("error").asText()) : null;
            int steps = scale.path("steps").asInt();
            Double stepCpu = why != null ? null
                    : medianCpu(scale.get("clocks"), List.of(res.path("step_s").asDouble()), steps);
            Figure step = why != null ? Figure.missing(why)
                    : new Figure(res.path("step_s").asDouble(), stepCpu, "mean of " + steps + " steps after 3"
                            + " warm-up steps, 1 thread");
            Figure epoch = why != null ? Figure.missing(why)
                    : new Figure(res.path("epoch_s_extrapolated").asDouble(),
                            stepCpu == null ? null : stepCpu * res.path("steps_per_epoch").asInt(), "EXTRAPOLATED: "
                            + res.path("steps_per_epoch").asInt() + " steps x the mean step");
            String stepName = "20M-size step, " + SCALE_BATCH_POSITIVES + " positives ("
                    + SCALE_BATCH_POSITIVES * ROWS_PER_POSITIVE + " rows)";
            String scaleEpochName = "20M-size epoch at " + SCALE_BATCH_POSITIVES + " positives per step";
            ratios.add(new Ratio(stepName, Program.TORCH_SCALE, ncfScaleStep(train, "epochUpload"), step));
            ratios.add(new Ratio(scaleEpochName, Program.TORCH_SCALE, ncfScaleEpoch(train, "epochUpload"), epoch));
            ratios.add(new Ratio(stepName + JAVA_SUFFIX, Program.TORCH_SCALE, ncfScaleStep(train, JAVA_LEVER),
                    step));
            ratios.add(new Ratio(scaleEpochName + JAVA_SUFFIX, Program.TORCH_SCALE,
                    ncfScaleEpoch(train, JAVA_LEVER), epoch));
        }
        Quality ncfQuality = ncfQuality(train);
        if (ncfQuality != null && !quality.isEmpty()) {
            quality.add(0, ncfQuality);
        }
        return new Comparison(ratios, quality);
    }

    private static Figure ncfEpoch(JsonNode train) {
        return ncfEpoch(train, "epochUpload");
    }

    /** ncf's ML-100k epoch with a TrainBenchmark lever ({@code epochUpload}: the default path). */
    private static Figure ncfEpoch(JsonNode train, String lever) {
        if (train == null) {
            return Figure.missing("not measured in this run (bench --only lacks train)");
        }
        for (JsonNode run : train.path("runs")) {
            if (run.path("lever").asText().equals(lever)
                    && run.path("batchPositives").asInt() == BATCH_POSITIVES) {
                JsonNode config = train.path("config");
                return new Figure(run.path("medianSecondsPerEpoch").asDouble(),
                        run.path("cpuSecondsPerEpoch").asDouble(), "median of "
                        + config.path("measuredEpochs").asInt() + " epochs after "
                        + config.path("warmupEpochs").asInt() + " warm-up, 1 thread (TrainBenchmark); CPU: the"
                        + " process's CPU seconds over all its epochs, warm-up included, per epoch");
            }
        }
        return Figure.missing("TrainBenchmark ran no " + lever + " lever at batch " + BATCH_POSITIVES);
    }

    private static Figure ncfFullRanking(JsonNode eval) {
        if (eval == null) {
            return Figure.missing("not measured in this run (bench --only lacks eval)");
        }
        Double cpu = null;
        for (JsonNode row : eval.path("results")) {
            // The row that fullMedianSeconds comes from: the first NeuMF full ranking on one thread.
            if (row.path("scorer").asText().startsWith("NeuMF") && row.path("protocol").asText().equals("full")
                    && row.path("evalThreads").asInt() == 1) {
                cpu = row.path("medianCpuSeconds").asDouble();
                break;
            }
        }
        return new Figure(eval.path("neumfTargets").path("fullMedianSeconds").asDouble(), cpu, "median of "
                + eval.path("repeats").asInt() + " evaluations of HR@10, NDCG@10 and MRR@10 (ranks cut at 10,"
                + " the same values as every rank) after " + eval.path("warmup").asInt()
                + " warm-up, 1 evaluation thread, " + eval.path("threads").asInt()
                + " intra-op thread(s) (EvalBenchmark); CPU: the process's, median");
    }

    private static Figure ncfFullRankingEveryRank(JsonNode eval) {
        if (eval == null) {
            return Figure.missing("not measured in this run (bench --only lacks eval)");
        }
        JsonNode seconds = eval.path("neumfTargets").get("fullEveryRankMedianSeconds");
        if (seconds == null) {
            return Figure.missing("EvalBenchmark did not count every rank in this run");
        }
        Double cpu = null;
        for (JsonNode row : eval.path("results")) {
            if (row.path("scorer").asText().equals(EvalBenchmark.EVERY_RANK)) {
                cpu = row.path("medianCpuSeconds").asDouble();
                break;
            }
        }
        return new Figure(seconds.asDouble(), cpu, "median of " + eval.path("repeats").asInt()
                + " evaluations with every rank counted (MRR over all ranks), after " + eval.path("warmup").asInt()
                + " warm-up, 1 evaluation thread (EvalBenchmark); CPU: the process's, median");
    }

    /**
     * The 20M-size run of the default path: TrainBenchmark records one run per lever under {@code
     * runs} (the default is {@code epochUpload}), with the steps counts beside them.
     */
    private static JsonNode scaleRun(JsonNode train, String lever) {
        JsonNode s = train == null ? null : train.get("syntheticMl20m");
        if (s == null || !s.has("runs") || s.get("runs").isEmpty()) {
            return null;
        }
        // The default path's run, or the first when it did not run; another lever's run only if it ran.
        JsonNode chosen = lever.equals("epochUpload") ? s.get("runs").get(0) : null;
        for (JsonNode r : s.get("runs")) {
            if (r.path("lever").asText().equals(lever)) {
                chosen = r;
            }
        }
        if (chosen == null) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged = chosen.deepCopy();
        merged.put("stepsRun", s.path("stepsRun").asInt());
        merged.put("stepsPerEpoch", s.path("stepsPerEpoch").asInt());
        return merged;
    }

    private static Figure ncfScaleStep(JsonNode train, String lever) {
        JsonNode s = scaleRun(train, lever);
        if (s == null) {
            return Figure.missing("not measured in this run (TrainBenchmark without --synthetic"
                    + (lever.equals("epochUpload") ? ")" : " or without --synthetic-levers " + lever + ")"));
        }
        int run = s.path("stepsRun").asInt();
        return new Figure(s.path("seconds").asDouble() / run, cpu(s, run), "epoch seconds / " + run + " steps"
                + " (the first step and the epoch's negative sampling included), 1 thread");
    }

    private static Figure ncfScaleEpoch(JsonNode train, String lever) {
        JsonNode s = scaleRun(train, lever);
        if (s == null) {
            return Figure.missing("not measured in this run (TrainBenchmark without --synthetic"
                    + (lever.equals("epochUpload") ? ")" : " or without --synthetic-levers " + lever + ")"));
        }
        int run = s.path("stepsRun").asInt();
        int steps = s.path("stepsPerEpoch").asInt();
        Double perStep = cpu(s, run);
        return run == steps
                ? new Figure(s.path("seconds").asDouble(), cpu(s, 1), "MEASURED: the full epoch of " + steps
                        + " steps")
                : new Figure(s.path("estimatedEpochSeconds").asDouble(), perStep == null ? null : perStep * steps,
                        "EXTRAPOLATED: " + run + " of " + steps + " steps measured (--synthetic-steps)");
    }

    /** The 20M-size run's process CPU seconds over {@code per} steps, where TrainBenchmark recorded them. */
    private static Double cpu(JsonNode synthetic, int per) {
        JsonNode c = synthetic.get("cpuSeconds");
        return c == null ? null : c.asDouble() / per;
    }

    private static Quality ncfQuality(JsonNode train) {
        if (train == null) {
            return null;
        }
        for (JsonNode q : train.path("quality")) {
            if (q.path("lever").asText().equals("epochUpload")) {
                return new Quality("ncf (TrainBenchmark --quality)", q.path("epochs").asInt(),
                        q.path("fullHR@10").asDouble(), q.path("sampledHR@10").asDouble(),
                        "batch 256, seed 1; sampled candidates of ncf's SampledRanking");
            }
        }
        return null;
    }

    /** The median of the epochs after the first (a warm-up), or the only epoch. */
    private static Figure peerEpoch(JsonNode epochSeconds, JsonNode clocks) {
        List<Double> all = new ArrayList<>();
        epochSeconds.forEach(e -> all.add(e.asDouble()));
        if (all.isEmpty()) {
            return Figure.missing("peer reported no epoch");
        }
        if (all.size() == 1) {
            return new Figure(all.get(0), medianCpu(clocks, all, 1), "its only epoch (no warm-up), 1 thread");
        }
        List<Double> measured = all.subList(1, all.size());
        return new Figure(TrainBenchmark.median(measured), medianCpu(clocks, measured, 1), (all.size() == 2
                ? "epoch 2" : "median of epochs 2-" + all.size()) + " (the first is a warm-up), 1 thread");
    }

    /**
     * The median CPU seconds of the peer's figures, each found as the interval between two observed
     * {@code time.time} calls whose wall difference is the figure times {@code per} (a figure that is a
     * mean over {@code per} steps); null if there are no clocks or any figure has no such interval.
     */
    static Double medianCpu(JsonNode clocks, List<Double> wallFigures, int per) {
        if (clocks == null || !clocks.isArray()) {
            return null;
        }
        int n = clocks.size();
        double[] wall = new double[n];
        double[] cpu = new double[n];
        for (int k = 0; k < n; k++) {
            wall[k] = clocks.get(k).get(0).asDouble();
            cpu[k] = clocks.get(k).get(1).asDouble();
        }
        List<Double> cpus = new ArrayList<>();
        for (double figure : wallFigures) {
            double target = figure * per;
            double bestError = Double.POSITIVE_INFINITY;
            double best = Double.NaN;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double error = Math.abs(wall[j] - wall[i] - target);
                    if (error < bestError) {
                        bestError = error;
                        best = (cpu[j] - cpu[i]) / per;
                    }
                }
            }
            // The peer's own subtraction of the same two doubles: equal but for a division's rounding.
            if (bestError > 1e-9 * Math.max(1.0, target)) {
                return null;
            }
            cpus.add(best);
        }
        return cpus.isEmpty() ? null : TrainBenchmark.median(cpus);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).trim();
    }

    /**
     * One side's figure: seconds, CPU seconds where measured, and how it was measured; or, with no
     * seconds, why it is missing.
     *
     * @param seconds wall seconds, or {@code null} when missing
     * @param cpuSeconds CPU seconds of the same work, or {@code null} where not measured
     * @param basis how it was measured, or why it is missing
     */
    public record Figure(Double seconds, Double cpuSeconds, String basis) {

        static Figure missing(String why) {
            return new Figure(null, null, why);
        }
    }

    /**
     * One comparable figure, ncf beside a peer.
     *
     * @param figure what was timed
     * @param peer the peer program
     * @param ncf ncf's figure
     * @param peerFigure the peer's figure
     */
    public record Ratio(String figure, Program peer, Figure ncf, Figure peerFigure) {

        /**
         * Returns ncf's seconds over the peer's: below 1 where ncf is faster.
         *
         * @return the ratio, or {@code null} if either figure is missing
         */
        public Double ratio() {
            return ncf.seconds() == null || peerFigure.seconds() == null ? null
                    : ncf.seconds() / peerFigure.seconds();
        }

        /**
         * Returns ncf's CPU seconds over the peer's: what compares on a machine shared with other work.
         *
         * @return the ratio, or {@code null} if either side's CPU seconds are unknown
         */
        public Double cpuRatio() {
            return ncf.cpuSeconds() == null || peerFigure.cpuSeconds() == null ? null
                    : ncf.cpuSeconds() / peerFigure.cpuSeconds();
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("figure", figure);
            m.put("peer", peer.fileName());
            m.put("ncfSeconds", ncf.seconds());
            m.put("ncfCpuSeconds", ncf.cpuSeconds());
            m.put("ncfBasis", ncf.basis());
            m.put("peerSeconds", peerFigure.seconds());
            m.put("peerCpuSeconds", peerFigure.cpuSeconds());
            m.put("peerBasis", peerFigure.basis());
            m.put("ncfOverPeer", ratio());
            m.put("peerOverNcf", ratio() == null ? null : 1 / ratio());
            m.put("ncfOverPeerCpu", cpuRatio());
            return m;
        }
    }

    /**
     * Full and sampled HR@10 of one side, with the epochs behind them: set side by side, not divided.
     *
     * @param who which program
     * @param epochs epochs trained
     * @param fullHr10 HR@10 ranking all items
     * @param sampledHr10 HR@10 ranking the test item among 99 sampled ones
     * @param basis how they were measured
     */
    public record Quality(String who, int epochs, double fullHr10, double sampledHr10, String basis) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("who", who);
            m.put("epochs", epochs);
            m.put("fullHR@10", Double.isNaN(fullHr10) ? null : fullHr10);
            m.put("sampledHR@10", Double.isNaN(sampledHr10) ? null : sampledHr10);
            m.put("basis", basis);
            return m;
        }
    }

    /**
     * The ratio rows and quality rows of one run.
     *
     * @param ratios ncf beside each peer, per figure
     * @param quality HR@10 per side
     */
    public record Comparison(List<Ratio> ratios, List<Quality> quality) {

        /**
         * Returns the rows as JSON-ready maps.
         *
         * @return {@code ratios} and {@code quality}
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ratios", ratios.stream().map(Ratio::toJson).toList());
            m.put("quality", quality.stream().map(Quality::toJson).toList());
            return m;
        }

        /**
         * Returns the rows as a text table: each ratio with both seconds and how each was measured,
         * then the quality rows.
         *
         * @return the table, ending in a newline
         */
        public String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%-56s %-28s %8s %8s %8s %8s | %8s %8s %8s%n", "figure", "peer",
                    "ncf s", "peer s", "ncf/peer", "peer/ncf", "ncf CPU", "peer CPU", "ncf/peer"));
            for (Ratio r : ratios) {
                Double ratio = r.ratio();
                Double cpuRatio = r.cpuRatio();
                s.append(String.format(Locale.ROOT, "%-56s %-28s %8s %8s %8s %8s | %8s %8s %8s%n", r.figure(),
                        r.peer().label(), seconds(r.ncf().seconds()), seconds(r.peerFigure().seconds()),
                        ratio == null ? "-" : String.format(Locale.ROOT, "%.3f", ratio),
                        ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", 1 / ratio),
                        seconds(r.ncf().cpuSeconds()), seconds(r.peerFigure().cpuSeconds()),
                        cpuRatio == null ? "-" : String.format(Locale.ROOT, "%.3f", cpuRatio)));
                s.append("    ncf: ").append(r.ncf().basis()).append(System.lineSeparator());
                s.append("    peer: ").append(r.peerFigure().basis()).append(System.lineSeparator());
            }
            if (!quality.isEmpty()) {
                s.append(String.format(Locale.ROOT, "%-50s %7s %11s %14s%n", "quality (not a ratio)", "epochs",
                        "full HR@10", "sampled HR@10"));
                for (Quality q : quality) {
                    s.append(String.format(Locale.ROOT, "%-50s %7d %11.4f %14.4f  %s%n", q.who(), q.epochs(),
                            q.fullHr10(), q.sampledHr10(), q.basis()));
                }
            }
            s.append("CPU: ncf's is its process's CPU time; a peer's is its process's CPU time over the same"
                    + " interval it timed (its time.time calls observed)").append(System.lineSeparator());
            return s.toString();
        }

        private static String seconds(Double v) {
            return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
        }
    }

    /**
     * Builds a {@link PeerBenchmark}; each setter checks its argument at once.
     *
     * <pre>{@code
     * PeerBenchmark.builder().folder(peers).python(TorchPython.find(null)).dataDir(data).out(dir)
     *         .epochs(2).scaleSteps(3).programs(EnumSet.of(PeerBenchmark.Program.FAST_TORCH)).build();
     * }</pre>
     */
    public static final class Builder {

        private Path folder;
        private TorchPython python;
        private Path dataDir;
        private Path out;
        private int epochs = DEFAULT_EPOCHS;
        private int scaleSteps = DEFAULT_SCALE_STEPS;
        private Set<Program> programs = EnumSet.allOf(Program.class);

        private Builder() {
        }

        /**
         * Sets the folder holding the peer programs.
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder folder(Path folder) {
            if (folder == null || !Files.isDirectory(folder)) {
                throw new IllegalArgumentException("folder must be an existing folder of peer programs, got "
                        + folder);
            }
            this.folder = folder;
            return this;
        }

        /**
         * Sets the interpreter that runs the peers.
         *
         * @param python an interpreter with torch
         * @return this builder
         */
        public Builder python(TorchPython python) {
            if (python == null) {
                throw new IllegalArgumentException("python must be an interpreter with torch, got null");
            }
            this.python = python;
            return this;
        }

        /**
         * Sets the folder holding {@code ml-100k/}, which all peers but {@code torch_scale} read.
         *
         * @param dataDir the data folder
         * @return this builder
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Sets the folder for each peer's JSON and log.
         *
         * @param out the folder (created if absent)
         * @return this builder
         */
        public Builder out(Path out) {
            if (out == null) {
                throw new IllegalArgumentException("out must be a folder, got null");
            }
            this.out = out;
            return this;
        }

        /**
         * Sets the ML-100k peers' epochs.
         *
         * @param epochs at least 1 (the first is a warm-up when there are more)
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the timed 20M-size steps of {@code torch_scale}.
         *
         * @param scaleSteps at least 1
         * @return this builder
         */
        public Builder scaleSteps(int scaleSteps) {
            if (scaleSteps < 1) {
                throw new IllegalArgumentException("scaleSteps must be >= 1, got " + scaleSteps);
            }
            this.scaleSteps = scaleSteps;
            return this;
        }

        /**
         * Sets which peers to run.
         *
         * @param programs at least one program
         * @return this builder
         */
        public Builder programs(Set<Program> programs) {
            if (programs == null || programs.isEmpty()) {
                throw new IllegalArgumentException("programs must name at least one of " + Program.ids()
                        + ", got " + programs);
            }
            this.programs = EnumSet.copyOf(programs);
            return this;
        }

        /**
         * Builds the benchmark, checking that the folder holds the programs and that ML-100k is given
         * where they need it.
         *
         * @return the benchmark
         * @throws IllegalStateException if the folder, interpreter or output is not set
         * @throws IllegalArgumentException if a program is missing or ML-100k is needed and absent
         */
        public PeerBenchmark build() {
            if (folder == null || python == null || out == null) {
                throw new IllegalStateException("folder, python and out must be set before build()");
            }
            List<String> missing = missingPrograms(folder, programs);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("folder " + folder + " lacks " + missing);
            }
            if (needsMl100k(programs) && (dataDir == null
                    || !Files.isRegularFile(dataDir.resolve("ml-100k").resolve("u.data")))) {
                throw new IllegalArgumentException("dataDir must hold ml-100k/u.data for " + programs + ", got "
                        + dataDir);
            }
            return new PeerBenchmark(this);
        }
    }
}
