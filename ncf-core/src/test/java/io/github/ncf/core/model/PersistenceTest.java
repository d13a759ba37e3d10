package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.Engines;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
                model.save(d, block.kind() + "-model");
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
            model.save(dir, "neumf");
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
            model.save(dir, "gmf");
        }
        assertThat(Files.readAllLines(dir.resolve("users.txt"))).isEqualTo(data.userIds().rawIds());
        assertThat(Files.readAllLines(dir.resolve("items.txt"))).isEqualTo(data.itemIds().rawIds());
        assertThat(Files.readAllLines(dir.resolve("train-items.txt"))).hasSize(USERS);
        assertThat(Files.readAllLines(dir.resolve("item-counts.txt"))).hasSize(ITEMS);
        assertThat(dir.resolve("gmf-0000.params")).exists();
        String props = Files.readString(dir.resolve(NcfModel.PROPERTIES_FILE));
        assertThat(props).contains("formatVersion=1").contains("kind=gmf").contains("seed=4")
                .contains("hp.embeddingDim=5");
    }

    @Test
    void truncatedParamsFile_failsNamingTheFile() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(2))) {
            model.save(dir, "neumf");
        }
        Path params = dir.resolve("neumf-0000.params");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString());
    }

    @Test
    void foreignParamsFile_failsNamingTheFile() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(2))) {
            model.save(dir, "neumf");
        }
        Path params = dir.resolve("neumf-0000.params");
        Files.writeString(params, "PK\u0003\u0004 certainly not DJL");
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("not a DJL parameter file");
    }

    @Test
    void paramsFileOfAnotherModel_failsNamingTheFile() throws IOException {
        Path gmfDir = dir.resolve("gmf");
        Path neumfDir = dir.resolve("neumf");
        try (NcfModel gmf = trainedLike(blocks().get(0)); NcfModel neumf = trainedLike(blocks().get(2))) {
            gmf.save(gmfDir, "m");
            neumf.save(neumfDir, "m");
        }
        Path params = neumfDir.resolve("m-0000.params");
        Files.copy(gmfDir.resolve("m-0000.params"), params, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> NcfModel.load(neumfDir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("gmf");
    }

    @Test
    void truncatedIdFile_failsNamingTheFile() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(0))) {
            model.save(dir, "gmf");
        }
        Path users = dir.resolve("users.txt");
        List<String> lines = Files.readAllLines(users);
        Files.write(users, lines.subList(0, lines.size() - 2));
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(users.toString())
                .hasMessageContaining("expected " + USERS + " ids");
    }

    @Test
    void malformedTrainItems_failNamingFileAndLine() throws IOException {
        try (NcfModel model = trainedLike(blocks().get(0))) {
            model.save(dir, "gmf");
        }
        Path train = dir.resolve("train-items.txt");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(train));
        lines.set(2, "3 x 9");
        Files.write(train, lines);
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
            model.save(dir, "gmf");
        }
        Path props = dir.resolve(NcfModel.PROPERTIES_FILE);
        Files.writeString(props, Files.readString(props).replace("formatVersion=1", "formatVersion=7"),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(props.toString())
                .hasMessageContaining("unsupported formatVersion 7");
    }

    @Test
    void save_nameWithSlash_isRejected() {
        try (NcfModel model = trainedLike(blocks().get(0))) {
            assertThatThrownBy(() -> model.save(dir, "../x"))
                    .hasMessageContaining("name must match");
        }
    }
}
