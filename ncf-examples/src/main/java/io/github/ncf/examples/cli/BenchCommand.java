package io.github.ncf.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.examples.bench.DataBenchmark;
import io.github.ncf.examples.bench.EvalBenchmark;
import io.github.ncf.examples.bench.PeerBenchmark;
import io.github.ncf.examples.bench.TorchPython;
import io.github.ncf.examples.bench.TrainBenchmark;
import io.github.ncf.examples.report.Reports;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncf bench}: runs the benchmark programs of the data, training and evaluation modules, each of
 * which prints its figures and writes a JSON file, and gathers their JSON into one report.
 *
 * <p>The benchmarks are {@link DataBenchmark} (ML-100k load, split and sampling; synthetic 20M
 * generation, split, heap and sampling rate), {@link TrainBenchmark} (seconds per epoch at several
 * batch sizes and speed levers, samples per second, memory; HR@10 of the levers that change the
 * random stream or the maths; one epoch at batch 65,536 on synthetic MovieLens-20M-size data
 * through torch's kernels and one through the fused Java step) and {@link EvalBenchmark} (full and
 * sampled evaluation seconds). A full run takes about half an hour on two cores. {@code --quick} shortens each to a smoke run whose figures are not for quoting.
 *
 * <p>{@code --peers DIR} also runs the Python peer programs in DIR ({@link PeerBenchmark}: the
 * reference notebook as a script, a vectorised PyTorch NeuMF, and the same at MovieLens-20M size) after
 * the benchmarks, with a Python that has torch ({@link TorchPython}: {@code --python PATH}, else
 * {@code python3} on {@code PATH}, else {@code /usr/bin/python3}), and prints and writes ncf / peer
 * ratios from this one run. Without such a Python it stops before any work, naming the interpreters
 * it tried and what to install.
 *
 * <pre>
 * ncf bench --peers ../shared/peers --data-dir ../shared/data
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the data, training and evaluation benchmarks (ML-100k; synthetic 20M for "
                + "data and a training epoch through each kernel), print their figures and write them as one JSON"
                + " report.")
public final class BenchCommand implements Callable<Integer> {

    static final List<String> PARTS = List.of("data", "train", "eval");

