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

/** A model saved in format version 1 (by {@link FrozenModelWriter}) still loads and scores alike. */
class FrozenModelTest {

    @Test
    void formatVersion1Model_loadsAndScoresAsWhenSaved() throws Exception {
        Engines.start();
        Path dir = resource("frozen/v1/neumf");
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
