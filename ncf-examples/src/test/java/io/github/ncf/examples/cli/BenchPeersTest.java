package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.data.testing.TestData;
import io.github.ncf.examples.Ncf;
import io.github.ncf.examples.bench.Peers;
import io.github.ncf.examples.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ncf bench --peers DIR}: option checks before any work, and one real peer run (skipped without
 * the peers' folder, ML-100k or a Python with torch) whose ratios come from the run's own JSON.
 */
class BenchPeersTest {

    @TempDir
    Path dir;

    @Test
    void peers_folderWithoutThePrograms_isRejectedNamingOptionAndFolder() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("not-peers"));

        CliRun run = CliRun.of("bench", "--only", "data", "--out", dir.resolve("out").toString(), "--peers",
                empty.toString(), "--peer-programs", "torch_scale");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--peers " + empty + " lacks torch_scale.py");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void peers_thatIsNoFolder_isRejectedNamingOptionAndPath() {
        Path missing = dir.resolve("missing");

        CliRun run = CliRun.of("bench", "--only", "data", "--out", dir.toString(), "--peers", missing.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--peers " + missing + " is not a folder");
    }

    @Test
    void peerOption_withoutPeers_isRejected() {
        CliRun run = CliRun.of("bench", "--only", "data", "--out", dir.toString(), "--peer-epochs", "2");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--peer-epochs applies only with --peers DIR");
    }

    @Test
    void peerEpochs_zero_isRejected() {
        CliRun run = CliRun.of("bench", "--only", "data", "--out", dir.toString(), "--peers", dir.toString(),
                "--peer-epochs", "0");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--peer-epochs must be >= 1, got 0");
    }

    @Test
    void peerSteps_zero_isRejected() {
        CliRun run = CliRun.of("bench", "--only", "data", "--out", dir.toString(), "--peers", dir.toString(),
                "--peer-steps", "0");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--peer-steps must be >= 1, got 0");
    }

    @Test
    void peerPrograms_unknown_isRejectedNamingTheChoices() {
        CliRun run = CliRun.of("bench", "--only", "data", "--out", dir.toString(), "--peers", dir.toString(),
                "--peer-programs", "fast_torch,spark");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.err()).contains("--peer-programs must list programs among [seed_reference, fast_torch,"
                + " torch_scale], got \"spark\"");
    }

    @Test
    void python_withoutTorch_stopsBeforeAnyBenchmarkNamingWhatToInstall() {
        Path peers = Peers.folder();
        Path python = dir.resolve("no-such-python3");
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("bench", "--only", "data", "--out", out.toString(), "--peers", peers.toString(),
                "--peer-programs", "torch_scale", "--python", python.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_USAGE);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("--python " + python + ": not found")
                .contains("apt-get install -y python3-torch python3-pandas");
        assertThat(out).doesNotExist();
    }

    @Test
    void peerRun_reportsRatiosFromThisRunsJson() {
        Path data = TestData.ml100k().getParent();
        Path peers = Peers.folder();
        Peers.python();
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("bench", "--quick", "--only", "eval", "--data-dir", data.toString(), "--out",
                out.toString(), "--peers", peers.toString(), "--peer-programs", "fast_torch", "--peer-epochs", "1");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Ncf.EXIT_OK);
        JsonNode report = Reports.readTree(out.resolve("bench.json"));
        JsonNode section = report.get("peers");
        JsonNode peer = Reports.readTree(out.resolve("peers/fast_torch.json"));
        double ncfFull = report.get("eval").get("neumfTargets").get("fullMedianSeconds").asDouble();
        double peerFull = peer.get("eval_s").asDouble();
        assertThat(section.get("environment").get("OPENBLAS_NUM_THREADS").asText()).isEqualTo("1");
        assertThat(section.get("environment").get("FT_THREADS").asText()).isEqualTo("1");
        assertThat(section.get("python").get("torch").asText()).isEqualTo(peer.get("torch").asText());
        assertThat(section.get("loadAverageBefore").isArray()).isTrue();
        assertThat(section.get("programs").get("fast_torch").get("cpuSeconds").asDouble()).isPositive();
        assertThat(peer.get("batch").asInt()).isEqualTo(1_280);

        JsonNode epoch = section.get("ratios").get(0);
        assertThat(epoch.get("peer").asText()).isEqualTo("fast_torch.py");
        assertThat(epoch.get("ncfOverPeer").isNull()).isTrue();
        assertThat(epoch.get("ncfBasis").asText()).contains("--only lacks train");
        assertThat(epoch.get("peerSeconds").asDouble()).isEqualTo(peer.get("epoch_s").get(0).asDouble());

        JsonNode javaEpoch = section.get("ratios").get(1);
        assertThat(javaEpoch.get("figure").asText()).endsWith("ncf with TrainingKernels.JAVA");
        assertThat(javaEpoch.get("ncfBasis").asText()).contains("--only lacks train");

        JsonNode full = section.get("ratios").get(2);
        assertThat(full.get("figure").asText()).startsWith("ML-100k full-ranking evaluation (HR@10)");
        assertThat(full.get("ncfSeconds").asDouble()).isEqualTo(ncfFull);
        assertThat(full.get("peerSeconds").asDouble()).isEqualTo(peerFull);
        assertThat(full.get("ncfOverPeer").asDouble()).isCloseTo(ncfFull / peerFull, within(1e-12));
        // The peer's CPU seconds over the interval it timed, found from its observed clock calls.
        assertThat(full.get("peerCpuSeconds").asDouble()).isPositive();
        assertThat(full.get("ncfOverPeerCpu").asDouble()).isCloseTo(
                full.get("ncfCpuSeconds").asDouble() / full.get("peerCpuSeconds").asDouble(), within(1e-12));
        assertThat(run.out()).contains("ncf/peer").contains(String.format(java.util.Locale.ROOT, "%.3f",
                ncfFull / peerFull)).contains("note: torch " + peer.get("torch").asText());

        // Every rank counted, against the same peer figure.
        JsonNode everyRank = section.get("ratios").get(3);
        assertThat(everyRank.get("figure").asText()).startsWith("ML-100k full ranking, every rank counted");
        assertThat(everyRank.get("ncfSeconds").asDouble())
                .isEqualTo(report.get("eval").get("neumfTargets").get("fullEveryRankMedianSeconds").asDouble());
        assertThat(everyRank.get("peerSeconds").asDouble()).isEqualTo(peerFull);
        assertThat(everyRank.get("ncfCpuSeconds").asDouble()).isPositive();
    }
}
