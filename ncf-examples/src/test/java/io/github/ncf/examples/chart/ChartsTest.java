package io.github.ncf.examples.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.examples.report.DatasetInfo;
import io.github.ncf.examples.report.EpochRecord;
import io.github.ncf.examples.report.RunReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders every chart from hand-made reports. The PNGs are left in {@code target/test-charts} so a
 * reviewer can look at them.
 */
class ChartsTest {

    private static final Path OUT = Path.of("target", "test-charts");

    private static RunReport run(String label, double level, double seconds) {
        RunReport.Builder b = RunReport.builder().label(label)
                .dataset(new DatasetInfo("hand-made", 943, 1682, 100_000, 99_057, 943, ""))
                .model(label.toLowerCase());
        for (int e = 1; e <= 10; e++) {
            double full = level * (0.5 + e / 20.0);
            double sampled = Math.min(0.99, 5 * full);
            b.addEpoch(EpochRecord.onTest(e, 0.5 / Math.sqrt(e), seconds + e * 0.01,
                    Map.of("hr@10", full, "ndcg@10", full / 2), Map.of("hr@10", sampled, "ndcg@10", sampled / 2)));
        }
        return b.finalFull(Map.of("hr@10", level, "ndcg@10", level / 2))
                .finalSampled(Map.of("hr@10", 5 * level, "ndcg@10", 2.8 * level))
                .fullEvalSeconds(0.3).sampledEvalSeconds(0.05).build();
    }

    private static BufferedImage decode(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodable PNG " + png).isNotNull();
        return image;
    }

    @Test
    void lossChart_decodesAtTheDocumentedSize() throws IOException {
        Path png = Charts.save(Charts.loss(List.of(run("NeuMF", 0.13, 5), run("GMF", 0.11, 3))),
                OUT.resolve("loss.png"));

        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void hitRateChart_drawsBothProtocolsAndTheDashedTarget() throws IOException {
        var chart = Charts.hitRate(List.of(run("NeuMF", 0.13, 5)));

        assertThat(chart.getSeriesMap().keySet()).containsExactly("sampled (1 + 99)", "full ranking",
                "lab target, sampled HR@10 = 0.65");
        BufferedImage image = decode(Charts.save(chart, OUT.resolve("hr10.png")));
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
    }

    @Test
    void hitRateChart_ofAnUnevaluatedRun_usesTheFinalFigures() {
        RunReport r = RunReport.builder().dataset(new DatasetInfo("x", 1, 2, 3, 2, 1, "")).model("gmf")
                .addEpoch(EpochRecord.unevaluated(1, 0.7, 1)).addEpoch(EpochRecord.unevaluated(2, 0.6, 1))
                .finalFull(Map.of("hr@10", 0.1)).finalSampled(Map.of("hr@10", 0.6))
                .fullEvalSeconds(0).sampledEvalSeconds(0).build();

        var chart = Charts.hitRate(List.of(r));

        assertThat(chart.getSeriesMap().get("full ranking").getXData()).containsExactly(2.0);
    }

    @Test
    void comparisonChart_hasOneSeriesPerProtocolAndMetric() throws IOException {
        List<RunReport> runs = List.of(run("GMF", 0.111, 3), run("MLP", 0.124, 4), run("NeuMF", 0.131, 5),
                run("ItemPopularity", 0.05, 0));
        var chart = Charts.comparison("GMF vs MLP vs NeuMF vs ItemPopularity", runs);

        assertThat(chart.getSeriesMap().keySet()).containsExactly("full HR@10", "full NDCG@10", "sampled HR@10",
                "sampled NDCG@10");
        assertThat(decode(Charts.save(chart, OUT.resolve("compare.png"))).getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void sweepCharts_drawOnePointPerValue() throws IOException {
        List<String> values = List.of("1", "4", "8", "16");
        List<RunReport> runs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            runs.add(run("n=" + values.get(i), 0.1 + 0.01 * i, 1.5 * (i + 1)));
        }
        var quality = Charts.sweepQuality("negatives", values, runs);
        var seconds = Charts.sweepSeconds("negatives", values, runs);

        assertThat(quality.getSeriesMap()).hasSize(4);
        assertThat(seconds.getSeriesMap().get("seconds per epoch").getYData()).hasSize(4);
        assertThat(decode(Charts.save(quality, OUT.resolve("sweep-negatives-quality.png"))).getWidth())
                .isEqualTo(Charts.WIDTH);
        assertThat(decode(Charts.save(seconds, OUT.resolve("sweep-negatives-seconds.png"))).getWidth())
                .isEqualTo(Charts.WIDTH);
    }

    @Test
    void sweepChart_withMismatchedValues_isRejected() {
        assertThatThrownBy(() -> Charts.sweepSeconds("negatives", List.of("1", "4"), List.of(run("a", 0.1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values and 1 runs");
    }

    @Test
    void save_toANonPngName_isRejected() {
        assertThatThrownBy(() -> Charts.save(Charts.loss(List.of(run("a", 0.1, 1))), OUT.resolve("loss.jpg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss.jpg");
    }

    @Test
    void save_createsMissingFolders() throws IOException {
        Path nested = Files.createTempDirectory("charts").resolve("a/b/loss.png");

        Charts.save(Charts.loss(List.of(run("a", 0.1, 1))), nested);

        assertThat(nested).exists();
    }

    @Test
    void hitRateChart_ofSeveralRuns_hasTwoSeriesPerRunAndTheTarget() throws IOException {
        var chart = Charts.hitRate(List.of(run("GMF", 0.106, 3), run("MLP", 0.131, 4), run("NeuMF", 0.131, 5),
                run("NeuMF (pretrained)", 0.14, 5)));

        assertThat(chart.getSeriesMap()).hasSize(9);
        assertThat(chart.getSeriesMap()).containsKey("NeuMF (pretrained), full ranking");
        assertThat(decode(Charts.save(chart, OUT.resolve("hr10-runs.png"))).getWidth()).isEqualTo(Charts.WIDTH);
    }
}
