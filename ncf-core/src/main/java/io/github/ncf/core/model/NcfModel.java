package io.github.ncf.core.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.ncf.core.Engines;
import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.ScreenedScorer;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p><b>Exact ranking.</b> torch's float32 products round a row differently depending on how many
 * rows a product has (measured: a user scored alone and the same user scored among 943 get different
 * float scores for most items), so scores from {@link #scoreAllItems(int[], float[])} depend on which
 * users are scored together, and so may ranks and ties among near-equal items. As a {@link
 * ScreenedScorer} the model therefore also defines a <i>reference score</i> per pair: the model's
 * formula in float32 with every sum in a fixed order, computed in Java, which depends on the pair
 * and the parameters alone. {@link #openScreen()} pairs it with fast scores (torch's, or the same
 * formula computed in Java with the Vector API where the JVM has {@code jdk.incubator.vector}) and a bound,
 * per user, on their distance: for a sum of n products plus a bias in float32, in any order and with
 * or without fused multiply-adds, the error is at most {@code gamma(n + 1) = (n + 1) u / (1 - (n +
 * 1) u)}, {@code u = 2^-24}, times the sum of the terms' magnitudes (Higham, Accuracy and Stability of
 * Numerical Algorithms, section 3.1); carried through the layers with the weights' absolute values
 * and per-coordinate bounds on the activations' magnitudes over all items, this bounds both torch's
 * and the reference's distance from the real-valued formula, hence their distance from each other.
 * The full-ranking protocol and the {@link Recommender} rank through it ({@link
 * io.github.ncf.core.ExactRanking}): items the screen places certainly above or below the held-out
 * item (or the K-th best) are counted or skipped, and every item within the bound is scored with the
 * reference arithmetic, so ranks, ties and top-K lists are those of the reference scores. The bound
 * is loose for an untrained model, whose scores all lie within about 0.01 of each other; then many
 * items are scored twice.
 *
 * <pre>{@code
 * try (NcfModel model = NcfModel.create(NeuMF.builder().build(), train)) {
 *     // ... train model.block() through model.djlModel() ...
 *     model.save(Path.of("models/neumf"));
 * }
 * try (NcfModel loaded = NcfModel.load(Path.of("models/neumf"))) {
 *     float[] scores = new float[loaded.numItems()];
 *     loaded.scoreAllItems(new int[] {0}, scores);
 * }
 * }</pre>
 *
 * <p>Saved layout (format version {@value #FORMAT_VERSION}): the directory holds {@code
 * ncf-model.properties}, the manifest (format version, kind, hyperparameters, seed, provenance, the
 * size and CRC32C of every file, and a CRC32C of itself), and one subdirectory {@code ncf-data-N}
 * with {@code KIND-0000.params} (DJL's parameter file, with the block's own versioned metadata),
 * {@code users.txt} and {@code items.txt} (one raw id per line, line k = index k), {@code
 * train-items.txt} (line k: user k's training item indices, space-separated, ascending) and {@code
 * item-counts.txt} (line k: training rows of item k), and one {@code attachment-NAME} file per
 * {@link #putAttachment attachment}. A save writes a new subdirectory and then
 * switches the manifest to it with one atomic rename, so a reader, or a process killed during the
 * save, sees the old model or the new one, never a mixture; loading verifies every size and
 * checksum. Format-1 directories (the files beside the manifest, no checksums) still load.
 */
public final class NcfModel implements ScreenedScorer, AutoCloseable {

    /** The version of the saved directory layout written by {@link #save(Path)}. */
    public static final int FORMAT_VERSION = ModelFormat.FORMAT_VERSION;

    /** The name of the properties file of a saved model. */
    public static final String PROPERTIES_FILE = ModelFormat.PROPERTIES_FILE;

    /** Pairs per native call in {@link #score(int[], int[], float[])}. */
    private static final int PAIR_CHUNK = 1 << 16;
    /**
     * Elements of the widest (users x items x layer) intermediate of one factorised chunk: 4 MB,
     * which stays in cache; 32 MB chunks measured two to three times slower on the 2-core machine.
     */
    private static final long ALL_PAIRS_CHUNK_ELEMENTS = 1L << 20;

    /** The longest attachment name {@link #putAttachment} accepts. */
    public static final int MAX_ATTACHMENT_NAME = 128;

    /** The largest attachment {@link #putAttachment} accepts, in bytes (64 MiB). */
    public static final int MAX_ATTACHMENT_BYTES = 64 << 20;

    private final Model model;
    private final NcfBlock block;
    private final IdMapping userIds;
    private final IdMapping itemIds;
    private final int[] trainOffsets;
    private final int[] trainItems;
    private final int[] itemCounts;
    private final Map<String, String> provenance;
    private final Map<String, byte[]> attachments = new TreeMap<>();
    private volatile boolean closed;
    private volatile Recommender recommender;

    NcfModel(Model model, NcfBlock block, IdMapping userIds, IdMapping itemIds,
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
        NcfModel result = new NcfModel(other, otherBlock, userIds, itemIds, trainOffsets,
                trainItems, itemCounts, provenance());
        synchronized (this) {
            result.attachments.putAll(attachments);
        }
        return result;
    }

    static Model newDjlModel(NcfBlock block, Device device) {
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
     * @return the recommender, made once per model; valid while the model is open; it serves the
     *     parameters as they are at its first recommendation
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

    /**
     * Attaches a file that travels with the model: {@link #save(Path)} writes it beside the model's
     * own files, under the same checksums and the same atomic switch, and {@link #load(Path)} reads
     * it back. For application data that must stay consistent with the model, such as item titles
     * or a feature schema; replacing an attachment of the same name is allowed.
     *
     * <pre>{@code
     * model.putAttachment("item-titles.tsv", titles.getBytes(StandardCharsets.UTF_8));
     * model.save(dir);
     * byte[] back = NcfModel.load(dir).attachment("item-titles.tsv").orElseThrow();
     * }</pre>
     *
     * @param name the attachment's name: 1 to {@value #MAX_ATTACHMENT_NAME} letters, digits, '.',
     *     '_' or '-', not starting with '.'
     * @param content the bytes, copied; at most {@value #MAX_ATTACHMENT_BYTES} bytes
     * @throws IllegalArgumentException if the name or the size is not allowed
     */
    public synchronized void putAttachment(String name, byte[] content) {
        checkAttachmentName(name);
        Objects.requireNonNull(content, "content");
        if (content.length > MAX_ATTACHMENT_BYTES) {
            throw new IllegalArgumentException("attachment " + name + " must be at most "
                    + MAX_ATTACHMENT_BYTES + " bytes, got " + content.length);
        }
        attachments.put(name, content.clone());
    }

    /**
     * Returns an attachment's bytes.
     *
     * @param name the name given to {@link #putAttachment}
     * @return a copy of the bytes, or empty if the model has no attachment of that name
     */
    public synchronized Optional<byte[]> attachment(String name) {
        byte[] content = attachments.get(name);
        return content == null ? Optional.empty() : Optional.of(content.clone());
    }

    /** @return the names of the model's attachments, sorted */
    public synchronized Set<String> attachmentNames() {
        return new TreeSet<>(attachments.keySet());
    }

    /** @return a copy of the attachments, for saving */
    synchronized Map<String, byte[]> attachmentsForSave() {
        return new TreeMap<>(attachments);
    }

    static void checkAttachmentName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_ATTACHMENT_NAME
                || !name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("attachment name must be 1 to " + MAX_ATTACHMENT_NAME
                    + " letters, digits, '.', '_' or '-', not starting with '.', got \"" + name
                    + "\"");
        }
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
        checkAllItems(users, out);
        if (users.length == 0) {
            return;
        }
        inference(() -> {
            try (NDManager manager = model.getNDManager().newSubManager()) {
                scoreAllItems(users, out, block.precomputeItems(manager), manager);
            }
        });
    }

    /**
     * Opens a screen over the model's current parameters. The screening scores are the model's
     * formula in float32 computed in Java with the Vector API where the JVM runs with {@code
     * --add-modules jdk.incubator.vector} (items in tiles, fused multiply-adds; which path runs is
     * logged once), and otherwise those of {@link #scoreAllItems(int[], float[])}, computed with the
     * item side kept from the opening; the bound holds for both. The reference scores are the float32 arithmetic of the model's formula with every sum in a fixed
     * order, computed in Java for single pairs, so that they do not depend on the other users and
     * items scored at the same time (torch's products do: a row's float result varies with the number
     * of rows in a product). The bound on their distance is derived, per user, from the weights and
     * the magnitudes of the activations (see "Exact ranking" in the class comment); ranks and top-K
     * lists computed through {@link io.github.ncf.core.ExactRanking} are those of the reference
     * scores. Opening copies the parameters into Java arrays and computes the first layer's item
     * half for every item once.
     *
     * @return the screen, to be closed by the caller; valid while the model is open
     */
    @Override
    public ExactScreen openScreen() {
        return openScreen(ScreenKernels.available(), null);
    }

    /**
     * {@link #openScreen()} with the Java screen's tiles in the given item order, the order in which
     * {@link ExactScreen#rank} visits items when it may stop at a cut-off (it does with the Java
     * screen: {@link ExactScreen#stopsAtCutoff()}); torch's screen ignores the order. Scores, ranks
     * and top-K lists do not depend on it.
     *
     * @param itemOrder every item index once, the first visited first
     * @return the screen, to be closed by the caller; valid while the model is open
     * @throws IllegalArgumentException if itemOrder is not a permutation of the model's items
     */
    @Override
    public ExactScreen openScreen(int[] itemOrder) {
        checkOrder(itemOrder);
        return openScreen(ScreenKernels.available(), itemOrder);
    }

    private void checkOrder(int[] itemOrder) {
        java.util.Objects.requireNonNull(itemOrder, "itemOrder");
        int numItems = numItems();
        if (itemOrder.length != numItems) {
            throw new IllegalArgumentException("itemOrder must hold each of the model's " + numItems
                    + " items once, got " + itemOrder.length + " entries");
        }
        boolean[] seen = new boolean[numItems];
        for (int p = 0; p < numItems; p++) {
            int item = itemOrder[p];
            if (item < 0 || item >= numItems || seen[item]) {
                throw new IllegalArgumentException("itemOrder must hold each of the model's " + numItems
                        + " items once, got " + (item < 0 || item >= numItems ? "item " + item + " (out of range)"
                                : "item " + item + " twice") + " at position " + p);
            }
            seen[item] = true;
        }
    }

    /**
     * {@link #openScreen()} with the screening arithmetic chosen: Java's Vector API (only where the
     * JVM has {@code jdk.incubator.vector}) or torch's factorised scoring.
     */
    ExactScreen openScreen(boolean javaScreen) {
        return openScreen(javaScreen, null);
    }

    /** {@link #openScreen(boolean)} with the Java screen's item order (null: item order). */
    ExactScreen openScreen(boolean javaScreen, int[] itemOrder) {
        checkOpen();
        ReferenceNet net = ReferenceNet.of(block);
        ScreenKernels.Kernel kernel = javaScreen ? ScreenKernels.create(net, itemOrder) : null;
        if (kernel != null) {
            return new Screen(net, kernel, null, null);
        }
        NDManager manager = model.getNDManager().newSubManager();
        NDList itemSide = NcfBlock.withoutGradient(() -> block.precomputeItems(manager));
        return new Screen(net, null, itemSide, manager);
    }

    /**
     * Items from which a reference with the Java kernel scores them with it (the same bits, lanes
     * over items) rather than item by item.
     */
    private static final int VECTOR_REFERENCE_MIN_ITEMS = 16;

    /**
     * A screen: the Java reference, and beside it either the Java screening kernel or torch's item
     * side kept for the screening scores.
     */
    private final class Screen implements ExactScreen {
        private final ReferenceNet net;
        private final ScreenKernels.Kernel kernel;
        private final NDList itemSide;
        private final NDManager manager;
        /** Each item's position in the kernel's tiles, or null for item order (or without a kernel). */
        private final int[] position;
        /** Per thread, the scratch space of rankings that may stop early. */
        private final ThreadLocal<CutoffRanking.Workspace> workspace;

        Screen(ReferenceNet net, ScreenKernels.Kernel kernel, NDList itemSide, NDManager manager) {
            this.net = net;
            this.kernel = kernel;
            this.position = kernel != null && kernel.order() != null ? CutoffRanking.positions(kernel.order())
                    : null;
            this.workspace = kernel != null ? ThreadLocal.withInitial(() -> new CutoffRanking.Workspace(kernel))
                    : null;
            this.itemSide = itemSide;
            this.manager = manager;
        }

        @Override
        public int numItems() {
            return net.numItems();
        }

        @Override
        public void screenAllItems(int[] users, float[] out) {
            checkAllItems(users, out);
            if (users.length == 0) {
                return;
            }
            if (kernel != null) {
                kernel.screen(users, out);
            } else {
                inference(() -> scoreAllItems(users, out, itemSide, manager));
            }
        }

        @Override
        public boolean stopsAtCutoff() {
            return kernel != null;
        }

        @Override
        public void rank(int user, int testItem, int[] masked, int maskFrom, int maskTo, int cutoff,
                int[] counts) {
            if (kernel == null) {
                ExactScreen.super.rank(user, testItem, masked, maskFrom, maskTo, cutoff, counts);
                return;
            }
            if (cutoff < 1) {
                throw new IllegalArgumentException("cutoff must be >= 1, got " + cutoff);
            }
            checkUser(user);
            if (testItem < 0 || testItem >= numItems()) {
                throw new IllegalArgumentException("testItem must be in [0, " + numItems() + "), got " + testItem);
            }
            ReferenceNet.User u = net.user(user);
            CutoffRanking.rank(kernel, position, u, reference(u), numItems(), testItem, masked, maskFrom, maskTo,
                    cutoff, counts, workspace.get());
        }

        @Override
        public Reference reference(int user) {
            checkUser(user);
            ReferenceNet.User u = net.user(user);
            return reference(u);
        }

        private Reference reference(ReferenceNet.User u) {
            return new Reference() {
                @Override
                public double bound() {
                    return u.bound();
                }

                @Override
                public float score(int item) {
                    return u.score(item);
                }

                @Override
                public void scores(int[] items, int count, float[] out) {
                    if (kernel != null && count >= VECTOR_REFERENCE_MIN_ITEMS) {
                        kernel.reference(u, items, count, out);
                    } else {
                        u.score(items, 0, count, out, 0);
                    }
                }
            };
        }

        @Override
        public void close() {
            if (workspace != null) {
                workspace.remove();
            }
            if (manager != null) {
                manager.close();
            }
        }
    }

    private void checkAllItems(int[] users, float[] out) {
        int numItems = numItems();
        if (out.length < (long) users.length * numItems) {
            throw new IllegalArgumentException("out must hold users.length * numItems = "
                    + (long) users.length * numItems + " scores, got length " + out.length);
        }
        for (int user : users) {
            checkUser(user);
        }
    }

    /** The factorised all-items scoring, in chunks of users, given the item side. */
    private void scoreAllItems(int[] users, float[] out, NDList itemSide, NDManager manager) {
        int numItems = numItems();
        int chunk = (int) Math.max(1, Math.min(users.length,
                ALL_PAIRS_CHUNK_ELEMENTS / ((long) numItems * block.allPairsWidth())));
        for (int from = 0; from < users.length; from += chunk) {
            int to = Math.min(users.length, from + chunk);
            try (NDManager chunkManager = manager.newSubManager()) {
                NDArray u = chunkManager.create(Arrays.copyOfRange(users, from, to));
                float[] scores = block.scoreAllItems(u, itemSide).toFloatArray();
                System.arraycopy(scores, 0, out, from * numItems, scores.length);
            }
        }
    }

    private void inference(Runnable work) {
        checkOpen();
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
     * Saves the model into a directory (created with its parents if needed), atomically: the
     * directory holds the previous model until the new one is complete and on disk, and then the
     * new one only (layout in the class comment). Files of the previous model do not survive,
     * whatever its kind or format version; files ncf did not write are left alone.
     *
     * @param dir the directory
     * @throws java.nio.file.FileAlreadyExistsException if {@code dir} is a regular file, or a
     *     non-empty directory that holds no ncf model
     * @throws IOException if writing fails; the previous model is then still in place
     * @throws IllegalArgumentException if a raw id is empty or contains a line break (it could not
     *     be read back)
     */
    public void save(Path dir) throws IOException {
        ModelFormat.save(this, dir);
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto the CPU.
     *
     * @param dir the directory
     * @return the model, to be closed by the caller
     * @throws IOException if a file is missing, truncated, has bytes appended, differs from its
     *     recorded checksum or disagrees with the parameters' shapes, or the format version is
     *     unknown; the message names the file
     */
    public static NcfModel load(Path dir) throws IOException {
        return load(dir, Device.cpu());
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto a device.
     *
     * @param dir the directory
     * @param device where the parameters go
     * @return the model, to be closed by the caller
     * @throws IOException if a file is missing, truncated, has bytes appended, differs from its
     *     recorded checksum or disagrees with the parameters' shapes, or the format version is
     *     unknown; the message names the file
     */
    public static NcfModel load(Path dir, Device device) throws IOException {
        return ModelFormat.load(dir, device);
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
    public static NcfBlock rebuild(String kind, Map<String, String> hp, long seed) {
        return ModelFormat.rebuild(kind, hp, seed);
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
    }

    /** @return the training-item offsets per user, shared, not copied (for the saved form) */
    int[] trainOffsets() {
        return trainOffsets;
    }

    /** @return all users' training items back to back, shared, not copied (for the saved form) */
    int[] trainItemsFlat() {
        return trainItems;
    }

    /** @return the item counts, shared, not copied (for the saved form) */
    int[] itemCountsArray() {
        return itemCounts;
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
