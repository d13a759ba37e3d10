package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of a saved model directory: complete replacement, refused targets, verified files. */
class ModelDirectoryTest {

    private static final int USERS = 11;
    private static final int ITEMS = 13;
    private static Interactions data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(USERS, ITEMS, 3, 21);
    }

    @AfterEach
    void removeHook() {
        ModelDirectory.savePointHook = point -> { };
    }

    private static NcfModel gmf() {
        return NcfModel.create(GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(4).seed(3)
                .build(), data);
    }

    private static NcfModel neumf() {
        return NcfModel.create(NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(3).mlpDim(4)
                .mlpLayers(8, 4).seed(5).build(), data);
    }

    private Path saved(NcfModel model) throws IOException {
        Path dir = tmp.resolve("model");
        try (model) {
            model.save(dir);
        }
        return dir;
    }

    private static List<String> allNames(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void gmfSavedOverNeumf_leavesNoFileOfTheNeumf() throws IOException {
        Path dir = saved(neumf());
        String neumfData = SavedModels.dataDir(dir).getFileName().toString();
        saved(gmf());
        assertThat(allNames(dir)).noneMatch(name -> name.startsWith("neumf"))
                .doesNotContain(neumfData).contains("gmf-0000.params");
        try (NcfModel loaded = NcfModel.load(dir)) {
            assertThat(loaded.block()).isInstanceOf(GMF.class);
        }
    }

    @Test
    void saveOverFormat1Directory_replacesAllItsFiles() throws IOException, URISyntaxException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        Path v1 = Path.of(getClass().getClassLoader().getResource("frozen/v1/neumf").toURI());
        for (String name : List.of("ncf-model.properties", "neumf-0000.params", "users.txt",
                "items.txt", "train-items.txt", "item-counts.txt")) {
            Files.copy(v1.resolve(name), dir.resolve(name));
        }
        saved(gmf());
        assertThat(ModelDirectory.MANIFEST).isEqualTo("ncf-model.properties");
        try (Stream<Path> top = Files.list(dir)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "ncf-model.properties", ModelDirectory.LOCK_FILE,
                    SavedModels.dataDir(dir).getFileName().toString());
        }
        try (NcfModel loaded = NcfModel.load(dir)) {
            assertThat(loaded.block()).isInstanceOf(GMF.class);
        }
    }

    @Test
    void saveOntoRegularFile_isRefused() throws IOException {
        Path file = tmp.resolve("model");
        Files.writeString(file, "my notes");
        try (NcfModel model = gmf()) {
            assertThatThrownBy(() -> model.save(file)).isInstanceOf(FileAlreadyExistsException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("is a file, not an ncf model directory");
        }
        assertThat(Files.readString(file)).isEqualTo("my notes");
    }

    @Test
    void saveIntoForeignNonEmptyDirectory_isRefused() throws IOException {
        Path dir = tmp.resolve("photos");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("holiday.jpg"), "not a model");
        try (NcfModel model = gmf()) {
            assertThatThrownBy(() -> model.save(dir)).isInstanceOf(FileAlreadyExistsException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("holds no ncf model")
                    .hasMessageContaining("holiday.jpg");
        }
        assertThat(allNames(dir)).containsExactlyInAnyOrder("photos", "holiday.jpg");
    }

    @Test
    void saveThatFailsMidway_keepsThePreviousModelAndNoLeftovers() throws IOException {
        Path dir = saved(neumf());
        List<String> before = allNames(dir);
        ModelDirectory.savePointHook = point -> {
            if (point.equals("data-written")) {
                throw new IllegalStateException("disk full (simulated)");
            }
        };
        try (NcfModel model = gmf()) {
            assertThatThrownBy(() -> model.save(dir)).hasMessageContaining("disk full");
        }
        assertThat(allNames(dir)).containsExactlyInAnyOrderElementsOf(before);
        try (NcfModel loaded = NcfModel.load(dir)) {
            assertThat(loaded.block()).isInstanceOf(NeuMF.class);
        }
    }

    @Test
    void saveIntoLeftoversOfAnInterruptedFirstSave_succeedsAndRemovesThem() throws IOException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir.resolve(ModelDirectory.DATA_PREFIX + "123"));
        Files.writeString(dir.resolve(ModelDirectory.DATA_PREFIX + "123").resolve("users.txt"), "u");
        Files.writeString(dir.resolve("ncf-model.properties.tmp"), "format=ncf-model\n");
        saved(gmf());
        assertThat(allNames(dir)).doesNotContain(ModelDirectory.DATA_PREFIX + "123",
                "ncf-model.properties.tmp");
    }

    /** Edits each file of a saved model in turn; loading must fail naming it. */
    private void eachEditedFile_failsToLoad(UnaryOperator<byte[]> edit, String message)
            throws IOException {
        Path dir = saved(neumf());
        List<Path> files = SavedModels.files(dir);
        assertThat(files).hasSize(6);
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            Files.write(file, edit.apply(original.clone()));
            assertThatThrownBy(() -> NcfModel.load(dir)).as(file.toString())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining(message);
            Files.write(file, original);
        }
        NcfModel.load(dir).close();
    }

    @Test
    void attachment_isSavedWithTheModelAndReadBack() throws IOException {
        byte[] titles = "1\tToy Story (1995)\tAnimation\n".getBytes(StandardCharsets.UTF_8);
        NcfModel model = gmf();
        model.putAttachment("item-titles.tsv", titles);
        Path dir = saved(model);
        assertThat(SavedModels.dataDir(dir).resolve("attachment-item-titles.tsv")).hasBinaryContent(titles);
        try (NcfModel loaded = NcfModel.load(dir)) {
            assertThat(loaded.attachmentNames()).containsExactly("item-titles.tsv");
            assertThat(loaded.attachment("item-titles.tsv")).hasValueSatisfying(
                    bytes -> assertThat(bytes).isEqualTo(titles));
            assertThat(loaded.attachment("other")).isEmpty();
        }
    }

    @Test
    void attachment_isReplacedAtomicallyBySavingAgain() throws IOException {
        NcfModel first = gmf();
        first.putAttachment("schema", new byte[] {1, 2, 3});
        Path dir = saved(first);
        NcfModel second = gmf();
        second.putAttachment("schema", new byte[] {4});
        saved(second);
        try (NcfModel loaded = NcfModel.load(dir)) {
            assertThat(loaded.attachment("schema")).hasValueSatisfying(
                    bytes -> assertThat(bytes).containsExactly(4));
        }
        saved(gmf());
        try (NcfModel loaded = NcfModel.load(dir)) {
            assertThat(loaded.attachmentNames()).isEmpty();
        }
    }

    @Test
    void attachment_editedAfterSaving_isDetectedNamingTheFile() throws IOException {
        NcfModel model = gmf();
        model.putAttachment("item-titles.tsv", "1\tA\t\n".getBytes(StandardCharsets.UTF_8));
        Path dir = saved(model);
        Path file = SavedModels.dataDir(dir).resolve("attachment-item-titles.tsv");
        Files.writeString(file, "1\tB\t\n");
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("attachment-item-titles.tsv").hasMessageContaining("CRC32C");
    }

    @Test
    void attachment_contentIsCopiedInAndOut() {
        try (NcfModel model = gmf()) {
            byte[] content = {1, 2};
            model.putAttachment("a", content);
            content[0] = 9;
            model.attachment("a").orElseThrow()[1] = 9;
            assertThat(model.attachment("a")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
        }
    }

    @Test
    void attachmentName_withPathSeparator_isRejectedNamingIt() {
        try (NcfModel model = gmf()) {
            assertThatThrownBy(() -> model.putAttachment("../escape", new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("attachment name must be 1 to 128 letters, digits, '.', '_' or '-', "
                            + "not starting with '.', got \"../escape\"");
            assertThatThrownBy(() -> model.putAttachment("", new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got \"\"");
        }
    }

    @Test
    void attachment_survivesWithBlock() {
        try (NcfModel model = gmf()) {
            model.putAttachment("a", new byte[] {7});
            try (NcfModel other = model.withBlock(GMF.builder().numUsers(USERS).numItems(ITEMS)
                    .embeddingDim(4).seed(9).build())) {
                assertThat(other.attachmentNames()).containsExactly("a");
            }
        }
    }

    @Test
    void flippedByte_inAnyFile_isDetectedNamingTheFile() throws IOException {
        eachEditedFile_failsToLoad(bytes -> {
            bytes[bytes.length / 2] ^= 0x04;
            return bytes;
        }, "CRC32C");
    }

    @Test
    void appendedBytes_toAnyFile_areDetectedNamingTheFile() throws IOException {
        eachEditedFile_failsToLoad(bytes -> {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);
            longer[bytes.length] = '7';
            longer[bytes.length + 1] = '\n';
            return longer;
        }, "appended");
    }

    @Test
    void usersFileWithTwoIdsSwapped_isDetected() throws IOException {
        Path dir = saved(gmf());
        Path users = SavedModels.dataDir(dir).resolve("users.txt");
        List<String> ids = new ArrayList<>(Files.readAllLines(users));
        Collections.swap(ids, 0, 1);
        Files.write(users, ids);
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(users.toString())
                .hasMessageContaining("changed or corrupted after saving");
    }

    @Test
    void embeddingRows_disagreeingWithIdCount_areDetected() throws IOException {
        // Parameters of a 12-user GMF whose metadata is edited to claim 11 users: the id files
        // and hyperparameters agree, only the arrays' shapes tell.
        Path big = tmp.resolve("big");
        Interactions more = Fixtures.random(USERS + 1, ITEMS, 3, 21);
        try (NcfModel model = NcfModel.create(GMF.builder().numUsers(USERS + 1).numItems(ITEMS)
                .embeddingDim(4).seed(3).build(), more)) {
            model.save(big);
        }
        Path dir = saved(gmf());
        Path params = SavedModels.dataDir(dir).resolve("gmf-0000.params");
        byte[] bytes = Files.readAllBytes(SavedModels.dataDir(big).resolve("gmf-0000.params"));
        byte[] claim12 = utf("numUsers", String.valueOf(USERS + 1));
        byte[] claim11 = utf("numUsers", String.valueOf(USERS));
        int at = indexOf(bytes, claim12);
        assertThat(at).isNotNegative();
        System.arraycopy(claim11, 0, bytes, at, claim11.length);
        Files.write(params, bytes);
        SavedModels.reseal(dir);
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(params.toString())
                .hasMessageContaining("gmf_user_embedding has shape (12, 4)")
                .hasMessageContaining("users.txt lists 11 users");
    }

    @Test
    void manifestNamingAnotherParamsFileThanDjlReads_isRejected() throws IOException {
        Path dir = saved(gmf());
        SavedModels.reseal(dir, Map.of("name", "other"));
        assertThatThrownBy(() -> NcfModel.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve(ModelDirectory.MANIFEST).toString())
                .hasMessageContaining("paramsFile must be other-0000.params for name other");
    }

    @Test
    void loadsDuringRepeatedSaves_eachGiveOneWholeModel() throws Exception {
        Path dir = saved(gmf());
        float[] gmfScores;
        float[] neumfScores;
        try (NcfModel g = gmf(); NcfModel n = neumf()) {
            gmfScores = scores(g);
            neumfScores = scores(n);
        }
        AtomicBoolean saving = new AtomicBoolean(true);
        AtomicReference<Throwable> saveFailure = new AtomicReference<>();
        Thread saver = new Thread(() -> {
            try (NcfModel g = gmf(); NcfModel n = neumf()) {
                for (int k = 0; k < 60; k++) {
                    (k % 2 == 0 ? n : g).save(dir);
                }
            } catch (Throwable e) {
                saveFailure.set(e);
            } finally {
                saving.set(false);
            }
        });
        saver.start();
        int loads = 0;
        try {
            while (saving.get()) {
                try (NcfModel loaded = NcfModel.load(dir)) {
                    assertThat(scores(loaded)).containsExactly(
                            loaded.block() instanceof GMF ? gmfScores : neumfScores);
                }
                loads++;
            }
        } finally {
            saver.join();
        }
        assertThat(saveFailure.get()).isNull();
        assertThat(loads).isPositive();
    }

    private static float[] scores(NcfModel model) {
        int[] users = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = u;
        }
        float[] out = new float[USERS * ITEMS];
        model.scoreAllItems(users, out);
        return out;
    }

    /** The bytes DataOutputStream.writeUTF writes for a key and a two-character value. */
    private static byte[] utf(String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[4 + k.length + v.length];
        out[1] = (byte) k.length;
        System.arraycopy(k, 0, out, 2, k.length);
        out[3 + k.length] = (byte) v.length;
        System.arraycopy(v, 0, out, 4 + k.length, v.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
