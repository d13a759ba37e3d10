package io.github.ncf.examples.cli;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.movielens.ItemCatalog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keeps item titles beside a saved model, so that {@code ncf recommend} shows titles without the
 * original data: a UTF-8 file {@value #FILE} with one line per described item, {@code
 * rawId<TAB>title<TAB>genre|genre}.
 */
final class Catalogs {

    /** The file name inside a saved model's folder. */
    static final String FILE = "item-titles.tsv";

    private Catalogs() {
    }

    /**
     * Writes the titles of the model's items that the catalog describes.
     *
     * @param catalog the catalog
     * @param items the model's items
     * @param file the file
     * @return the number of items written
     * @throws IOException if writing fails
     */
    static int write(ItemCatalog catalog, IdMapping items, Path file) throws IOException {
        int written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < items.size(); i++) {
                Optional<ItemCatalog.Item> item = catalog.find(items, i);
                if (item.isEmpty()) {
                    continue;
                }
                ItemCatalog.Item it = item.get();
                w.write(clean(it.rawId()) + "\t" + clean(it.title()) + "\t" + clean(String.join("|", it.genres())));
                w.newLine();
                written++;
            }
        }
        return written;
    }

    /**
     * Reads titles written by {@link #write}; a model saved without titles gives an empty catalog.
     *
     * @param file the file
     * @return the catalog
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming file and line if a line lacks its fields
     */
    static ItemCatalog read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return ItemCatalog.empty();
        }
        List<ItemCatalog.Item> items = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": expected 3 tab-separated fields "
                        + "(id, title, genres), got " + f.length + ": \"" + line + "\"");
            }
            List<String> genres = f[2].isEmpty() ? List.of() : Arrays.asList(f[2].split("\\|"));
            items.add(new ItemCatalog.Item(f[0], f[1], genres));
        }
        return ItemCatalog.of(items);
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
