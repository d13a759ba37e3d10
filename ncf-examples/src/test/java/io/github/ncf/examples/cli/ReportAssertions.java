package io.github.ncf.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ncf.examples.chart.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Checks shared by the end-to-end tests: the report's required keys and the charts' pixels. */
final class ReportAssertions {

    private ReportAssertions() {
    }

    /** Asserts that one run object has every required key with values in range. */
    static void assertRunReport(JsonNode run, int epochs) {
        assertThat(run.has("dataset")).as("dataset in " + run).isTrue();
        assertThat(run.get("model").asText()).isNotBlank();
        assertThat(run.at("/config/seed").isNumber()).as("config.seed").isTrue();
        assertThat(run.get("epochs").size()).isEqualTo(epochs);
        for (JsonNode e : run.get("epochs")) {
            assertThat(e.has("epoch") && e.has("loss") && e.has("trainSeconds")).as(e.toString()).isTrue();
        }
        for (String p : new String[] {"/final/full/hr@10", "/final/full/ndcg@10", "/final/sampled/hr@10",
            "/final/sampled/ndcg@10"}) {
            assertThat(run.at(p).isNumber()).as(p).isTrue();
            assertThat(run.at(p).asDouble()).as(p).isBetween(0.0, 1.0);
        }
        assertThat(run.at("/timing").has("trainSecondsPerEpoch")).isTrue();
        assertThat(run.at("/timing/fullEvalSeconds").asDouble()).isNotNegative();
        assertThat(run.at("/timing/sampledEvalSeconds").asDouble()).isNotNegative();
        if (epochs > 0) {
            assertThat(run.at("/timing/trainSecondsPerEpoch").asDouble()).isPositive();
        }
    }

    /** Asserts that a PNG decodes at the charts' size. */
    static void assertChart(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodable PNG " + png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
    }
}
