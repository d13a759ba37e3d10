package io.github.ncf.data.movielens;

import ai.djl.util.ZipUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files of a MovieLens release, trying in turn: an explicit directory; the folder named
 * by {@code NCF_DATA_DIR} (system property {@code ncf.data.dir} first, then the environment
 * variable); the local cache ({@code ncf.cache.dir}, default {@code $HOME/.ncf/data}, where {@code
 * $HOME} is the environment variable when set and the {@code user.home} property otherwise); and
 * finally a
 * download of the official GroupLens archive into the cache.
 *
 * <p>A download is written to a temporary file in the cache, its MD5 checked against GroupLens's
 * published value (releases without a fixed checksum, the "latest" ones, are checked by size and
 * structure only), unpacked into a temporary folder, checked to hold the ratings and item files, and
 * only then moved atomically to {@code <cache>/<folder>}, so a failed or interrupted download never
 * leaves a half-written dataset behind. When nothing works, the {@link IOException} names all three
 * ways of providing the files and what was tried.
 *
 * <p>DJL's {@code DownloadUtils} is not used because it sets no timeouts and checks nothing; DJL's
 * {@link ZipUtils} unpacks (it rejects entries that escape the target folder).
 *
 * <pre>{@code
 * Path dir = DataSource.builder().build().resolve(MovieLensVariant.ML_100K);
 * MovieLensData ml = DataSource.builder().directory(Path.of("data/ml-100k")).build()
 *         .load(MovieLensVariant.ML_100K);
 * }</pre>
 */
public final class DataSource {

    /** The environment variable naming a folder that holds dataset folders such as {@code ml-100k/}. */
    public static final String ENV = "NCF_DATA_DIR";
    /** The system property that overrides {@link #ENV}. */
    public static final String PROPERTY = "ncf.data.dir";
    /** The system property naming the cache folder. */
    public static final String CACHE_PROPERTY = "ncf.cache.dir";

    private static final Logger LOG = LoggerFactory.getLogger(DataSource.class);

    private final Path directory;
    private final Path dataDir;
    private final Path cacheDir;
    private final boolean download;
    private final String baseUrl;
    private final int timeoutMillis;

    private DataSource(Builder b) {
        this.directory = b.directory;
        this.dataDir = b.dataDir != null ? b.dataDir : b.useEnvironment ? fromEnvironment() : null;
        this.cacheDir = b.cacheDir != null ? b.cacheDir : defaultCache();
        this.download = b.download;
        this.baseUrl = b.baseUrl;
        this.timeoutMillis = b.timeoutMillis;
    }

