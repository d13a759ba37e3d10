package io.github.ncf.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A saved model's directory as one atomic unit: a save is seen by readers completely or not at all,
 * and {@code kill -9} at any moment of a save over an existing model leaves the old model or the new
 * one.
 *
 * <p>{@code ModelDirectory.save(dir, entries, data -> writeFiles(data))} writes the scheme below;
 * {@link #open(Path)} and {@link #verifyFiles} read it back with every file verified.
 *
 * <p>The scheme (format version 2): the directory the user names holds one manifest, {@value
 * #MANIFEST}, and one data subdirectory {@code ncf-data-N} with the model's files. The manifest
 * names the subdirectory and records the size and CRC32C of every file in it, and ends with a CRC32C
 * of its own preceding bytes. A save
 * <ol>
 *   <li>writes the files into a new, uniquely named subdirectory, forces each file and the
 *       subdirectory to disk;</li>
 *   <li>writes the new manifest to {@code ncf-model.properties.tmp} and forces it;</li>
 *   <li>renames it over {@value #MANIFEST} (an atomic rename on POSIX and on NTFS) and forces the
 *       directory: this one step switches readers from the old model to the new one;</li>
 *   <li>deletes the old subdirectory, and the files a format-1 save left at the top level.</li>
 * </ol>
 * A crash before step 3 leaves the old manifest naming the old, untouched subdirectory; after it,
 * the new manifest names a complete subdirectory. Leftovers of an interrupted save are ignored by
 * loading and removed by the next save. A reader that read the old manifest just before a save
 * deleted the old subdirectory retries with the new manifest (up to five reads in all). Saves
 * into one directory are serialised by a lock on {@value #LOCK_FILE}, which stays in the
 * directory.
 *
 * <p>Format-1 directories (the files at the top level, no checksums) still load; saving over one
 * replaces it as above. A save refuses a path that is a regular file, or a non-empty directory
 * that holds neither a manifest nor only the leftovers of an interrupted save.
 */
final class ModelDirectory {

    /** The manifest: format, version, the data subdirectory, sizes and checksums, the model's properties. */
    static final String MANIFEST = "ncf-model.properties";
    static final String LOCK_FILE = "ncf-model.lock";
    static final String DATA_PREFIX = "ncf-data-";
    private static final String MANIFEST_TMP = MANIFEST + ".tmp";
    private static final String FORMAT_NAME = "ncf-model";
    /** The key of the manifest's last line: the CRC32C of every byte before that line. */
    static final String MANIFEST_CHECKSUM_KEY = "manifest.crc32c";
    private static final String DATA_KEY = "data";
    private static final String FILE_KEY = "file.";
    /** File names that only a format-1 save wrote at a model directory's top level. */
    private static final Set<String> V1_FILES = Set.of("users.txt", "items.txt", "train-items.txt",
            "item-counts.txt");

    /**
     * Test-only hook called at each step of a save with the step's name, so a test can stop a
     * child process at a chosen moment; never set outside tests.
     */
    static volatile Consumer<String> savePointHook = point -> { };

    /** How long a save waits for another process's save into the same directory. */
    private static final long LOCK_WAIT_MILLIS = 120_000;

    /** Saves in one JVM are serialised here; the file lock serialises them across processes. */
    private static final Object SAVE_LOCK = new Object();

    /** Writes a model's files into a fresh data subdirectory. */
    @FunctionalInterface
    interface DataWriter {
        /**
         * Writes the files.
         *
         * @param dataDir the new, empty subdirectory
         * @throws IOException if writing fails
         */
        void write(Path dataDir) throws IOException;
    }

    /** A manifest read and verified by {@link #open(Path)}. */
    static final class Snapshot {
        final Path dir;
        final Path manifest;
        final Properties properties;
        final int version;
        /** Where the model's files are: the data subdirectory (version 2) or {@code dir} (version 1). */
        final Path files;

        Snapshot(Path dir, Path manifest, Properties properties, int version, Path files) {
            this.dir = dir;
            this.manifest = manifest;
            this.properties = properties;
            this.version = version;
            this.files = files;
        }
    }

    private ModelDirectory() {
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves atomically: see the class comment.
     *
     * @param dir the model directory; created with its parents if missing
     * @param entries the model's manifest entries (without format, version, data and files)
     * @param writer writes the files into the new data subdirectory
     * @throws FileAlreadyExistsException if {@code dir} is a regular file or a foreign non-empty
     *     directory
     * @throws IOException if writing fails; the previous model is then still in place
     */
    static void save(Path dir, Map<String, String> entries, DataWriter writer) throws IOException {
        checkTarget(dir);
        Files.createDirectories(dir);
        synchronized (SAVE_LOCK) {
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lock(dir, lockChannel)) {
                saveLocked(dir, entries, writer);
            }
        }
    }

    /** Takes the directory's save lock, waiting at most {@link #LOCK_WAIT_MILLIS}. */
    private static FileLock lock(Path dir, FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT_MILLIS * 1_000_000L;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(dir.resolve(LOCK_FILE) + ": another process has been saving"
                        + " a model into " + dir + " for " + LOCK_WAIT_MILLIS / 1000
                        + " s (it holds this lock); try again when it is done");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for "
                        + dir.resolve(LOCK_FILE));
            }
        }
    }

    private static void saveLocked(Path dir, Map<String, String> entries, DataWriter writer)
            throws IOException {
        checkTarget(dir);
        removeLeftovers(dir, currentDataName(dir), false);
        Path data = newDataDir(dir);
        hook("data-created");
        Map<String, String> manifest = new TreeMap<>(entries);
        try {
            writer.write(data);
            hook("data-written");
            try (DirectoryStream<Path> files = Files.newDirectoryStream(data)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    force(file);
                    manifest.put(FILE_KEY + name + ".size", Long.toString(Files.size(file)));
                    manifest.put(FILE_KEY + name + ".crc32c", crc32c(file));
                }
            }
            force(data);
            hook("data-synced");
        } catch (IOException | RuntimeException e) {
            deleteTree(data);
            throw e;
        }
        manifest.put("format", FORMAT_NAME);
        manifest.put("formatVersion", Integer.toString(ModelFormat.FORMAT_VERSION));
        manifest.put(DATA_KEY, data.getFileName().toString());
        Path tmp = dir.resolve(MANIFEST_TMP);
        Files.write(tmp, manifestBytes(manifest));
        force(tmp);
        hook("manifest-written");
        Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        force(dir);
        hook("swapped");
        removeLeftovers(dir, data.getFileName().toString(), true);
        hook("cleaned");
    }

    /**
     * Creates a data subdirectory with a name not used before in {@code dir}, with the default
     * permissions (a temporary directory would be readable by its owner only).
     */
    private static Path newDataDir(Path dir) throws IOException {
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        for (int k = 0; ; k++) {
            try {
                return Files.createDirectory(dir.resolve(DATA_PREFIX + stamp + "-" + k));
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier save in the same millisecond; try the next number
            }
        }
    }

    private static void hook(String point) {
        savePointHook.accept(point);
    }

    /** Refuses a regular file, and a non-empty directory that is not an ncf model's. */
    private static void checkTarget(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null,
                    "is a file, not an ncf model directory; a model is saved as a directory");
        }
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            String text = new String(Files.readAllBytes(manifest), StandardCharsets.ISO_8859_1);
            if (!text.contains("format=" + FORMAT_NAME)) {
                throw new FileAlreadyExistsException(dir.toString(), null, "holds a " + MANIFEST
                        + " that is not an ncf model's; refusing to replace it");
            }
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(name -> !isSaveLeftover(name)).sorted().limit(3).toList();
            if (!foreign.isEmpty()) {
                throw new FileAlreadyExistsException(dir.toString(), null,
                        "is a non-empty directory that holds no ncf model (it holds " + foreign
                                + "); save into a new or empty directory");
            }
        }
    }

    private static boolean isSaveLeftover(String name) {
        return name.startsWith(DATA_PREFIX) || name.equals(MANIFEST_TMP) || name.equals(LOCK_FILE);
    }

    /** @return the data subdirectory the current manifest names, or null */
    private static String currentDataName(Path dir) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        Properties props = new Properties();
        try {
            props.load(new StringReader(Files.readString(manifest, StandardCharsets.ISO_8859_1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return props.getProperty(DATA_KEY);
    }

    /**
     * Deletes data subdirectories other than {@code keep} and a stray temporary manifest; with
     * {@code formatOneFiles}, also the files a format-1 save wrote at the top level. What ncf did
     * not write is left alone.
     */
    private static void removeLeftovers(Path dir, String keep, boolean formatOneFiles)
            throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean oldData = name.startsWith(DATA_PREFIX) && !name.equals(keep);
                boolean v1File = formatOneFiles && Files.isRegularFile(entry,
                        LinkOption.NOFOLLOW_LINKS)
                        && (V1_FILES.contains(name) || name.endsWith("-0000.params"));
                if (oldData || v1File || name.equals(MANIFEST_TMP)) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Forces a file's or directory's contents and metadata to the device. */
    private static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory to force it; its entries are then
            // made durable by the file system's own journal.
            if (!Files.isDirectory(path)) {
                throw e;
            }
        }
    }

    /** The manifest's bytes: sorted properties, then the checksum line of the bytes before it. */
    static byte[] manifestBytes(Map<String, String> entries) throws IOException {
        Properties props = new Properties() {
            @Override
            public Set<Map.Entry<Object, Object>> entrySet() {
                Set<Map.Entry<Object, Object>> sorted = new TreeSet<>(
                        Comparator.comparing(e -> e.getKey().toString()));
                sorted.addAll(super.entrySet());
                return sorted;
            }
        };
        props.putAll(entries);
        StringWriter text = new StringWriter();
        props.store(text, "ncf model");
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        String line = MANIFEST_CHECKSUM_KEY + "=" + hex(crc.getValue()) + "\n";
        byte[] out = new byte[body.length + line.length()];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(line.getBytes(StandardCharsets.ISO_8859_1), 0, out, body.length,
                line.length());
        return out;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads the manifest and, for format 2, verifies its own checksum; {@link #verifyFiles} checks
     * the files it lists.
     *
     * @param dir the model directory
     * @return the verified manifest
     * @throws IOException naming the manifest if it is missing, corrupt, malformed or of an unknown
     *     version
     */
    static Snapshot open(Path dir) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifest);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(manifest.toString(), null,
                    "not a saved ncf model: " + MANIFEST + " is missing");
        }
        boolean checked = verifyManifestChecksum(manifest, bytes);
        Properties props = new Properties();
        try {
            props.load(new StringReader(
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()));
        } catch (CharacterCodingException e) {
            throw new IOException(manifest + ": not UTF-8 text", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(manifest + ": not a properties file: " + e.getMessage(), e);
        }
        if (!FORMAT_NAME.equals(props.getProperty("format"))) {
            throw new IOException(manifest + ": property format must be " + FORMAT_NAME + ", got "
                    + props.getProperty("format"));
        }
        String versionText = String.valueOf(props.getProperty("formatVersion")).trim();
        int version;
        try {
            version = Integer.parseInt(versionText);
        } catch (NumberFormatException e) {
            throw new IOException(manifest + ": property formatVersion must be an integer, got \""
                    + versionText + "\"", e);
        }
        if (version == 1) {
            return new Snapshot(dir, manifest, props, 1, dir);
        }
        if (version != ModelFormat.FORMAT_VERSION) {
            throw new IOException(manifest + ": unsupported formatVersion " + version
                    + "; this version of ncf reads versions 1 to " + ModelFormat.FORMAT_VERSION
                    + (version > ModelFormat.FORMAT_VERSION ? " (saved by a newer ncf?)" : ""));
        }
        if (!checked) {
            throw new IOException(manifest + ": the last line must be " + MANIFEST_CHECKSUM_KEY
                    + "=<crc32c>; the file is cut short or has bytes appended");
        }
        String data = props.getProperty(DATA_KEY, "");
        if (!data.startsWith(DATA_PREFIX) || !data.matches("[A-Za-z0-9._-]+")) {
            throw new IOException(manifest + ": property " + DATA_KEY + " must name an "
                    + DATA_PREFIX + "* subdirectory, got \"" + data + "\"");
        }
        return new Snapshot(dir, manifest, props, version, dir.resolve(data));
    }

    /**
     * Verifies the size and checksum of every file a format-2 manifest lists, and that it lists
     * each of {@code required}; a format-1 snapshot has nothing to verify.
     *
     * @param snapshot the manifest read by {@link #open(Path)}
     * @param required the file names the model needs
     * @throws IOException naming the first file that is missing, unlisted or differs
     */
    static void verifyFiles(Snapshot snapshot, List<String> required) throws IOException {
        if (snapshot.version == 1) {
            return;
        }
        Properties props = snapshot.properties;
        for (String name : required) {
            if (props.getProperty(FILE_KEY + name + ".size") == null) {
                throw new IOException(snapshot.manifest + ": lists no " + name + " (property "
                        + FILE_KEY + name + ".size is missing)");
            }
        }
        for (String name : listedFiles(snapshot)) {
            verifyFile(snapshot.manifest, snapshot.files.resolve(name), props);
        }
    }

    /**
     * Returns the names of the files a format-2 manifest lists, sorted; none for format 1.
     *
     * @param snapshot the manifest read by {@link #open(Path)}
     * @return the file names
     */
    static List<String> listedFiles(Snapshot snapshot) {
        if (snapshot.version == 1) {
            return List.of();
        }
        return new TreeSet<>(snapshot.properties.stringPropertyNames()).stream()
                .filter(key -> key.startsWith(FILE_KEY) && key.endsWith(".size"))
                .map(key -> key.substring(FILE_KEY.length(), key.length() - ".size".length()))
                .toList();
    }

    /**
     * Checks that a file the manifest lists is there with the recorded size and CRC32C.
     *
     * @throws IOException naming the file
     */
    private static void verifyFile(Path manifest, Path file, Properties props) throws IOException {
        String name = file.getFileName().toString();
        String sizeText = props.getProperty(FILE_KEY + name + ".size");
        String crcText = props.getProperty(FILE_KEY + name + ".crc32c");
        if (crcText == null) {
            throw new IOException(manifest + ": property " + FILE_KEY + name + ".crc32c is missing");
        }
        long size;
        try {
            size = Long.parseLong(sizeText.trim());
        } catch (NumberFormatException e) {
            throw new IOException(manifest + ": property " + FILE_KEY + name
                    + ".size must be an integer, got \"" + sizeText + "\"", e);
        }
        long actual;
        try {
            actual = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "is missing (the manifest lists it)");
        }
        if (actual != size) {
            throw new IOException(file + ": " + actual + " bytes, the manifest records " + size
                    + (actual < size ? " (truncated)" : " (bytes appended)"));
        }
        String crc = crc32c(file);
        if (!crc.equals(crcText.trim().toLowerCase(Locale.ROOT))) {
            throw new IOException(file + ": CRC32C " + crc + " differs from the manifest's "
                    + crcText.trim() + "; the file was changed or corrupted after saving");
        }
    }

    /**
     * Verifies the manifest's own checksum line when it has one.
     *
     * @return true if the last line is a checksum line and it matches
     * @throws IOException if the checksum line does not match, or is followed by more bytes
     */
    private static boolean verifyManifestChecksum(Path manifest, byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String marker = MANIFEST_CHECKSUM_KEY + "=";
        int at = text.lastIndexOf(marker);
        if (at < 0 || (at > 0 && text.charAt(at - 1) != '\n')) {
            return false;
        }
        String line = text.substring(at + marker.length());
        if (!line.matches("[0-9a-f]{8}\n")) {
            throw new IOException(manifest + ": bytes follow or replace the checksum line "
                    + MANIFEST_CHECKSUM_KEY + " (appended to or corrupted after saving)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, at);
        String expected = line.substring(0, 8);
        if (!hex(crc.getValue()).equals(expected)) {
            throw new IOException(manifest + ": CRC32C " + hex(crc.getValue())
                    + " differs from its recorded " + expected
                    + "; the manifest was changed or corrupted after saving");
        }
        return true;
    }

    /**
     * Returns whether a failed read of {@code snapshot} may be a save that replaced the model
     * meanwhile: the manifest now names another data subdirectory.
     */
    static boolean replacedSince(Snapshot snapshot) {
        if (snapshot.version == 1) {
            return false;
        }
        try {
            String now = currentDataName(snapshot.dir);
            return now != null && !now.equals(snapshot.properties.getProperty(DATA_KEY));
        } catch (IOException e) {
            return false;
        }
    }

    static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return hex(crc.getValue());
    }

    private static String hex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }
}
