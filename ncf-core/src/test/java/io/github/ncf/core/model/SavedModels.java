package io.github.ncf.core.model;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reaches into saved model directories for tests: the data subdirectory, and re-sealing after edits. */
final class SavedModels {

    private SavedModels() {
    }

    /** @return the one data subdirectory of a format-2 model directory */
    static Path dataDir(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> data = entries.filter(p -> p.getFileName().toString()
                    .startsWith(ModelDirectory.DATA_PREFIX)).toList();
            if (data.size() != 1) {
                throw new IllegalStateException(dir + " holds " + data.size() + " data directories");
            }
            return data.get(0);
        }
    }

    /** @return every file of a saved model: the manifest, then the data files, sorted */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(ModelDirectory.LOCK_FILE))
                    .sorted().toList();
        }
    }

    /**
     * Rewrites the manifest as a save would have written it for the data files as they are now,
     * with {@code overrides} applied: a model that is wrong but whose checksums agree, to test the
     * checks behind them.
     */
    static void reseal(Path dir, Map<String, String> overrides) throws IOException {
        Path manifest = dir.resolve(ModelDirectory.MANIFEST);
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        Properties props = new Properties();
        props.load(new StringReader(text));
        Map<String, String> entries = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            entries.put(key, props.getProperty(key));
        }
        entries.remove(ModelDirectory.MANIFEST_CHECKSUM_KEY);
        Path data = dir.resolve(entries.get("data"));
        for (String key : List.copyOf(entries.keySet())) {
            if (key.startsWith("file.") && key.endsWith(".size")) {
                String name = key.substring(5, key.length() - 5);
                Path file = data.resolve(name);
                entries.put(key, Long.toString(Files.size(file)));
                entries.put("file." + name + ".crc32c", ModelDirectory.crc32c(file));
            }
        }
        entries.putAll(overrides);
        Files.write(manifest, ModelDirectory.manifestBytes(entries));
    }

    static void reseal(Path dir) throws IOException {
        reseal(dir, Map.of());
    }
}
