package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.Engines;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    private static final int USERS = 19;
    private static final int ITEMS = 27;
    private static Interactions data;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(USERS, ITEMS, 3, 33);
    }

    private static NcfModel trainedLike(NcfBlock block) {
        NcfModel model = NcfModel.create(block, data);
        for (var p : block.getParameters().values()) {
            float[] v = p.getArray().toFloatArray();
            for (int k = 0; k < v.length; k++) {
                v[k] = v[k] * (block.embeddingParameters().contains(p) ? 60f : 1f) + 0.001f * (k % 5);
            }
            block.setParameterValues(p.getName(), v);
        }
        return model;
    }

    private static float[] allScores(NcfModel model) {
        int[] users = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = u;
        }
        float[] out = new float[USERS * ITEMS];
        model.scoreAllItems(users, out);
        return out;
    }

    private static List<NcfBlock> blocks() {
        return List.of(
                GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(5).seed(4).build(),
                MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(6).layers(12, 6)
                        .dropout(0.1).seed(5).build(),
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(3).mlpDim(6).mlpLayers(12, 6)
                        .seed(6).build());
    }

    @Test
    void saveThenLoad_givesIdenticalScores_forEveryKind() throws IOException {
        for (NcfBlock block : blocks()) {
            Path d = dir.resolve(block.kind());
            try (NcfModel model = trainedLike(block)) {
                model.putProvenance("trainer.epochs", "10");
                model.save(d);
                float[] expected = allScores(model);
                try (NcfModel loaded = NcfModel.load(d)) {
                    assertThat(loaded.block().kind()).isEqualTo(block.kind());
                    assertThat(loaded.block().hyperparameters()).isEqualTo(block.hyperparameters());
                    assertThat(loaded.block().seed()).isEqualTo(block.seed());
                    assertThat(allScores(loaded)).as(block.kind()).containsExactly(expected);
                    assertThat(loaded.userIds()).isEqualTo(data.userIds());
                    assertThat(loaded.itemIds()).isEqualTo(data.itemIds());
                    assertThat(loaded.itemCounts()).containsExactly(data.itemRowCounts());
                    for (int u = 0; u < USERS; u++) {
                        assertThat(loaded.trainingItems(u)).containsExactly(data.itemsOf(u));
                    }
                    assertThat(loaded.provenance()).containsEntry("trainer.epochs", "10")
                            .containsKey("created");
                }
            }
        }
    }

    @Test
    void loadedModel_recommendsByRawIds_likeTheOriginal() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(2))) {
            model.save(dir);
            List<String> users = data.userIds().rawIds();
            var expected = Recommender.builder(model).build().recommend(users, 5);
            try (NcfModel loaded = NcfModel.load(dir)) {
                assertThat(Recommender.builder(loaded).build().recommend(users, 5)).isEqualTo(expected);
            }
        }
    }

    @Test
    void savedDirectory_holdsTheDocumentedFiles() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(0))) {
            model.save(dir);
        }
        Path files = SavedModels.dataDir(dir);
        assertThat(Files.readAllLines(files.resolve("users.txt"))).isEqualTo(data.userIds().rawIds());
        assertThat(Files.readAllLines(files.resolve("items.txt"))).isEqualTo(data.itemIds().rawIds());
        assertThat(Files.readAllLines(files.resolve("train-items.txt"))).hasSize(USERS);
        assertThat(Files.readAllLines(files.resolve("item-counts.txt"))).hasSize(ITEMS);
        assertThat(files.resolve("gmf-0000.params")).exists();
        assertThat(SavedModels.files(dir)).hasSize(6);
        String props = Files.readString(dir.resolve(NcfModel.PROPERTIES_FILE));
        assertThat(props).contains("formatVersion=2").contains("kind=gmf").contains("seed=4")
                .contains("hp.embeddingDim=5").contains("data=" + files.getFileName())
                .contains("file.users.txt.crc32c=").contains("file.gmf-0000.params.size=");
    }

    /** Saves a NeuMF into {@code dir} and cuts its parameter file in half. */
    private Path savedWithTruncatedParams() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(2))) {
            model.save(dir);
        }
        Path params = SavedModels.dataDir(dir).resolve("neumf-0000.params");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(bytes, bytes.length / 2));
        return params;
    }

    @Test
    void truncatedParamsFile_failsNamingTheFile() throws IOException {
        Path params = savedWithTruncatedParams();
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("(truncated)");
    }

    @Test
    void truncatedParamsFile_withMatchingChecksums_failsNamingTheFile() throws IOException {
        Path params = savedWithTruncatedParams();
        SavedModels.reseal(dir);
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("truncated (ended before all parameters were read)");
    }

    @Test
    void foreignParamsFile_failsNamingTheFile() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(2))) {
            model.save(dir);
        }
        Path params = SavedModels.dataDir(dir).resolve("neumf-0000.params");
        Files.writeString(params, "PK\u0003\u0004 certainly not DJL");
        SavedModels.reseal(dir);
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("not a DJL parameter file");
    }

    @Test
    void paramsFileOfAnotherModel_failsNamingTheFile() throws IOException {
        Path gmfDir = dir.resolve("gmf");
        Path neumfDir = dir.resolve("neumf");
        try (NcfModel gmf = trainedLike(blocks().get(0)); NcfModel neumf = trainedLike(blocks().get(2))) {
            gmf.save(gmfDir);
            neumf.save(neumfDir);
        }
        Path params = SavedModels.dataDir(neumfDir).resolve("neumf-0000.params");
        Files.copy(SavedModels.dataDir(gmfDir).resolve("gmf-0000.params"), params,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SavedModels.reseal(neumfDir);
        assertThatThrownBy(() -> NcfModel.load(neumfDir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("gmf");
    }

    @Test
    void truncatedIdFile_failsNamingTheFile() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(0))) {
            model.save(dir);
        }
        Path users = SavedModels.dataDir(dir).resolve("users.txt");
        List<String> lines = Files.readAllLines(users);
        Files.write(users, lines.subList(0, lines.size() - 2));
        SavedModels.reseal(dir);
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(users.toString())
                .hasMessageContaining("expected " + USERS + " ids");
    }

    @Test
    void malformedTrainItems_failNamingFileAndLine() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(0))) {
            model.save(dir);
        }
        Path train = SavedModels.dataDir(dir).resolve("train-items.txt");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(train));
        lines.set(2, "3 x 9");
        Files.write(train, lines);
        SavedModels.reseal(dir);
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(train + " line 3")
                .hasMessageContaining("\"x\"");
    }

    @Test
    void missingProperties_failsNamingTheFile() {
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(NcfModel.PROPERTIES_FILE);
    }

    @Test
    void unknownFormatVersion_failsWithClearMessage() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(0))) {
            model.save(dir);
        }
        Path props = dir.resolve(NcfModel.PROPERTIES_FILE);
        SavedModels.reseal(dir, Map.of("formatVersion", "7"));
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(props.toString())
                .hasMessageContaining("unsupported formatVersion 7")
                .hasMessageContaining("reads versions 1 to 2");
    }
}