    private final Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "PART", defaultValue = "data,train,eval",
            description = "Which benchmarks: data, train, eval (default all three).")
    List<String> only;

    @Option(names = "--out", defaultValue = "bench", paramLabel = "DIR",
            description = "Folder for each benchmark's JSON (default ./bench).")
    Path out;

    @Option(names = "--report", paramLabel = "FILE.json",
            description = "The combined JSON report (default DIR/bench.json).")
    Path report;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding ml-100k/ (default: $NCF_DATA_DIR).")
    Path dataDir;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Threads for the data and evaluation benchmarks (default 1).")
    int threads;

    @Option(names = "--quick", defaultValue = "false",
            description = "Smoke run: skip the 20M data, one batch size and lever, fewer repeats.")
    boolean quick;

    @Option(names = "--train-args", paramLabel = "ARGS",
            description = "Extra arguments for TrainBenchmark, e.g. \"--quality\" or \"--batches 256\".")
    String trainArgs;

    @Option(names = "--eval-args", paramLabel = "ARGS",
            description = "Extra arguments for EvalBenchmark, after those --quick sets (the last value of an "
                    + "option wins), e.g. \"--repeats 5 --serving-calls 200\".")
    String evalArgs;

    @Option(names = "--peers", paramLabel = "DIR",
            description = "Also run the Python peer programs in DIR (seed_reference.py, fast_torch.py, "
                    + "torch_scale.py) and report ncf / peer ratios from this run.")
    Path peers;

    @Option(names = "--python", paramLabel = "PATH",
            description = "With --peers: the Python with torch, numpy and pandas (default: python3 on PATH, "
                    + "else /usr/bin/python3, the first that imports torch).")
    Path python;

    @Option(names = "--peer-programs", split = ",", paramLabel = "NAME",
            defaultValue = "seed_reference,fast_torch,torch_scale",
            description = "With --peers: which peers (default all three).")
    List<String> peerPrograms;

    @Option(names = "--peer-epochs", paramLabel = "N", defaultValue = "3",
            description = "With --peers: epochs of the ML-100k peers (default 3; the first is a warm-up).")
    int peerEpochs;

    @Option(names = "--peer-steps", paramLabel = "N", defaultValue = "3",
            description = "With --peers: timed 20M-size steps of torch_scale.py, after its 3 warm-up steps "
                    + "(default 3).")
    int peerSteps;

    BenchCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        Set<String> parts = new LinkedHashSet<>();
        for (String p : only) {
            if (!PARTS.contains(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--only must list parts among " + PARTS + ", got \"" + p + "\"");
            }
            parts.add(p);
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threads);
        }
        Path combined = report != null ? report : out.resolve("bench.json");
        if (!combined.getFileName().toString().endsWith(".json")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--report must name a .json file, got " + combined);
        }
        String data = dataDir != null ? dataDir.toString()
                : System.getProperty("ncf.data.dir", System.getenv("NCF_DATA_DIR"));
        if (data == null && (parts.contains("train") || parts.contains("eval"))) {
            throw new IllegalArgumentException("the train and eval benchmarks need ML-100k: pass --data-dir DIR "
                    + "or set NCF_DATA_DIR (DIR holds ml-100k/)");
        }
        Set<PeerBenchmark.Program> programs = peerPrograms();
        if (peers != null) {
            checkPeers(programs, data);
        }
        // Found before any benchmark runs, so a missing torch stops the command at once.
        TorchPython torch = peers == null ? null : findPython();
        Files.createDirectories(out);

        Map<String, Object> all = new LinkedHashMap<>();
        all.put("started", Instant.now().toString());
        all.put("quick", quick);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        all.put("machine", machine);
        for (String part : parts) {
            List<Double> loadBefore = PeerBenchmark.loadAverage();
            Path file = out.resolve(part + "-bench.json");
            List<String> args = new ArrayList<>();
            io.out().println("== bench " + part + " -> " + file);
            switch (part) {
                case "data" -> {
                    args.add(file.toString());
                    if (data != null) {
                        args.addAll(List.of("--data-dir", data));
                    }
                    args.addAll(List.of("--threads", Integer.toString(threads)));
                    if (quick) {
                        args.add("--skip-20m");
                    }
                    DataBenchmark.main(args.toArray(String[]::new));
                }
                case "train" -> {
                    args.addAll(List.of("--data", data, "--out", file.toString()));
                    if (quick) {
                        args.addAll(List.of("--batches", "4096", "--epochs", "1", "--warmup", "0", "--levers",
                                "baseline"));
                    } else {
                        // Quality of the levers that change the random stream or the maths, and one
                        // epoch at batch 65,536 on synthetic MovieLens-20M-size data, through torch's
                        // kernels and through the fused Java step.
                        args.addAll(List.of("--quality", "--synthetic", "--synthetic-levers",
                                "epochUpload,javaKernels"));
                    }
                    if (trainArgs != null && !trainArgs.isBlank()) {
                        args.addAll(List.of(trainArgs.trim().split("\\s+")));
                    }
                    TrainBenchmark.main(args.toArray(String[]::new));
                }
                case "eval" -> {
                    args.addAll(List.of("--data-dir", data, "--out", file.toString(), "--threads",
                            Integer.toString(threads)));
                    if (quick) {
                        args.addAll(List.of("--warmup", "1", "--repeats", "3", "--serving-calls", "20"));
                    }
                    if (evalArgs != null && !evalArgs.isBlank()) {
                        args.addAll(List.of(evalArgs.trim().split("\\s+")));
                    }
                    EvalBenchmark.main(args.toArray(String[]::new));
                }
                default -> throw new IllegalStateException("unknown part " + part);
            }
            JsonNode result = Reports.readTree(file);
            all.put(part, result);
            all.put(part + "Args", args);
            all.put(part + "LoadAverage", Map.of("before", loadBefore, "after", PeerBenchmark.loadAverage()));
        }
        String failedPeers = null;
        if (peers != null) {
            failedPeers = runPeers(torch, programs, data, all);
        }
        Reports.write(all, combined);
        io.out().println("bench report: " + combined);
        if (failedPeers != null) {
            throw new IllegalStateException(failedPeers + " (the report was written without their figures)");
        }
        return 0;
    }

    private Set<PeerBenchmark.Program> peerPrograms() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (peers == null) {
            for (String option : List.of("--python", "--peer-programs", "--peer-epochs", "--peer-steps")) {
                if (parsed != null && parsed.hasMatchedOption(option)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            option + " applies only with --peers DIR");
                }
            }
        }
        if (peerEpochs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--peer-epochs must be >= 1, got " + peerEpochs);
        }
        if (peerSteps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--peer-steps must be >= 1, got " + peerSteps);
        }
        Set<PeerBenchmark.Program> programs = EnumSet.noneOf(PeerBenchmark.Program.class);
        for (String p : peerPrograms) {
            try {
                programs.add(PeerBenchmark.Program.of(p));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--peer-programs must list "
                        + "programs among " + PeerBenchmark.Program.ids() + ", got \"" + p + "\"");
            }
        }
        return programs;
    }

    private void checkPeers(Set<PeerBenchmark.Program> programs, String data) {
        if (!Files.isDirectory(peers)) {
            throw new UsageException("--peers " + peers + " is not a folder: name the folder holding the peer "
                    + "programs " + PeerBenchmark.Program.ids());
        }
        List<String> missing = PeerBenchmark.missingPrograms(peers, programs);
        if (!missing.isEmpty()) {
            throw new UsageException("--peers " + peers + " lacks " + String.join(", ", missing)
                    + ": name the folder holding the peer programs (or choose others with --peer-programs)");
        }
        if (PeerBenchmark.needsMl100k(programs)
                && (data == null || !Files.isRegularFile(Path.of(data, "ml-100k", "u.data")))) {
            throw new UsageException("--peers: " + programs + " read ML-100k, and "
                    + (data == null ? "no data folder was given" : data + "/ml-100k/u.data does not exist")
                    + ": pass --data-dir DIR or set NCF_DATA_DIR (DIR holds ml-100k/)");
        }
    }

    private TorchPython findPython() {
        try {
            return TorchPython.find(python);
        } catch (TorchPython.NoTorchPythonException e) {
            if (python != null) {
                throw new UsageException(e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Runs the peers, prints the ratio table and puts the peers' section into the report.
     *
     * @return which peers failed, or null if none did
     */
    private String runPeers(TorchPython torch, Set<PeerBenchmark.Program> programs, String data,
            Map<String, Object> all) throws java.io.IOException {
        io.out().println("== bench peers (" + torch + ") -> " + out.resolve("peers"));
        PeerBenchmark bench = PeerBenchmark.builder().folder(peers).python(torch)
                .dataDir(data == null ? null : Path.of(data)).out(out.resolve("peers")).epochs(peerEpochs)
                .scaleSteps(peerSteps).programs(programs).build();
        Map<String, Object> section = new LinkedHashMap<>(bench.run(io.out()));
        ObjectMapper mapper = new ObjectMapper();
        PeerBenchmark.Comparison comparison = PeerBenchmark.compare((JsonNode) all.get("train"),
                (JsonNode) all.get("eval"), mapper.valueToTree(section.get("programs")));
        section.putAll(comparison.toJson());
        all.put("peers", section);
        io.out().println("== ncf / peer, measured in this run (load average before "
                + section.get("loadAverageBefore") + ", after " + section.get("loadAverageAfter") + ")");
        io.out().print(comparison.table());
        List<String> failed = new ArrayList<>();
        ((Map<?, ?>) section.get("programs")).forEach((id, value) -> {
            Map<?, ?> run = (Map<?, ?>) value;
            if (run.containsKey("error")) {
                failed.add(id + ".py");
            }
            // On a shared machine the CPU share says how much of a core each side really had.
            Object cpu = run.get("cpuSeconds");
            double wall = ((Number) run.get("wallSeconds")).doubleValue();
            io.out().printf(java.util.Locale.ROOT, "%s.py, whole run: %.1f s wall, %s, load average %s -> %s%n",
                    id, wall, cpu == null ? "CPU seconds unknown" : String.format(java.util.Locale.ROOT,
                            "%.1f CPU s (%.0f%% of a core)", ((Number) cpu).doubleValue(),
                            100 * ((Number) cpu).doubleValue() / wall),
                    run.get("loadAverageBefore"), run.get("loadAverageAfter"));
        });
        io.out().println("note: " + section.get("mathNote"));
        return failed.isEmpty() ? null : "peer " + String.join(", ", failed) + " failed: see its log in "
                + out.resolve("peers");
    }
}
