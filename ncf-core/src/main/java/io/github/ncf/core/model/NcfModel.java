package io.github.ncf.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.ncf.core.Engines;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A trained (or trainable) NCF model: a DJL {@link Model} holding an {@link NcfBlock}, together with
 * the user and item {@link IdMapping}s and each user's training items, so that it can rank items for
 * a user with the training items masked out and be saved and loaded as one unit.
 *
 * <p>As a {@link Scorer} it runs in inference mode (no dropout, no gradient recording), each call
 * in its own {@link NDManager} scope, and is safe to call from many threads at once as long as no
 * training step updates the parameters at the same time. Both scoring paths are factorised: {@link
 * #scoreAllItems(int[], float[])} computes the item side once per call and broadcasts it against
 * chunks of users (see {@link NcfBlock#scoreAllItems(NDArray, NDList)}); {@link #score(int[], int[],
 * float[])} computes the first MLP layer's user half once per distinct user and its item half once
 * per distinct item of a call and gathers them per pair, so each pair costs only the layers above
 * the first (about 2.6 times fewer operations than the plain forward at the reference size). Both
 * equal the plain forward pass within float rounding (tested within 1e-5).
 *
 * <pre>{@code
 * try (NcfModel model = NcfModel.create(NeuMF.builder().build(), train)) {
 *     // ... train model.block() through model.djlModel() ...
 *     model.save(Path.of("models/neumf"), "neumf");
 * }
 * try (NcfModel loaded = NcfModel.load(Path.of("models/neumf"))) {
 *     float[] scores = new float[loaded.numItems()];
 *     loaded.scoreAllItems(new int[] {0}, scores);
 * }
 * }</pre>
 *
 * <p>Saved layout (format version {@value #FORMAT_VERSION}), all in one directory: {@code
 * ncf-model.properties} (format version, kind, hyperparameters, seed, provenance), {@code
 * NAME-0000.params} (DJL's parameter file, with the block's own versioned metadata), {@code
 * users.txt} and {@code items.txt} (one raw id per line, line k = index k), {@code
 * train-items.txt} (line k: user k's training item indices, space-separated, ascending) and {@code
 * item-counts.txt} (line k: training rows of item k).
 */
public final class NcfModel implements Scorer, AutoCloseable {

    /** The version of the saved directory layout written by {@link #save(Path, String)}. */
    public static final int FORMAT_VERSION = 1;

    /** The name of the properties file of a saved model. */
    public static final String PROPERTIES_FILE = "ncf-model.properties";

    static final String USERS_FILE = "users.txt";
    static final String ITEMS_FILE = "items.txt";
    static final String TRAIN_ITEMS_FILE = "train-items.txt";
    static final String ITEM_COUNTS_FILE = "item-counts.txt";
    private static final String FORMAT_NAME = "ncf-model";

    /** Pairs per native call in {@link #score(int[], int[], float[])}. */
    private static final int PAIR_CHUNK = 1 << 16;
    /**
     * Elements of the widest (users x items x layer) intermediate of one factorised chunk: 4 MB,
     * which stays in cache; 32 MB chunks measured two to three times slower on the 2-core machine.
     */
    private static final long ALL_PAIRS_CHUNK_ELEMENTS = 1L << 20;

    private final Model model;
    private final NcfBlock block;
    private final IdMapping userIds;
    private final IdMapping itemIds;
    private final int[] trainOffsets;
    private final int[] trainItems;
    private final int[] itemCounts;
    private final Map<String, String> provenance;
    private volatile boolean closed;
    private volatile Recommender recommender;

    private NcfModel(Model model, NcfBlock block, IdMapping userIds, IdMapping itemIds,
            int[] trainOffsets, int[] trainItems, int[] itemCounts, Map<String, String> provenance) {
        this.model = model;
        this.block = block;
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.trainOffsets = trainOffsets;
        this.trainItems = trainItems;
        this.itemCounts = itemCounts;
        this.provenance = new TreeMap<>(provenance);
    }

    /**
     * Creates a model on the CPU and initialises the block's parameters from its seed. A block built
     * without sizes is sized from the interactions ({@link NcfBlock#bind}); {@link #block()} is then
     * a new block of the same configuration.
     *
     * @param block the block; sizes it was given must match the interactions' id mappings
     * @param train the training interactions: id mappings, training items and item counts are
     *     copied from them
     * @return the model, to be closed by the caller
     * @throws IllegalArgumentException if the sizes differ
     */
    public static NcfModel create(NcfBlock block, Interactions train) {
        return create(block, train, Device.cpu());
    }

    /**
     * Creates a model on a device and initialises the block's parameters from its seed. Starts the
     * PyTorch engine offline ({@link Engines#start()}) if it is not running.
     *
     * @param block the block; sizes it was given must match the interactions' id mappings
     * @param train the training interactions
     * @param device where the parameters live
     * @return the model, to be closed by the caller
     * @throws IllegalArgumentException if the sizes differ
     */
    public static NcfModel create(NcfBlock block, Interactions train, Device device) {
        if (!block.hasSizes()) {
            block = block.bind(train.numUsers(), train.numItems(), block.seed());
        }
        if (block.numUsers() != train.numUsers()) {
            throw new IllegalArgumentException("block numUsers must equal the interactions' "
                    + train.numUsers() + " users, got " + block.numUsers());
        }
        if (block.numItems() != train.numItems()) {
            throw new IllegalArgumentException("block numItems must equal the interactions' "
                    + train.numItems() + " items, got " + block.numItems());
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("created", Instant.now().toString());
        provenance.put("trainInteractions", Integer.toString(train.size()));
        provenance.put("trainActiveUsers", Integer.toString(train.activeUsers()));
        Model model = newDjlModel(block, device);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1), new Shape(1));
        return new NcfModel(model, block, train.userIds(), train.itemIds(),
                train.userItemOffsets().clone(), train.userItemIndex().clone(),
                train.itemRowCounts(), provenance);
    }

    /**
     * Creates a model holding another block with this model's id mappings, training items, item
     * counts and provenance, on the same device; the block's parameters are initialised from its
     * seed. Used to build a NeuMF from pretrained parts.
     *
     * @param otherBlock the block; its sizes must match this model's
     * @return the new model, to be closed by the caller
     * @throws IllegalArgumentException if the sizes differ
     */
    public NcfModel withBlock(NcfBlock otherBlock) {
        if (otherBlock.numUsers() != numUsers() || otherBlock.numItems() != numItems()) {
            throw new IllegalArgumentException("block must have " + numUsers() + " users and "
                    + numItems() + " items like the model, got " + otherBlock.numUsers() + " and "
                    + otherBlock.numItems());
        }
        Model other = newDjlModel(otherBlock, model.getNDManager().getDevice());
        otherBlock.initialize(other.getNDManager(), DataType.FLOAT32, new Shape(1), new Shape(1));
        return new NcfModel(other, otherBlock, userIds, itemIds, trainOffsets, trainItems,
                itemCounts, provenance());
    }

    private static Model newDjlModel(NcfBlock block, Device device) {
        Engines.start();
        Model model = Model.newInstance(block.kind(), device, Engines.PYTORCH);
        model.setBlock(block);
        return model;
    }

    /** @return the block, whose parameters a trainer updates */
    public NcfBlock block() {
        return block;
    }

    /**
     * Returns the default recommender over this model: top K by score, the user's training items
     * left out, unknown users an error. {@link Recommender#builder(NcfModel)} configures others
     * (e.g. the popularity fallback).
     *
     * <pre>{@code
     * List<Recommendation> top10 = model.recommender().recommend("196", 10);
     * }</pre>
     *
     * @return the recommender, made once per model; valid while the model is open
     */
    public Recommender recommender() {
        Recommender r = recommender;
        if (r == null) {
            synchronized (this) {
                if (recommender == null) {
                    recommender = Recommender.builder(this).build();
                }
                r = recommender;
            }
        }
        return r;
    }

    /** @return the DJL model holding the block, e.g. for {@code newTrainer} */
    public Model djlModel() {
        return model;
    }

    /** @return the user id mapping */
    public IdMapping userIds() {
        return userIds;
    }

    /** @return the item id mapping */
    public IdMapping itemIds() {
        return itemIds;
    }

    /**
     * Returns a user's distinct training items, ascending (the items to mask when ranking).
     *
     * @param user the user index
     * @return a new array of item indices
     */
    public int[] trainingItems(int user) {
        checkUser(user);
        return Arrays.copyOfRange(trainItems, trainOffsets[user], trainOffsets[user + 1]);
    }

    /**
     * Returns whether an item is among a user's training items.
     *
     * @param user the user index
     * @param item the item index
     * @return true if the user interacted with the item in training
     */
    public boolean isTrainingItem(int user, int item) {
        checkUser(user);
        return Arrays.binarySearch(trainItems, trainOffsets[user], trainOffsets[user + 1], item) >= 0;
    }

    /**
     * Returns how many training rows each item has, the popularity used as a fallback.
     *
     * @return a new array of length {@link #numItems()}
     */
    public int[] itemCounts() {
        return itemCounts.clone();
    }

    /**
     * Returns the provenance recorded with the model (creation time, training set size, and
     * whatever {@link #putProvenance} added, e.g. the trainer's settings).
     *
     * @return a sorted copy
     */
    public synchronized Map<String, String> provenance() {
        return new TreeMap<>(provenance);
    }

    /**
     * Records a provenance entry, saved with the model.
     *
     * @param key the key; letters, digits, '.', '_' and '-' only
     * @param value the value
     */
    public synchronized void putProvenance(String key, String value) {
        if (key == null || !key.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("provenance key must match [A-Za-z0-9._-]+, got \""
                    + key + "\"");
        }
        provenance.put(key, String.valueOf(value));
    }

    @Override
    public int numUsers() {
        return block.numUsers();
    }

    @Override
    public int numItems() {
        return block.numItems();
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        if (items.length != users.length) {
            throw new IllegalArgumentException("items must have as many entries as users ("
                    + users.length + "), got " + items.length);
        }
        if (out.length < users.length) {
            throw new IllegalArgumentException("out must hold at least " + users.length
                    + " scores, got length " + out.length);
        }
        for (int k = 0; k < users.length; k++) {
            checkUser(users[k]);
            checkItem(items[k]);
        }
        inference(() -> {
            for (int from = 0; from < users.length; from += PAIR_CHUNK) {
                int to = Math.min(users.length, from + PAIR_CHUNK);
                try (NDManager manager = model.getNDManager().newSubManager()) {
                    float[] scores = block.scorePairs(manager, users, items, from, to)
                            .toFloatArray();
                    System.arraycopy(scores, 0, out, from, scores.length);
                }
            }
        });
    }

    /**
     * Scores pairs and returns probabilities (the sigmoid of the logits).
     *
     * @param users user indices
     * @param items item indices, as many as users
     * @param out receives the probabilities
     */
    public void probabilities(int[] users, int[] items, float[] out) {
        score(users, items, out);
        for (int k = 0; k < users.length; k++) {
            out[k] = (float) (1.0 / (1.0 + Math.exp(-out[k])));
        }
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        int numItems = numItems();
        if (out.length < (long) users.length * numItems) {
            throw new IllegalArgumentException("out must hold users.length * numItems = "
                    + (long) users.length * numItems + " scores, got length " + out.length);
        }
        for (int user : users) {
            checkUser(user);
        }
        if (users.length == 0) {
            return;
        }
        int chunk = (int) Math.max(1, Math.min(users.length,
                ALL_PAIRS_CHUNK_ELEMENTS / ((long) numItems * block.allPairsWidth())));
        inference(() -> {
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDList itemSide = block.precomputeItems(manager);
                for (int from = 0; from < users.length; from += chunk) {
                    int to = Math.min(users.length, from + chunk);
                    try (NDManager chunkManager = manager.newSubManager()) {
                        NDArray u = chunkManager.create(Arrays.copyOfRange(users, from, to));
                        float[] scores = block.scoreAllItems(u, itemSide).toFloatArray();
                        System.arraycopy(scores, 0, out, from * numItems, scores.length);
                    }
                }
            }
        });
    }

    private void inference(Runnable work) {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
        NcfBlock.withoutGradient(() -> {
            work.run();
            return null;
        });
    }

    private void checkUser(int user) {
        if (user < 0 || user >= block.numUsers()) {
            throw new IllegalArgumentException("user index must be in [0, " + block.numUsers()
                    + "), got " + user);
        }
    }

    private void checkItem(int item) {
        if (item < 0 || item >= block.numItems()) {
            throw new IllegalArgumentException("item index must be in [0, " + block.numItems()
                    + "), got " + item);
        }
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Saves the model into a directory (created if needed): DJL's parameter file plus the
     * properties and side files described in the class comment. Existing files of the same names
     * are replaced.
     *
     * @param dir the directory
     * @param name the model name, used for the parameter file {@code name-0000.params}
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the name is not a plain file name, or a raw id contains a
     *     line break (it could not be read back)
     */
    public void save(Path dir, String name) throws IOException {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must match [A-Za-z0-9._-]+, got \"" + name
                    + "\"");
        }
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
        Files.createDirectories(dir);
        writeIds(dir.resolve(USERS_FILE), userIds);
        writeIds(dir.resolve(ITEMS_FILE), itemIds);
        try (Writer w = Files.newBufferedWriter(dir.resolve(TRAIN_ITEMS_FILE), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int u = 0; u < numUsers(); u++) {
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
            for (int count : itemCounts) {
                w.write(Integer.toString(count));
                w.write('\n');
            }
        }
        Properties props = sortedProperties();
        props.setProperty("format", FORMAT_NAME);
        props.setProperty("formatVersion", Integer.toString(FORMAT_VERSION));
        props.setProperty("blockFormatVersion", Byte.toString(NcfBlock.FORMAT_VERSION));
        props.setProperty("name", name);
        props.setProperty("paramsFile", paramsFileName(name));
        props.setProperty("kind", block.kind());
        props.setProperty("seed", Long.toString(block.seed()));
        props.setProperty("numUsers", Integer.toString(numUsers()));
        props.setProperty("numItems", Integer.toString(numItems()));
        props.setProperty("trainPairs", Integer.toString(trainItems.length));
        for (Map.Entry<String, String> e : block.hyperparameters().entrySet()) {
            props.setProperty("hp." + e.getKey(), e.getValue());
            model.setProperty("hp." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : provenance().entrySet()) {
            props.setProperty("provenance." + e.getKey(), e.getValue());
            model.setProperty("provenance." + e.getKey(), e.getValue());
        }
        model.setProperty("kind", block.kind());
        model.setProperty("seed", Long.toString(block.seed()));
        model.setProperty("Epoch", "0");
        model.save(dir, name);
        // Written last: a directory with a properties file holds a complete model.
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES_FILE), StandardCharsets.UTF_8)) {
            props.store(w, "ncf model");
        }
    }

    /** Properties that store their entries sorted by key, so saved files diff cleanly. */
    private static Properties sortedProperties() {
        return new Properties() {
            @Override
            public Set<Map.Entry<Object, Object>> entrySet() {
                Set<Map.Entry<Object, Object>> sorted = new TreeSet<>(
                        Comparator.comparing(e -> e.getKey().toString()));
                sorted.addAll(super.entrySet());
                return sorted;
            }
        };
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
     * Loads a model saved by {@link #save(Path, String)} onto the CPU.
     *
     * @param dir the directory
     * @return the model, to be closed by the caller
     * @throws IOException if a file is missing, truncated or not what it should be; the message
     *     names the file
     */
    public static NcfModel load(Path dir) throws IOException {
        return load(dir, Device.cpu());
    }

    /**
     * Loads a model saved by {@link #save(Path, String)} onto a device.
     *
     * @param dir the directory
     * @param device where the parameters go
     * @return the model, to be closed by the caller
     * @throws IOException if a file is missing, truncated or not what it should be; the message
     *     names the file
     */
    public static NcfModel load(Path dir, Device device) throws IOException {
        Path propsFile = dir.resolve(PROPERTIES_FILE);
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(propsFile, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(propsFile.toString(), null,
                    "not a saved ncf model: " + PROPERTIES_FILE + " is missing");
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            throw new IOException(propsFile + ": not a properties file: " + e.getMessage(), e);
        }
        if (!FORMAT_NAME.equals(props.getProperty("format"))) {
            throw new IOException(propsFile + ": property format must be " + FORMAT_NAME + ", got "
                    + props.getProperty("format"));
        }
        int version = intProperty(props, propsFile, "formatVersion");
        if (version != FORMAT_VERSION) {
            throw new IOException(propsFile + ": unsupported formatVersion " + version
                    + "; this version of ncf reads version " + FORMAT_VERSION);
        }
        String kind = stringProperty(props, propsFile, "kind");
        String name = stringProperty(props, propsFile, "name");
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

        Path paramsFile = dir.resolve(stringProperty(props, propsFile, "paramsFile"));
        checkDjlMagic(paramsFile);
        Model model = newDjlModel(block, device);
        try {
            model.load(dir, name, Map.of("epoch", "0"));
        } catch (EOFException e) {
            model.close();
            throw new IOException(paramsFile + ": truncated (ended before all parameters were read)",
                    e);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException(paramsFile + ": cannot load parameters: " + e.getMessage(), e);
        }
        if (!block.isInitialized()) {
            model.close();
            throw new IOException(paramsFile + ": holds no parameters for the " + kind + " block");
        }
        return new NcfModel(model, block, users, items, train[0], train[1], counts, provenance);
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

    private static int intProperty(Properties props, Path file, String key) throws IOException {
        String value = stringProperty(props, file, key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": property " + key + " must be an integer, got \""
                    + value + "\"", e);
        }
    }

    /**
     * Rebuilds a block from its kind, hyperparameters (as written by {@link
     * NcfBlock#hyperparameters()}) and seed.
     *
     * @param kind "gmf", "mlp" or "neumf"
     * @param hp the hyperparameters
     * @param seed the seed
     * @return an uninitialised block
     * @throws IllegalArgumentException if the kind is unknown or a value is malformed
     */
    public static NcfBlock rebuild(String kind, Map<String, String> hp, long seed) {
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
            default:
                throw new IllegalArgumentException("kind must be gmf, mlp or neumf, got \"" + kind
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

    /** Closes the DJL model and frees its native memory; later calls fail. Closing twice is fine. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    @Override
    public String toString() {
        return "NcfModel{" + block + ", users=" + userIds.size() + ", items=" + itemIds.size() + "}";
    }
}