    private static Path fromEnvironment() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV);
        }
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static Path defaultCache() {
        return defaultCache(System.getProperty(CACHE_PROPERTY), System.getenv("HOME"),
                System.getProperty("user.home"));
    }

    /**
     * The cache folder: {@code -Dncf.cache.dir}, else {@code $HOME/.ncf/data}, else {@code
     * user.home}'s. {@code $HOME} comes before {@code user.home} because the JVM fixes {@code
     * user.home} from the password database at start-up, so a program run with another {@code HOME}
     * (a service account, a container, a test) would otherwise write where its user did not ask.
     */
    static Path defaultCache(String cacheProperty, String homeEnv, String userHome) {
        if (cacheProperty != null && !cacheProperty.isBlank()) {
            return Path.of(cacheProperty);
        }
        String home = homeEnv != null && !homeEnv.isBlank() ? homeEnv : userHome;
        return Path.of(home, ".ncf", "data");
    }

    /**
     * Returns a builder: no explicit directory, {@code NCF_DATA_DIR} from the system property or
     * environment, the default cache, downloads allowed from GroupLens.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the cache folder in use.
     *
     * @return the cache folder
     */
    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * Finds (or downloads) the folder holding a release's files.
     *
     * @param variant the release
     * @return the folder holding its ratings and item files
     * @throws IOException if the files are nowhere and the download fails; the message names the
     *     three ways of providing them
     */
    public Path resolve(MovieLensVariant variant) throws IOException {
        Objects.requireNonNull(variant, "variant");
        List<String> tried = new ArrayList<>();
        if (directory != null) {
            Path found = holder(directory, variant);
            if (found != null) {
                return found;
            }
            throw new IOException(variant.id() + ": the directory given, " + directory + ", holds no "
                    + files(variant) + " (nor does " + directory.resolve(variant.folder()) + ")");
        }
        if (dataDir != null) {
            Path found = holder(dataDir, variant);
            if (found != null) {
                return found;
            }
            tried.add(ENV + "=" + dataDir + " (no " + variant.folder() + "/" + variant.layout().ratingsFile() + ")");
        } else {
            tried.add(ENV + " is not set");
        }
        Path cached = cacheDir.resolve(variant.folder());
        if (holds(cached, variant)) {
            return cached;
        }
        tried.add("cache " + cached + " is empty");
        if (!download) {
            throw notFound(variant, tried, "downloads are switched off");
        }
        try {
            return downloadInto(variant);
        } catch (IOException | RuntimeException e) {
            IOException error = notFound(variant, tried, "download of " + url(variant) + " failed: " + e);
            error.addSuppressed(e);
            throw error;
        }
    }

    /**
     * Finds (or downloads) a release and reads it with every rating a positive.
     *
     * @param variant the release
     * @return the data
     * @throws IOException if the files cannot be found, downloaded or read
     */
    public MovieLensData load(MovieLensVariant variant) throws IOException {
        return MovieLensReader.read(variant, resolve(variant));
    }

    private IOException notFound(MovieLensVariant variant, List<String> tried, String last) {
        return new IOException("MovieLens " + variant.id() + " not found (" + String.join("; ", tried) + "; "
                + last + "). Provide " + files(variant) + " in one of three ways: "
                + "(1) pass the folder explicitly (DataSource.builder().directory(path)); "
                + "(2) set " + ENV + " (or -D" + PROPERTY + ") to a folder holding " + variant.folder() + "/; "
                + "(3) put the folder at " + cacheDir.resolve(variant.folder()) + " (the cache, -D"
                + CACHE_PROPERTY + "), or unzip " + url(variant) + " there.");
    }

    private static String files(MovieLensVariant variant) {
        return variant.layout().ratingsFile() + " and " + variant.layout().itemsFile();
    }

    private String url(MovieLensVariant variant) {
        return baseUrl + variant.id() + ".zip";
    }

    private static Path holder(Path dir, MovieLensVariant variant) {
        if (holds(dir, variant)) {
            return dir;
        }
        Path sub = dir.resolve(variant.folder());
        return holds(sub, variant) ? sub : null;
    }

    private static boolean holds(Path dir, MovieLensVariant variant) {
        return Files.isRegularFile(dir.resolve(variant.layout().ratingsFile()))
                && Files.isRegularFile(dir.resolve(variant.layout().itemsFile()));
    }

    private Path downloadInto(MovieLensVariant variant) throws IOException {
        Files.createDirectories(cacheDir);
        Path target = cacheDir.resolve(variant.folder());
        Path archive = Files.createTempFile(cacheDir, variant.id() + "-", ".zip.part");
        Path unpacked = null;
        try {
            LOG.info("Downloading {} into {}", url(variant), cacheDir);
            String md5 = fetch(URI.create(url(variant)).toURL(), archive);
            long size = Files.size(archive);
            if (variant.archiveBytes() > 0 && size != variant.archiveBytes()) {
                throw new IOException(url(variant) + ": got " + size + " bytes, the official archive has "
                        + variant.archiveBytes());
            }
            if (variant.md5().isPresent() && !variant.md5().get().equals(md5)) {
                throw new IOException(url(variant) + ": MD5 " + md5 + " differs from the published "
                        + variant.md5().get());
            }
            if (variant.md5().isEmpty()) {
                LOG.warn("{} has no fixed published checksum; verified its structure only (MD5 {})",
                        variant.id(), md5);
            }
            unpacked = Files.createTempDirectory(cacheDir, variant.id() + "-unzip-");
            try (InputStream in = Files.newInputStream(archive)) {
                ZipUtils.unzip(in, unpacked);
            }
            Path folder = unpacked.resolve(variant.folder());
            if (!holds(folder, variant)) {
                throw new IOException(url(variant) + ": the archive does not hold " + variant.folder() + "/"
                        + variant.layout().ratingsFile() + " and " + variant.folder() + "/"
                        + variant.layout().itemsFile());
            }
            try {
                Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // Another process finished the same download first; use its copy if complete.
                if (!holds(target, variant)) {
                    throw e;
                }
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot move " + folder + " atomically to " + target, e);
            }
            return target;
        } finally {
            Files.deleteIfExists(archive);
            if (unpacked != null) {
                deleteTree(unpacked);
            }
        }
    }

    private String fetch(URL url, Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
        URLConnection connection = url.openConnection();
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
                OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return "DataSource{directory=" + directory + ", " + ENV + "=" + dataDir + ", cache=" + cacheDir
                + ", download=" + (download ? baseUrl : "off") + "}";
    }

    /** Configures a {@link DataSource}; reusable after {@link #build()}. */
    public static final class Builder {

        private Path directory;
        private Path dataDir;
        private boolean useEnvironment = true;
        private Path cacheDir;
        private boolean download = true;
        private String baseUrl = MovieLensVariant.BASE_URL;
        private int timeoutMillis = 30_000;

        private Builder() {
        }

        /**
         * Uses this folder and nothing else: it must hold the release's files itself or in a
         * sub-folder named like the release ({@code ml-100k}).
         *
         * @param directory the folder
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory must not be null");
            return this;
        }

        /**
         * Sets the folder that holds dataset folders, in place of {@code NCF_DATA_DIR}.
         *
         * @param dataDir the folder
         * @return this builder
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir must not be null");
            return this;
        }

        /**
         * Sets whether {@code NCF_DATA_DIR} and {@code -Dncf.data.dir} are consulted; default true.
         *
         * @param use false to ignore them (tests do)
         * @return this builder
         */
        public Builder useEnvironment(boolean use) {
            this.useEnvironment = use;
            return this;
        }

        /**
         * Sets the cache folder; default {@code -Dncf.cache.dir}, else {@code $HOME/.ncf/data} with
         * {@code $HOME} the environment variable when set, else the {@code user.home} property.
         *
         * @param cacheDir the folder
         * @return this builder
         */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir must not be null");
            return this;
        }

        /**
         * Sets whether a missing release may be downloaded; default true.
         *
         * @param download false to fail instead
         * @return this builder
         */
        public Builder download(boolean download) {
            this.download = download;
            return this;
        }

        /**
         * Sets where archives are downloaded from, ending in {@code /}; default GroupLens. Tests use a
         * {@code file:} URL or a local server.
         *
         * @param baseUrl the base address
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            if (baseUrl == null || !baseUrl.endsWith("/")) {
                throw new IllegalArgumentException("baseUrl must end with \"/\", got " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * Sets the connect and read timeout of downloads; default 30,000 ms.
         *
         * @param millis at least 1
         * @return this builder
         */
        public Builder timeoutMillis(int millis) {
            if (millis < 1) {
                throw new IllegalArgumentException("timeoutMillis must be >= 1, got " + millis);
            }
            this.timeoutMillis = millis;
            return this;
        }

        /**
         * Builds the source.
         *
         * @return the source
         */
        public DataSource build() {
            return new DataSource(this);
        }
    }
}
