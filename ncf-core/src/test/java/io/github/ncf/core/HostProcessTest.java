package io.github.ncf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library leaves its host process as it found it unless the application opts in: each test
 * runs an application ({@link HostProcessProbe}) in a fresh JVM, where DJL's engine has not started,
 * and reads what it found changed.
 */
class HostProcessTest {

    @Test
    void loadAndRecommend_leavesPropertiesThreadsAndNativeLibrariesAsFound() throws Exception {
        Map<String, String> r = runProbe("recommend", resource("frozen/v1/neumf").toString());
        assertUntouched(r);
        assertThat(r.get("recommended")).as("top-3 list length").isEqualTo("3");
    }

    @Test
    void trainOneEpoch_leavesPropertiesThreadsAndNativeLibrariesAsFound() throws Exception {
        Map<String, String> r = runProbe("train");
        assertUntouched(r);
        assertThat(Double.parseDouble(r.get("loss"))).isFinite();
    }

    @Test
    void processTuning_optIn_appliesTheTuningsAndLogsOnce() throws Exception {
        Map<String, String> r = runProbe("optIn");
        // Besides the one it sets, only JNA's own bookkeeping (JNA loads to call mallopt).
        assertThat(r.get("propertiesChanged").split(",")).filteredOn(p -> !isJna(p))
                .containsExactly("ai.djl.offline:null->true");
        // The opt-in's count stays: the trainer's own count (1) applies only while it fits.
        assertThat(r.get("threadsBefore")).isEqualTo(Integer.toString(HostProcessProbe.TUNED_THREADS));
        assertThat(r.get("threadsAfter")).isEqualTo(Integer.toString(HostProcessProbe.TUNED_THREADS));
        boolean linux = System.getProperty("os.name").startsWith("Linux");
        if (linux) {
            assertThat(r.get("allocatorTuned")).as(r.get("tuningStatus")).isEqualTo("true");
        }
        boolean qualifies = linux && "amd64".equals(System.getProperty("os.arch"))
                && MklCpuDispatch.refusal(Files.readString(Path.of("/proc/cpuinfo")), false) == null;
        assertThat(r.get("mklApplied")).as(r.get("tuningStatus")).isEqualTo(Boolean.toString(qualifies));
        assertThat(r.get("mklLibraryMapped")).isEqualTo(Boolean.toString(qualifies));
        assertThat(r.get("tuningStatus")).contains("allocator: ").contains("oneMKL: ")
                .contains("offline: ai.djl.offline=true (was unset)")
                .contains("threads: torch intra-op threads " + HostProcessProbe.TUNED_THREADS);
        assertThat(r.get("log").lines().filter(l -> l.contains("ncf process tuning applied")).count())
                .as(r.get("log")).isEqualTo(1);
    }

    private static void assertUntouched(Map<String, String> r) {
        // DJL's own engine start, before the library is used, loads JNA and nothing else.
        assertThat(r.get("engineStartChanged").split(",")).allMatch(p -> p.isEmpty() || isJna(p));
        assertThat(r.get("propertiesChanged")).as("system properties changed").isEmpty();
        assertThat(r.get("threadsBefore")).isEqualTo(Integer.toString(HostProcessProbe.APPLICATION_THREADS));
        assertThat(r.get("threadsAfter")).as("torch intra-op threads after the work")
                .isEqualTo(r.get("threadsBefore"));
        assertThat(r.get("interopAfter")).isEqualTo(r.get("interopBefore"));
        assertThat(r.get("mklLibraryMapped")).as("libncf_mkl_cpu in /proc/self/maps").isEqualTo("false");
        assertThat(r.get("allocatorTuned")).isEqualTo("false");
        assertThat(r.get("tuningStatus")).startsWith("none");
        assertThat(r.get("log")).doesNotContain("ncf process tuning applied");
    }

    /** JNA's own properties ({@code jna.*}, {@code jnidispatch.path}), set when JNA loads. */
    private static boolean isJna(String change) {
        return change.startsWith("jna.") || change.startsWith("jnidispatch.");
    }

    /** Runs the probe in a child JVM with this JVM's class path and options; returns its key=value lines and its log. */
    private static Map<String, String> runProbe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), HostProcessProbe.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("ncf-probe", ".out");
        Path err = Files.createTempFile("ncf-probe", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the probe did not finish in 120 s: " + cmd);
            }
            String log = Files.readString(err);
            assertThat(p.exitValue()).as("probe exit code; its log:%n%s", log).isZero();
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(out)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            m.put("log", log);
            return m;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(HostProcessTest.class.getClassLoader().getResource(name).toURI());
    }
}
