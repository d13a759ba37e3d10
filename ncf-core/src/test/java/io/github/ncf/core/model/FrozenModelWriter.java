package io.github.ncf.core.model;

import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a frozen saved model in the current format under {@code src/test/resources/frozen/vN} for
 * {@link FrozenModelTest} to load, with the scores it gave when it was saved beside its files (in
 * {@code expected-scores.txt}). Run by hand once per released format version; never from a test.
 * The version-1 model there was written by this class at format version 1.
 */
public final class FrozenModelWriter {

    private FrozenModelWriter() {
    }

    /**
     * Writes the model.
     *
     * @param args the target directory (default {@code
     *     src/test/resources/frozen/v<current version>/neumf})
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0]
                : "src/test/resources/frozen/v" + NcfModel.FORMAT_VERSION + "/neumf");
        Engines.start();
        Interactions data = Fixtures.random(4, 6, 2, 77);
        NeuMF block = NeuMF.builder().numUsers(4).numItems(6).gmfDim(2).mlpDim(3).mlpLayers(4, 2)
                .dropout(0.1).seed(77).build();
        try (NcfModel model = NcfModel.create(block, data)) {
            for (var p : block.embeddingParameters()) {
                float[] v = p.getArray().toFloatArray();
                for (int k = 0; k < v.length; k++) {
                    v[k] *= 100f;
                }
                block.setParameterValues(p.getName(), v);
            }
            model.putProvenance("note", "frozen format-" + NcfModel.FORMAT_VERSION
                    + " model for compatibility tests");
            model.save(dir);
            // The lock serialises saves; it is no part of the model.
            Files.delete(dir.resolve(ModelDirectory.LOCK_FILE));
            float[] scores = new float[4 * 6];
            model.scoreAllItems(new int[] {0, 1, 2, 3}, scores);
            try (Writer w = Files.newBufferedWriter(dir.resolve("expected-scores.txt"),
                    StandardCharsets.UTF_8)) {
                for (float s : scores) {
                    w.write(Float.toString(s));
                    w.write('\n');
                }
            }
        }
    }
}
