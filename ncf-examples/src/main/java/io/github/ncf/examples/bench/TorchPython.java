package io.github.ncf.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter that can import torch, numpy and pandas, found for running the peer programs of
 * {@link PeerBenchmark}, with the versions and the build facts (BLAS library, MKL, oneDNN) that a
 * speed ratio against it depends on.
 *
 * <p>Discovery tries, in order: the interpreter the caller names, else the first {@code python3} on
 * {@code PATH}, then {@code /usr/bin/python3}. Each is run once with a short script that imports the
 * three modules; the first that succeeds is used. When none does, {@link NoTorchPythonException} says
 * which interpreters were tried, why each failed, and what to install.
 *
 * <pre>{@code
 * TorchPython python = TorchPython.find(null);           // python3 on PATH, then /usr/bin/python3
 * System.out.println(python.executable() + " torch " + python.torchVersion());
 * }</pre>
 */
public final class TorchPython {

    /** The Debian packages that provide torch and pandas for the system interpreter. */
    public static final String INSTALL_HINT = "apt-get install -y python3-torch python3-pandas";

    /** The system interpreter tried after the one on {@code PATH}. */
    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    /**
     * Prints one JSON line of versions and build facts. The mapped shared libraries show which BLAS
     * the interpreter's torch really loaded, which its build string alone does not say.
     */
    private static final String PROBE = String.join("\n",
            "import json, sys",
            "r = {'python': sys.version.split()[0], 'executable': sys.executable}",
            "import torch, numpy, pandas",
            "r['torch'] = torch.__version__",
            "r['numpy'] = numpy.__version__",
            "r['pandas'] = pandas.__version__",
            "r['defaultThreads'] = torch.get_num_threads()",
            "r['mklAvailable'] = bool(torch.backends.mkl.is_available())",
            "r['mkldnnAvailable'] = bool(torch.backends.mkldnn.is_available())",
            "cfg = torch.__config__.show()",
            "r['blasInfo'] = next((p.split('=', 1)[1] for p in cfg.replace(',', '\\n').split()"
                    + " if p.startswith('BLAS_INFO=')), 'unknown')",
            "r['cpuCapability'] = next((l.split(':', 1)[1].strip() for l in cfg.splitlines()"
                    + " if 'CPU capability usage' in l), 'unknown')",
            "libs = set()",
            "try:",
            "    for line in open('/proc/self/maps'):",
            "        p = line.split()[-1]",
            "        n = p.rsplit('/', 1)[-1].lower()",
            "        if p.startswith('/') and ('blas' in n or 'mkl' in n or 'dnnl' in n):",
            "            libs.add(p)",
            "except OSError:",
            "    pass",
            "r['mathLibraries'] = sorted(libs)",
            "print(json.dumps(r))");

    private static final long PROBE_TIMEOUT_SECONDS = 120;

    private final List<String> command;
    private final JsonNode facts;

    private TorchPython(List<String> command, JsonNode facts) {
        this.command = List.copyOf(command);
        this.facts = facts;
    }

    /**
     * Finds an interpreter with torch, numpy and pandas.
     *
     * @param explicit the interpreter to use, or {@code null} to try {@code python3} on {@code PATH}
     *     and then {@code /usr/bin/python3}
     * @return the first interpreter that imports the three modules
     * @throws NoTorchPythonException if none does, naming each one tried and why it failed
     */
    public static TorchPython find(Path explicit) {
        return firstWithTorch(candidates(explicit, System.getenv("PATH")));
    }

    /**
     * The interpreters to try, in order: {@code explicit} alone when given, else the first
     * {@code python3} on {@code path} and then {@code /usr/bin/python3} (once, if they are the same
     * file).
     */
    static List<Candidate> candidates(Path explicit, String path) {
        if (explicit != null) {
            return List.of(new Candidate("--python " + explicit, List.of(explicit.toString())));
        }
        List<Candidate> out = new ArrayList<>();
        Path onPath = firstOnPath("python3", path);
        if (onPath != null) {
            out.add(new Candidate("python3 on PATH (" + onPath + ")", List.of(onPath.toString())));
        } else {
            out.add(new Candidate("python3 on PATH", List.of()));
        }
        if (onPath == null || !sameFile(onPath, SYSTEM_PYTHON)) {
            out.add(new Candidate(SYSTEM_PYTHON.toString(), List.of(SYSTEM_PYTHON.toString())));
        }
        return out;
    }

