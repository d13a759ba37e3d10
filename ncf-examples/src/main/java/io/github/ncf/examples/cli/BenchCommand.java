package io.github.ncf.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.examples.bench.DataBenchmark;
import io.github.ncf.examples.bench.EvalBenchmark;
import io.github.ncf.examples.bench.TrainBenchmark;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * random stream or the maths; one epoch at batch 65,536 on synthetic MovieLens-20M-size data) and
 * {@link EvalBenchmark} (full and sampled evaluation seconds). A full run takes about ten minutes on
 * two cores. {@code --quick} shortens each to a smoke run whose figures are not for quoting.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the data, training and evaluation benchmarks (ML-100k; synthetic 20M for "
                + "data and one training epoch), print their figures and write them as one JSON report.")
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
        java.nio.file.Files.createDirectories(out);

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
                        // epoch at batch 65,536 on synthetic MovieLens-20M-size data.
                        args.addAll(List.of("--quality", "--synthetic"));
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
                        args.addAll(List.of("--warmup", "1", "--repeats", "3"));
                    }
                    EvalBenchmark.main(args.toArray(String[]::new));
                }
                default -> throw new IllegalStateException("unknown part " + part);
            }
            JsonNode result = Reports.readTree(file);
            all.put(part, result);
            all.put(part + "Args", args);
        }
        Reports.write(all, combined);
        io.out().println("bench report: " + combined);
        return 0;
    }
}
