package io.github.ncf.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How ncf's and the peers' JSON become ratio rows, on hand-made JSON in the programs' formats: which
 * figure is measured and which extrapolated, and why a row has no ratio. A real peer run is in
 * {@code BenchPeersTest}.
 */
class PeerBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode scalePeer() throws Exception {
        return json("{'torch_scale': {'steps': 3, 'result': {'step_s': 4.0, 'epoch_s_extrapolated': 1216.0,"
                + " 'steps_per_epoch': 304, 'batch': 65536}}}");
    }

    @Test
    void scaleEpoch_ofPartOfTheSteps_isLabelledExtrapolatedOnBothSides_andTakesTheDefaultPath() throws Exception {
        JsonNode train = json("{'syntheticMl20m': {'stepsRun': 10, 'stepsPerEpoch': 304, 'runs': ["
                + "{'lever': 'torchEmbeddingGrads', 'seconds': 30.0, 'estimatedEpochSeconds': 912.0},"
                + "{'lever': 'epochUpload', 'seconds': 20.0, 'estimatedEpochSeconds': 608.0}]}}");

        List<PeerBenchmark.Ratio> rows = PeerBenchmark.compare(train, null, scalePeer()).ratios();

        assertThat(rows).extracting(PeerBenchmark.Ratio::figure).containsExactly(
                "20M-size step, 65536 positives (327680 rows)", "20M-size epoch at 65536 positives per step",
                "20M-size step, 65536 positives (327680 rows), ncf with TrainingKernels.JAVA",
                "20M-size epoch at 65536 positives per step, ncf with TrainingKernels.JAVA");
        assertThat(rows.get(0).ratio()).isEqualTo(2.0 / 4.0);
        assertThat(rows.get(1).ratio()).isEqualTo(608.0 / 1216.0);
        assertThat(rows.get(1).ncf().basis()).startsWith("EXTRAPOLATED: 10 of 304 steps measured");
        assertThat(rows.get(1).peerFigure().basis()).startsWith("EXTRAPOLATED: 304 steps");
        // No run of the Java step: its rows say so rather than borrow another lever's figure.
        assertThat(rows.get(2).ratio()).isNull();
        assertThat(rows.get(3).ncf().basis()).contains("--synthetic-levers javaKernels");
    }

    @Test
    void javaKernelRows_takeTheJavaLeversRuns() throws Exception {
        JsonNode train = json("{'syntheticMl20m': {'stepsRun': 304, 'stepsPerEpoch': 304, 'runs': ["
                + "{'lever': 'epochUpload', 'seconds': 608.0, 'estimatedEpochSeconds': 608.0},"
                + "{'lever': 'javaKernels', 'seconds': 152.0, 'estimatedEpochSeconds': 152.0}]}}");

        List<PeerBenchmark.Ratio> rows = PeerBenchmark.compare(train, null, scalePeer()).ratios();

        assertThat(rows.get(1).ratio()).isEqualTo(608.0 / 1216.0);
        assertThat(rows.get(3).ratio()).isEqualTo(152.0 / 1216.0);
        assertThat(rows.get(3).ncf().basis()).startsWith("MEASURED: the full epoch of 304 steps");
        assertThat(rows.get(2).ratio()).isEqualTo(152.0 / 304 / 4.0);
    }

    @Test
    void scaleEpoch_runInFull_isLabelledMeasured() throws Exception {
        JsonNode train = json("{'syntheticMl20m': {'stepsRun': 304, 'stepsPerEpoch': 304, 'runs': ["
                + "{'lever': 'epochUpload', 'seconds': 608.0, 'estimatedEpochSeconds': 608.0}]}}");

        PeerBenchmark.Ratio epoch = PeerBenchmark.compare(train, null, scalePeer()).ratios().get(1);

        assertThat(epoch.ncf().basis()).startsWith("MEASURED: the full epoch of 304 steps");
        assertThat(epoch.ncf().seconds()).isEqualTo(608.0);
    }

    @Test
    void ncfPartNotRun_givesNoRatioAndSaysWhich() throws Exception {
        PeerBenchmark.Ratio step = PeerBenchmark.compare(null, null, scalePeer()).ratios().get(0);

        assertThat(step.ratio()).isNull();
        assertThat(step.ncf().basis()).contains("TrainBenchmark without --synthetic");
        assertThat(step.peerFigure().seconds()).isEqualTo(4.0);
    }

    @Test
    void failedPeer_givesNoRatioAndItsError() throws Exception {
        JsonNode programs = json("{'fast_torch': {'error': 'fast_torch.py exited with 1\\nTraceback'}}");
        JsonNode train = json("{'config': {'measuredEpochs': 3, 'warmupEpochs': 1}, 'runs': [{'lever':"
                + " 'epochUpload', 'batchPositives': 256, 'medianSecondsPerEpoch': 2.0, 'cpuSecondsPerEpoch': 2.0}]}");

        PeerBenchmark.Comparison c = PeerBenchmark.compare(train, null, programs);

        assertThat(c.ratios().get(0).ratio()).isNull();
        assertThat(c.ratios().get(0).peerFigure().basis()).isEqualTo("peer failed: fast_torch.py exited with 1");
        assertThat(c.quality()).isEmpty();
    }

    @Test
    void peerEpochs_skipTheFirstAsWarmUp() throws Exception {
        JsonNode train = json("{'config': {'measuredEpochs': 3, 'warmupEpochs': 1}, 'runs': [{'lever':"
                + " 'epochUpload', 'batchPositives': 256, 'medianSecondsPerEpoch': 2.0, 'cpuSecondsPerEpoch': 2.0}]}");
        JsonNode programs = json("{'fast_torch': {'result': {'batch': 1280, 'epoch_s': [9.0, 4.0, 6.0],"
                + " 'hr_full': [0.05, 0.07, 0.08], 'eval_s': 3.0, 'sampled_hr10': 0.5}}}");

        PeerBenchmark.Comparison c = PeerBenchmark.compare(train, null, programs);

        assertThat(c.ratios().get(0).peerFigure().seconds()).isEqualTo(5.0);
        assertThat(c.ratios().get(0).ratio()).isEqualTo(2.0 / 5.0);
        assertThat(c.quality()).hasSize(1);
        assertThat(c.quality().get(0).fullHr10()).isEqualTo(0.08);
        assertThat(c.quality().get(0).epochs()).isEqualTo(3);
        assertThat(c.table()).contains("0.400").contains("2.50x");
    }

    @Test
    void peerCpu_isTheCpuOfTheIntervalItsWallFigureSpans() throws Exception {
        // Clock calls as (wall, cpu): intervals of 5 s (2.5 CPU s), 4 s (1.5 CPU s) and 9 s (4 CPU s).
        JsonNode clocks = json("[[100.0, 1.0], [105.0, 3.5], [109.0, 5.0]]");

        assertThat(PeerBenchmark.medianCpu(clocks, List.of(5.0), 1)).isEqualTo(2.5);
        assertThat(PeerBenchmark.medianCpu(clocks, List.of(4.0), 1)).isEqualTo(1.5);
        assertThat(PeerBenchmark.medianCpu(clocks, List.of(5.0, 4.0), 1)).isEqualTo(2.0);
        assertThat(PeerBenchmark.medianCpu(clocks, List.of(4.5), 2)).isEqualTo(2.0);
        assertThat(PeerBenchmark.medianCpu(clocks, List.of(7.7), 1)).isNull();
        assertThat(PeerBenchmark.medianCpu(null, List.of(5.0), 1)).isNull();
    }

    @Test
    void builder_folderWithoutThePrograms_isRejectedNamingThem() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertThatThrownBy(() -> PeerBenchmark.builder().folder(empty).python(Peers.python()).out(dir)
                .programs(EnumSet.of(PeerBenchmark.Program.TORCH_SCALE)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("folder " + empty + " lacks [torch_scale.py]");
    }

    @Test
    void builder_epochs_zero_isRejected() {
        assertThatThrownBy(() -> PeerBenchmark.builder().epochs(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("epochs must be >= 1, got 0");
    }
}