    /** Tries each candidate in turn; the first that imports torch, numpy and pandas wins. */
    static TorchPython firstWithTorch(List<Candidate> candidates) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.command().isEmpty()) {
                failures.put(c.label(), "not found");
                continue;
            }
            Path exe = Path.of(c.command().get(0));
            if (exe.isAbsolute() && !Files.isExecutable(exe)) {
                failures.put(c.label(), Files.exists(exe) ? "not executable" : "not found");
                continue;
            }
            try {
                return new TorchPython(c.command(), probe(c.command()));
            } catch (IOException e) {
                failures.put(c.label(), e.getMessage());
            }
        }
        throw new NoTorchPythonException(failures);
    }

    private static JsonNode probe(List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-c", PROBE));
        int exit;
        Path log = Files.createTempFile("ncf-python-probe", ".txt");
        String output;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process p = pb.start();
            try {
                if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("importing torch took more than " + PROBE_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while importing torch", e);
            }
            output = Files.readString(log, StandardCharsets.UTF_8);
            exit = p.exitValue();
        } finally {
            Files.deleteIfExists(log);
        }
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
        if (exit != 0 || !last.startsWith("{")) {
            // Python's last line names the module it could not import.
            throw new IOException(last.isEmpty() ? "exited with " + exit : last);
        }
        return new ObjectMapper().readTree(last);
    }

    private static Path firstOnPath(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path f = Path.of(dir).resolve(name);
            if (Files.isRegularFile(f) && Files.isExecutable(f)) {
                return f;
            }
        }
        return null;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns the command that starts this interpreter.
     *
     * @return the interpreter's path (and any arguments it needs before a script)
     */
    public List<String> command() {
        return command;
    }

    /**
     * Returns the interpreter's own path ({@code sys.executable}).
     *
     * @return the interpreter's path as Python reports it
     */
    public String executable() {
        return facts.path("executable").asText();
    }

    /**
     * Returns the Python version, e.g. {@code 3.11.2}.
     *
     * @return the version
     */
    public String pythonVersion() {
        return facts.path("python").asText();
    }

    /**
     * Returns the torch version, e.g. {@code 1.13.0a0}.
     *
     * @return the version
     */
    public String torchVersion() {
        return facts.path("torch").asText();
    }

    /**
     * Returns what the probe found: versions, torch's default thread count, whether MKL and oneDNN
     * are available, its BLAS and CPU capability as the build reports them, and the BLAS, MKL and
     * oneDNN libraries mapped into the process.
     *
     * @return the facts as JSON
     */
    public JsonNode facts() {
        return facts.deepCopy();
    }

    /**
     * Says in one sentence which libraries do this torch's matrix products, for every ratio quoted
     * against it: the mapped BLAS, whether MKL is present, whether oneDNN is built in.
     *
     * @return the note
     */
    public String mathNote() {
        List<String> libs = new ArrayList<>();
        facts.path("mathLibraries").forEach(l -> libs.add(Path.of(l.asText()).getFileName().toString()));
        boolean openBlas = libs.stream().anyMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("openblas"));
        boolean mkl = facts.path("mklAvailable").asBoolean();
        String blas = openBlas ? "OpenBLAS" : "BLAS_INFO=" + facts.path("blasInfo").asText();
        return "torch " + torchVersion() + " (" + executable() + ") does its matrix products with " + blas
                + (mkl ? " and has MKL" : ", not MKL") + " (mapped: " + String.join(", ", libs) + "; oneDNN "
                + (facts.path("mkldnnAvailable").asBoolean() ? "built in" : "absent") + "; CPU capability "
                + facts.path("cpuCapability").asText() + "); an official PyTorch build (MKL, oneDNN) would be "
                + "faster, so the ratios are against this build";
    }

    @Override
    public String toString() {
        return "TorchPython{" + executable() + ", python " + pythonVersion() + ", torch " + torchVersion() + "}";
    }

    /**
     * One interpreter to try: how to name it in a message, and the command that starts it (empty when
     * it was not found).
     *
     * @param label the name in messages, e.g. {@code python3 on PATH (/usr/local/bin/python3)}
     * @param command the command, empty if there is nothing to run
     */
    record Candidate(String label, List<String> command) {
    }

    /**
     * Thrown when no interpreter tried can import torch, numpy and pandas: the message lists each one
     * with its reason and the packages to install.
     *
     * <pre>{@code
     * try {
     *     TorchPython.find(null);
     * } catch (TorchPython.NoTorchPythonException e) {
     *     System.err.println(e.getMessage());
     * }
     * }</pre>
     */
    public static final class NoTorchPythonException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        /** Each interpreter tried, in order, with why it could not be used. */
        private final Map<String, String> tried;

        NoTorchPythonException(Map<String, String> tried) {
            super(message(tried));
            this.tried = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tried));
        }

        private static String message(Map<String, String> tried) {
            StringBuilder s = new StringBuilder("no Python with torch, numpy and pandas to run the peers; tried ");
            List<String> each = new ArrayList<>();
            tried.forEach((who, why) -> each.add(who + ": " + why));
            s.append(String.join("; ", each));
            s.append(". Install them with `").append(INSTALL_HINT)
                    .append("` (Debian's PyTorch), or name an interpreter that has them with --python PATH");
            return s.toString();
        }

        /**
         * Returns each interpreter tried and why it could not be used.
         *
         * @return label to reason, in the order tried
         */
        public Map<String, String> tried() {
            return tried;
        }
    }
}
