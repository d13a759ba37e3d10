package io.github.ncf.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.ncf.data.IdMapping;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved form of an {@link NcfModel}: writes and reads the directory that {@link
 * NcfModel#save(Path)} and {@link NcfModel#load(Path)} exchange, and rebuilds a block from
 * its saved kind and hyperparameters.
 *
 * <p>The files (format version {@value #FORMAT_VERSION}) are described in {@link NcfModel}'s class
 * comment, where users read it; how they are swapped in atomically and verified, in {@link
 * ModelDirectory}. Loading checks every file's content (counts, ranges, order) and the parameters'
 * shapes against the hyperparameters, so an id file cannot disagree with the embedding tables.
 *
 * <p>{@code ModelFormat.save(model, dir); NcfModel same = ModelFormat.load(dir, Device.cpu());}
 */
final class ModelFormat {

    /** The version of the saved directory layout written by {@link #save}. */
    static final int FORMAT_VERSION = 2;

    /** The name of the properties file of a saved model. */
    static final String PROPERTIES_FILE = ModelDirectory.MANIFEST;

    static final String USERS_FILE = "users.txt";
    static final String ITEMS_FILE = "items.txt";
    static final String TRAIN_ITEMS_FILE = "train-items.txt";
    static final String ITEM_COUNTS_FILE = "item-counts.txt";
    /** The prefix of an attachment's file name in the data subdirectory. */
    static final String ATTACHMENT_PREFIX = "attachment-";
    /** Reads overtaken by saves are retried this often before the last error is thrown. */
    private static final int MAX_LOAD_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ModelFormat.class);

    private ModelFormat() {
    }

    /**
     * Saves a model atomically into {@code dir} ({@link ModelDirectory} describes how).
     *
     * @param m the model
     * @param dir the model directory
     * @throws IOException if writing fails, or {@code dir} is a file or a foreign directory
     */
    static void save(NcfModel m, Path dir) throws IOException {
        m.checkOpen();
        NcfBlock block = m.block();
        String name = block.kind();
        Map<String, String> props = new TreeMap<>();
        props.put("blockFormatVersion", Byte.toString(NcfBlock.FORMAT_VERSION));
        props.put("name", name);
        props.put("paramsFile", paramsFileName(name));
        props.put("kind", block.kind());
        props.put("seed", Long.toString(block.seed()));
        props.put("numUsers", Integer.toString(m.numUsers()));
        props.put("numItems", Integer.toString(m.numItems()));
        props.put("trainPairs", Integer.toString(m.trainItemsFlat().length));
        for (Map.Entry<String, String> e : block.hyperparameters().entrySet()) {
            props.put("hp." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : m.provenance().entrySet()) {
            props.put("provenance." + e.getKey(), e.getValue());
        }
        ModelDirectory.save(dir, props, data -> writeFiles(m, data, props));
    }

    private static void writeFiles(NcfModel m, Path dir, Map<String, String> props)
            throws IOException {
        int[] trainOffsets = m.trainOffsets();
        int[] trainItems = m.trainItemsFlat();
        writeIds(dir.resolve(USERS_FILE), m.userIds());
        writeIds(dir.resolve(ITEMS_FILE), m.itemIds());
        try (Writer w = Files.newBufferedWriter(dir.resolve(TRAIN_ITEMS_FILE), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int u = 0; u < m.numUsers(); u++) {
                line.setLength(0);
                for (int k = trainOffsets[u]; k < trainOffsets[u + 1]; k++) {
                    if (k > trainOffsets[u]) {
                        line.append(' ');
                    }
                    line.append(trainItems[k]);
                }
                w.write(line.append('\n').toString());
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(ITEM_COUNTS_FILE), StandardCharsets.UTF_8)) {
            for (int count : m.itemCountsArray()) {
                w.write(Integer.toString(count));
                w.write('\n');
            }
        }
        for (Map.Entry<String, byte[]> e : m.attachmentsForSave().entrySet()) {
            Files.write(dir.resolve(ATTACHMENT_PREFIX + e.getKey()), e.getValue());
        }
        Model model = m.djlModel();
        for (Map.Entry<String, String> e : props.entrySet()) {
            if (e.getKey().startsWith("hp.") || e.getKey().startsWith("provenance.")) {
                model.setProperty(e.getKey(), e.getValue());
            }
        }
        model.setProperty("kind", m.block().kind());
        model.setProperty("seed", Long.toString(m.block().seed()));
        model.setProperty("Epoch", "0");
        model.save(dir, props.get("name"));
    }

    private static String paramsFileName(String name) {
        return name + "-0000.params";
    }

    private static void writeIds(Path file, IdMapping ids) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int k = 0; k < ids.size(); k++) {
                String id = ids.rawId(k);
                if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0 || id.isEmpty()) {
                    throw new IllegalArgumentException("raw id at index " + k + " (\"" + id
                            + "\") is empty or contains a line break and cannot be saved to " + file);
                }
                w.write(id);
                w.write('\n');
            }
        }
    }

    /**
     * Loads a model saved by {@link NcfModel#save(Path)} onto a device.
     *
     * @param dir the directory
     * @param device where the parameters go
     * @return the model, to be closed by the caller
     * @throws IOException if a file is missing, truncated or not what it should be; the message
     *     names the file
     */
    static NcfModel load(Path dir, Device device) throws IOException {
        for (int attempt = 1; ; attempt++) {
            ModelDirectory.Snapshot snapshot = ModelDirectory.open(dir);
            try {
                return load(snapshot, device);
            } catch (IOException e) {
                // A save replaced the model, and deleted its files, while they were being read.
                if (attempt == MAX_LOAD_ATTEMPTS || !ModelDirectory.replacedSince(snapshot)) {
                    throw e;
                }
            }
        }
    }

    private static NcfModel load(ModelDirectory.Snapshot snapshot, Device device)
            throws IOException {
        Properties props = snapshot.properties;
        Path propsFile = snapshot.manifest;
        Path dir = snapshot.files;
        String name = stringProperty(props, propsFile, "name");
        String paramsName = stringProperty(props, propsFile, "paramsFile");
        // DJL reads NAME-0000.params: the file verified must be the file it reads.
        if (!name.matches("[A-Za-z0-9._-]+") || !paramsName.equals(paramsFileName(name))) {
            throw new IOException(propsFile + ": property paramsFile must be "
                    + paramsFileName(name) + " for name " + name + ", got " + paramsName);
        }
        ModelDirectory.verifyFiles(snapshot, List.of(USERS_FILE, ITEMS_FILE, TRAIN_ITEMS_FILE,
                ITEM_COUNTS_FILE, paramsName));
        if (snapshot.version == 1) {
            LOG.info("{}: format version 1, saved without checksums; its files are read"
                    + " unverified (saving the model again writes version {})", snapshot.dir,
                    FORMAT_VERSION);
        }
        String kind = stringProperty(props, propsFile, "kind");
        long seed;
        try {
            seed = Long.parseLong(stringProperty(props, propsFile, "seed"));
        } catch (NumberFormatException e) {
            throw new IOException(propsFile + ": property seed must be a long, got "
                    + props.getProperty("seed"), e);
        }
        Map<String, String> hp = new LinkedHashMap<>();
        Map<String, String> provenance = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("hp.")) {
                hp.put(key.substring(3), props.getProperty(key));
            } else if (key.startsWith("provenance.")) {
                provenance.put(key.substring("provenance.".length()), props.getProperty(key));
            }
        }
        NcfBlock block;
        try {
            block = rebuild(kind, hp, seed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(propsFile + ": cannot rebuild the " + kind + " block: "
                    + e.getMessage(), e);
        }
        IdMapping users = readIds(dir.resolve(USERS_FILE), block.numUsers());
        IdMapping items = readIds(dir.resolve(ITEMS_FILE), block.numItems());
        int[][] train = readTrainItems(dir.resolve(TRAIN_ITEMS_FILE), block.numUsers(),
                block.numItems());
        int[] counts = readCounts(dir.resolve(ITEM_COUNTS_FILE), block.numItems());

        Path paramsFile = dir.resolve(paramsName);
        checkDjlMagic(paramsFile);
        Map<String, Shape> expectedShapes = new LinkedHashMap<>();
        for (Parameter p : block.getParameters().values()) {
            expectedShapes.put(p.getName(), p.getShape());
        }
        Model model = NcfModel.newDjlModel(block, device);
        try {
            model.load(dir, name, Map.of("epoch", "0"));
        } catch (EOFException e) {
            model.close();
            throw new IOException(paramsFile + ": truncated (ended before all parameters were read)",
                    e);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException(paramsFile + ": cannot load parameters: " + e.getMessage(), e);
        } catch (AssertionError e) {
            // DJL reports a directory it cannot list (deleted by a concurrent save) as an AssertionError.
            model.close();
            throw new IOException(paramsFile + ": cannot load parameters: " + e.getMessage(), e);
        }
        if (!block.isInitialized()) {
            model.close();
            throw new IOException(paramsFile + ": holds no parameters for the " + kind + " block");
        }
        String mismatch = shapeMismatch(block, expectedShapes);
        if (mismatch != null) {
            model.close();
            throw new IOException(paramsFile + ": " + mismatch + " (" + USERS_FILE + " lists "
                    + users.size() + " users, " + ITEMS_FILE + " " + items.size() + " items)");
        }
        NcfModel loaded = new NcfModel(model, block, users, items, train[0], train[1], counts,
                provenance);
        try {
            readAttachments(snapshot, loaded);
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
        return loaded;
    }

    /**
     * Reads the attachments a format-2 manifest lists (their sizes and checksums were verified with
     * the model's files); format 1 had none.
     */
    private static void readAttachments(ModelDirectory.Snapshot snapshot, NcfModel model)
            throws IOException {
        for (String name : ModelDirectory.listedFiles(snapshot)) {
            if (!name.startsWith(ATTACHMENT_PREFIX)) {
                continue;
            }
            String attachment = name.substring(ATTACHMENT_PREFIX.length());
            Path file = snapshot.files.resolve(name);
            try {
                model.putAttachment(attachment, Files.readAllBytes(file));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": not a valid attachment: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Compares the loaded arrays' shapes with the shapes the hyperparameters give, so an embedding
     * table cannot disagree with the id files' counts.
     *
     * @return a message for the first difference, or null
     */
    private static String shapeMismatch(NcfBlock block, Map<String, Shape> expected) {
        for (Parameter p : block.getParameters().values()) {
            Shape want = expected.get(p.getName());
            Shape got = p.getArray().getShape();
            if (want != null && !want.equals(got)) {
                return "parameter " + p.getName() + " has shape " + got + ", the hyperparameters"
                        + " give " + want;
            }
        }
        return null;
    }

    private static void checkDjlMagic(Path paramsFile) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(paramsFile)) {
            n = in.readNBytes(magic, 0, 4);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(paramsFile.toString(), null, "parameter file is missing");
        }
        if (n < 4 || !"DJL@".equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new IOException(paramsFile + ": not a DJL parameter file (no DJL@ header)");
        }
    }

    private static String stringProperty(Properties props, Path file, String key)
            throws IOException {
        String value = props.getProperty(key);
        if (value == null || value.isEmpty()) {
            throw new IOException(file + ": property " + key + " is missing");
        }
        return value;
    }

    /**
     * Rebuilds a block from its kind, hyperparameters (as written by {@link
     * NcfBlock#hyperparameters()}) and seed.
     *
     * @param kind "gmf", "mlp", "neumf" or "mf"
     * @param hp the hyperparameters
     * @param seed the seed
     * @return an uninitialised block
     * @throws IllegalArgumentException if the kind is unknown or a value is malformed
     */
    static NcfBlock rebuild(String kind, Map<String, String> hp, long seed) {
        switch (kind) {
            case "gmf":
                return GMF.builder().numUsers(hpInt(hp, "numUsers")).numItems(hpInt(hp, "numItems"))
                        .embeddingDim(hpInt(hp, "embeddingDim")).seed(seed).build();
            case "mlp":
                return MLP.builder().numUsers(hpInt(hp, "numUsers")).numItems(hpInt(hp, "numItems"))
                        .embeddingDim(hpInt(hp, "embeddingDim")).layers(hpInts(hp, "layers"))
                        .dropout(hpFloat(hp, "dropout")).seed(seed).build();
            case "neumf":
                return NeuMF.builder().numUsers(hpInt(hp, "numUsers")).numItems(hpInt(hp, "numItems"))
                        .gmfDim(hpInt(hp, "gmfDim")).mlpDim(hpInt(hp, "mlpDim"))
                        .mlpLayers(hpInts(hp, "mlpLayers")).dropout(hpFloat(hp, "dropout"))
                        .seed(seed).build();
            case "mf":
                return MF.builder().numUsers(hpInt(hp, "numUsers")).numItems(hpInt(hp, "numItems"))
                        .dim(hpInt(hp, "dim")).seed(seed).build();
            default:
                throw new IllegalArgumentException("kind must be gmf, mlp, neumf or mf, got \"" + kind
                        + "\"");
        }
    }

    private static String hp(Map<String, String> hp, String key) {
        String v = hp.get(key);
        if (v == null) {
            throw new IllegalArgumentException("hyperparameter " + key + " is missing");
        }
        return v.trim();
    }

    private static int hpInt(Map<String, String> hp, String key) {
        String v = hp(hp, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + key
                    + " must be an integer, got \"" + v + "\"", e);
        }
    }

    private static float hpFloat(Map<String, String> hp, String key) {
        String v = hp(hp, key);
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + key
                    + " must be a number, got \"" + v + "\"", e);
        }
    }

    private static int[] hpInts(Map<String, String> hp, String key) {
        String v = hp(hp, key);
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                out[k] = Integer.parseInt(parts[k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hyperparameter " + key
                        + " must be comma-separated integers, got \"" + v + "\"", e);
            }
        }
        return out;
    }

    private static IdMapping readIds(Path file, int expected) throws IOException {
        List<String> ids = new ArrayList<>(expected);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    throw new IOException(file + " line " + (ids.size() + 1) + ": empty raw id");
                }
                ids.add(line);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        if (ids.size() != expected) {
            throw new IOException(file + ": expected " + expected + " ids (one per line), found "
                    + ids.size() + (ids.size() < expected ? " (truncated?)" : ""));
        }
        try {
            return IdMapping.of(ids);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static int[][] readTrainItems(Path file, int numUsers, int numItems) throws IOException {
        int[] offsets = new int[numUsers + 1];
        int[] items = new int[1024];
        int n = 0;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo > numUsers) {
                    throw new IOException(file + " line " + lineNo + ": more lines than the "
                            + numUsers + " users");
                }
                int previous = -1;
                if (!line.isEmpty()) {
                    for (String field : line.split(" ")) {
                        int item;
                        try {
                            item = Integer.parseInt(field);
                        } catch (NumberFormatException e) {
                            throw new IOException(file + " line " + lineNo
                                    + ": item index must be an integer, got \"" + field + "\"", e);
                        }
                        if (item < 0 || item >= numItems || item <= previous) {
                            throw new IOException(file + " line " + lineNo + ": item index must be"
                                    + " ascending in [0, " + numItems + "), got " + item);
                        }
                        previous = item;
                        if (n == items.length) {
                            items = Arrays.copyOf(items, n * 2);
                        }
                        items[n++] = item;
                    }
                }
                offsets[lineNo] = n;
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        if (lineNo != numUsers) {
            throw new IOException(file + ": expected " + numUsers + " lines (one per user), found "
                    + lineNo + " (truncated?)");
        }
        return new int[][] {offsets, Arrays.copyOf(items, n)};
    }

    private static int[] readCounts(Path file, int numItems) throws IOException {
        int[] counts = new int[numItems];
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo > numItems) {
                    throw new IOException(file + " line " + lineNo + ": more lines than the "
                            + numItems + " items");
                }
                try {
                    counts[lineNo - 1] = Integer.parseInt(line.trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + lineNo
                            + ": count must be an integer, got \"" + line + "\"", e);
                }
                if (counts[lineNo - 1] < 0) {
                    throw new IOException(file + " line " + lineNo + ": count must be >= 0, got "
                            + counts[lineNo - 1]);
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        if (lineNo != numItems) {
            throw new IOException(file + ": expected " + numItems + " lines (one per item), found "
                    + lineNo + " (truncated?)");
        }
        return counts;
    }
}
