package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.core.Engines;
import io.github.ncf.core.serve.Recommender;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Models saved in each released format (by {@link FrozenModelWriter}) still load and score alike. */
class FrozenModelTest {

    @Test
    void formatVersion1Model_loadsAndScoresAsWhenSaved() throws Exception {
        loadsAndScoresAsWhenSaved("frozen/v1/neumf");
    }

    @Test
    void formatVersion2Model_loadsAndScoresAsWhenSaved() throws Exception {
        loadsAndScoresAsWhenSaved("frozen/v2/neumf");
        assertThat(Files.readString(resource("frozen/v2/neumf").resolve(NcfModel.PROPERTIES_FILE)))
                .contains("formatVersion=2").contains("file.neumf-0000.params.crc32c=");
    }

    private static void loadsAndScoresAsWhenSaved(String resource) throws Exception {
        Engines.start();
        Path dir = resource(resource);
        List<String> expected = Files.readAllLines(dir.resolve("expected-scores.txt"));
        try (NcfModel model = NcfModel.load(dir)) {
            assertThat(model.block()).isInstanceOf(NeuMF.class);
            assertThat(model.provenance()).containsKey("note");
            float[] scores = new float[4 * 6];
            model.scoreAllItems(new int[] {0, 1, 2, 3}, scores);
            assertThat(expected).hasSize(scores.length);
            for (int k = 0; k < scores.length; k++) {
                assertThat(scores[k]).isCloseTo(Float.parseFloat(expected.get(k)), within(1e-6f));
            }
            assertThat(Recommender.builder(model).build().recommend("u1", 2)).hasSizeBetween(1, 2);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FrozenModelTest.class.getClassLoader().getResource(name).toURI());
    }
}
