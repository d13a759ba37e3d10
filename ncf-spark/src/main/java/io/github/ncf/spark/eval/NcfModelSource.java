package io.github.ncf.spark.eval;

import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.ProcessTuning;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.serve.Recommender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A saved {@link NcfModel} directory shipped to executors as a broadcast of its files, and loaded
 * <b>once per executor JVM</b>: the first task that needs it writes the files to a temporary folder
 * and calls {@link NcfModel#load(Path)}; later tasks, on any thread, get the same model. Models are
 * keyed by the SHA-256 of their files, so a retrained model saved to the same path is a new model.
 * Its {@link #screen() exact screen} is opened at most once per JVM too, at the first evaluation
 * task, and shared by every later task and thread; like the model, it is kept for the JVM's life.
 *
 * <p>Threads: by default the engine's thread settings are left as they are. {@link
 * #intraOpThreads(int)} asks executors to start the engine with that many intra-op threads before
 * loading (one per task slot is right when every core runs a task): an explicit opt-in, as a
 * process-wide setting of the executor JVM.
 *
 * <pre>{@code
 * NcfModelSource model = NcfModelSource.broadcast(spark, Path.of("models/neumf")).intraOpThreads(1);
 * SparkEvaluation result = SparkEvaluator.builder().scorer(model).build().test(split);
 * }</pre>
 */
public final class NcfModelSource implements ScorerSource {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> SCREENS = new ConcurrentHashMap<>();

    /** The SHA-256 of the model files, in hex. */
    private final String checksum;
    /** The broadcast model files. */
    private final Broadcast<ModelFiles> files;
    /** Intra-op threads to start the engine with, or 0 to leave them. */
    private final int intraOpThreads;

    private NcfModelSource(String checksum, Broadcast<ModelFiles> files, int intraOpThreads) {
        this.checksum = checksum;
        this.files = files;
        this.intraOpThreads = intraOpThreads;
    }

    /**
     * Reads a saved model directory on the driver and broadcasts its files.
     *
     * @param spark the session
     * @param dir a directory written by {@link NcfModel#save(Path)}
     * @return the source
     * @throws UncheckedIOException if the directory cannot be read or holds no saved model
     */
    public static NcfModelSource broadcast(SparkSession spark, Path dir) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(dir, "dir");
        if (!Files.isRegularFile(dir.resolve(NcfModel.PROPERTIES_FILE))) {
            throw new UncheckedIOException(new IOException(dir + " is not a saved ncf model: "
                    + NcfModel.PROPERTIES_FILE + " is missing"));
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        // Saved models keep their data files in a subdirectory: ship the whole tree, by relative path.
        try (Stream<Path> listing = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(listing.filter(Files::isRegularFile).sorted().toList());
            for (Path p : paths) {
                byte[] bytes = Files.readAllBytes(p);
                String name = dir.relativize(p).toString().replace('\\', '/');
                contents.put(name, bytes);
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model directory " + dir, e);
        }
        String checksum = HexFormat.of().formatHex(sha.digest());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new NcfModelSource(checksum, jsc.broadcast(new ModelFiles(contents)), 0);
    }

    /**
     * Returns a source whose executors start the engine with this many intra-op threads before
     * loading the model (a process-wide setting of the executor JVM, applied only when asked).
     *
     * @param threads at least 1
     * @return a new source for the same model
     * @throws IllegalArgumentException if threads is less than 1
     */
    public NcfModelSource intraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + threads);
        }
        return new NcfModelSource(checksum, files, threads);
    }

    /** @return the SHA-256 of the model's files, in hex: the key of the per-JVM cache */
    public String checksum() {
        return checksum;
    }

    @Override
    public Scorer scorer() {
        return loaded().model;
    }

    /**
     * Returns a recommender over the model (training items excluded, unknown users rejected), made
     * once per JVM with the model.
     *
     * @return the recommender
     */
    public Recommender recommender() {
        return loaded().recommender;
    }

    /**
     * Returns how many times this JVM has loaded this model: 0 before first use, then 1 however
     * many tasks and threads used it.
     *
     * @return the number of loads in this JVM
     */
    public int loadsInThisJvm() {
        AtomicInteger n = LOADS.get(checksum);
        return n == null ? 0 : n.get();
    }

    /**
     * Returns the model's exact screen ({@link NcfModel#openScreen()}), opened at the first call in this
     * JVM and shared by every later task and thread; the caller must not close it. It lives as long as
     * the loaded model, that is the JVM.
     *
     * @return the JVM's screen of this model
     */
    @Override
    public Optional<ExactScreen> screen() {
        return Optional.of(loaded().screen(null));
    }

    /**
     * Returns the model's exact screen as {@link #screen()} does; if this call opens it, it is opened
     * with {@link NcfModel#openScreen(int[])}, its items in the given order (evaluation passes the
     * first partition's popularity order, so that full ranking cut at K stops after few items). The
     * order does not change any rank.
     *
     * @param itemOrder every item index once
     * @return the JVM's screen of this model
     */
    @Override
    public Optional<ExactScreen> screen(int[] itemOrder) {
        return Optional.of(loaded().screen(itemOrder));
    }

    /**
     * Returns how many times this JVM has opened this model's exact screen: 0 before the first
     * evaluation, then 1 however many partitions, tasks and threads ranked through it.
     *
     * @return the number of screens opened in this JVM
     */
    public int screensInThisJvm() {
        AtomicInteger n = SCREENS.get(checksum);
        return n == null ? 0 : n.get();
    }

    private Loaded loaded() {
        return LOADED.computeIfAbsent(checksum, key -> {
            if (intraOpThreads > 0) {
                // The caller's explicit opt-in: torch's intra-op thread count only, nothing else process-wide.
                ProcessTuning.builder().allocator(false).mklAvx512(false).offline(false).threads(intraOpThreads)
                        .build().apply();
            }
            try {
                Path dir = Files.createTempDirectory("ncf-model-" + key.substring(0, 12) + "-");
                for (Map.Entry<String, byte[]> f : files.value().contents().entrySet()) {
                    Path target = dir.resolve(f.getKey());
                    Files.createDirectories(target.getParent());
                    target.getParent().toFile().deleteOnExit();
                    Files.write(target, f.getValue());
                    target.toFile().deleteOnExit();
                }
                dir.toFile().deleteOnExit();
                NcfModel model = NcfModel.load(dir);
                LOADS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return new Loaded(key, model, Recommender.builder(model).build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the broadcast model " + key, e);
            }
        });
    }

    @Override
    public String toString() {
        return "NcfModelSource{sha256=" + checksum.substring(0, 12) + "..., intraOpThreads="
                + (intraOpThreads > 0 ? intraOpThreads : "unchanged") + "}";
    }

    /** The files of a model directory, by name. */
    private record ModelFiles(Map<String, byte[]> contents) implements java.io.Serializable {
    }

    /**
     * A model loaded in this JVM, with its recommender and its screen (opened at first use, since the
     * recommender keeps its own and only evaluation needs this one); kept for the JVM's life.
     */
    private static final class Loaded {
        private final String checksum;
        private final NcfModel model;
        private final Recommender recommender;
        private volatile ExactScreen screen;

        Loaded(String checksum, NcfModel model, Recommender recommender) {
            this.checksum = checksum;
            this.model = model;
            this.recommender = recommender;
        }

        ExactScreen screen(int[] itemOrder) {
            ExactScreen s = screen;
            if (s == null) {
                synchronized (this) {
                    if (screen == null) {
                        screen = itemOrder == null ? model.openScreen() : model.openScreen(itemOrder);
                        SCREENS.computeIfAbsent(checksum, k -> new AtomicInteger()).incrementAndGet();
                    }
                    s = screen;
                }
            }
            return s;
        }
    }
}
