package io.github.ncf.examples.cli;

import io.github.ncf.core.model.NcfModel;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.movielens.ItemCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keeps item titles with a saved model, so that {@code ncf recommend} shows titles without the
 * original data: a UTF-8 text, {@value #FILE}, with one line per described item, {@code
 * rawId<TAB>title<TAB>genre|genre}, saved as an attachment of the model ({@link
 * NcfModel#putAttachment}) under the model's checksums and atomic save. Models saved before titles
 * were attachments kept the file beside the manifest; {@link #of(NcfModel, Path)} still reads it.
 */
final class Catalogs {

    /** The attachment's name, and the name of the file older saves wrote beside the manifest. */
    static final String FILE = "item-titles.tsv";

    private Catalogs() {
    }

    /**
     * Attaches the titles of the model's items that the catalog describes to the model.
     *
     * @param catalog the catalog
     * @param model the model, saved afterwards
     * @return the number of items written
     */
    static int attach(ItemCatalog catalog, NcfModel model) {
        IdMapping items = model.itemIds();
        StringBuilder text = new StringBuilder();
        int written = 0;
        for (int i = 0; i < items.size(); i++) {
            Optional<ItemCatalog.Item> item = catalog.find(items, i);
            if (item.isEmpty()) {
                continue;
            }
            ItemCatalog.Item it = item.get();
            text.append(clean(it.rawId())).append('\t').append(clean(it.title())).append('\t')
                    .append(clean(String.join("|", it.genres()))).append('\n');
            written++;
        }
        if (written > 0) {
            model.putAttachment(FILE, text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return written;
    }

    /**
     * Returns the titles saved with a model: its attachment, or for a model saved before titles were
     * attachments the file beside its manifest; a model saved without titles gives an empty catalog.
     *
     * @param model the loaded model
     * @param dir the folder it was loaded from
     * @return the catalog
     * @throws IOException if the older file cannot be read
     * @throws IllegalArgumentException naming the source and line if a line lacks its fields
     */
    static ItemCatalog of(NcfModel model, Path dir) throws IOException {
        Optional<byte[]> attached = model.attachment(FILE);
        if (attached.isPresent()) {
            return parse(new String(attached.get(), StandardCharsets.UTF_8),
                    dir + " (attachment " + FILE + ")");
        }
        Path legacy = dir.resolve(FILE);
        if (!Files.isRegularFile(legacy)) {
            return ItemCatalog.empty();
        }
        return parse(Files.readString(legacy, StandardCharsets.UTF_8), legacy.toString());
    }

    private static ItemCatalog parse(String text, String source) {
        List<ItemCatalog.Item> items = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException(source + " line " + (n + 1) + ": expected 3 tab-separated "
                        + "fields (id, title, genres), got " + f.length + ": \"" + line + "\"");
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
