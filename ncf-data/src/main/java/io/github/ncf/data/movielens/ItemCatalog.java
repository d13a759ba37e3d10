package io.github.ncf.data.movielens;

import io.github.ncf.data.IdMapping;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Titles and genres of items by raw id, kept for showing recommendations; read from {@code u.item},
 * {@code movies.dat} or {@code movies.csv}. Immutable.
 *
 * <pre>{@code
 * ItemCatalog catalog = MovieLensReader.read(MovieLensVariant.ML_100K, dir).catalog();
 * String title = catalog.title("50");   // "Star Wars (1977)"
 * }</pre>
 */
public final class ItemCatalog {

    /**
     * One catalog entry.
     *
     * @param rawId the item's raw id as in the files
     * @param title the title, with the year in parentheses as MovieLens writes it
     * @param genres the genres, possibly empty
     */
    public record Item(String rawId, String title, List<String> genres) {

        /**
         * Checks and copies the components.
         *
         * @param rawId the raw id
         * @param title the title
         * @param genres the genres
         */
        public Item {
            Objects.requireNonNull(rawId, "rawId");
            Objects.requireNonNull(title, "title");
            genres = List.copyOf(genres);
        }
    }

    private static final ItemCatalog EMPTY = new ItemCatalog(Map.of());

    private final Map<String, Item> items;

    private ItemCatalog(Map<String, Item> items) {
        this.items = items;
    }

    /**
     * Creates a catalog of the given entries, in their order.
     *
     * @param entries the items
     * @return the catalog
     * @throws IllegalArgumentException if a raw id occurs twice
     */
    public static ItemCatalog of(Collection<Item> entries) {
        Map<String, Item> map = new LinkedHashMap<>();
        for (Item item : entries) {
            if (map.putIfAbsent(item.rawId(), item) != null) {
                throw new IllegalArgumentException("duplicate item id \"" + item.rawId() + "\" in catalog");
            }
        }
        return new ItemCatalog(Collections.unmodifiableMap(map));
    }

    /**
     * Returns the empty catalog, for data read without item metadata.
     *
     * @return the empty catalog
     */
    public static ItemCatalog empty() {
        return EMPTY;
    }

    /**
     * Returns the number of items described.
     *
     * @return the size
     */
    public int size() {
        return items.size();
    }

    /**
     * Returns the entry of a raw item id.
     *
     * @param rawId the raw id
     * @return the entry, or empty if the catalog does not know the item
     */
    public Optional<Item> find(String rawId) {
        return Optional.ofNullable(items.get(rawId));
    }

    /**
     * Returns the entry of a dense item index under the given mapping.
     *
     * @param itemIds the item id mapping of the interactions
     * @param index the dense index
     * @return the entry, or empty if the catalog does not know the item
     */
    public Optional<Item> find(IdMapping itemIds, int index) {
        return find(itemIds.rawId(index));
    }

    /**
     * Returns the title of a raw item id, or {@code "item <rawId>"} if the catalog does not know it.
     *
     * @param rawId the raw id
     * @return a title to show
     */
    public String title(String rawId) {
        Item item = items.get(rawId);
        return item == null ? "item " + rawId : item.title();
    }

    /**
     * Returns all entries in file order.
     *
     * @return an unmodifiable collection
     */
    public Collection<Item> items() {
        return items.values();
    }

    /**
     * Counts the items of a mapping that this catalog does not describe.
     *
     * @param itemIds the item id mapping
     * @return how many of its raw ids have no entry
     */
    public int missing(IdMapping itemIds) {
        int count = 0;
        for (int i = 0; i < itemIds.size(); i++) {
            if (!items.containsKey(itemIds.rawId(i))) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "ItemCatalog{items=" + items.size() + "}";
    }
}
