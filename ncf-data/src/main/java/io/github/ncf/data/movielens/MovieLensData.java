package io.github.ncf.data.movielens;

import io.github.ncf.data.Interactions;
import java.util.Objects;

/**
 * A MovieLens release as read: the interactions in file order, the item catalog, and the report of
 * how each line of the ratings file was used.
 *
 * <pre>{@code
 * MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_100K, dir);
 * Interactions data = ml.interactions();   // 100,000 rows, 943 users, 1,682 items
 * }</pre>
 *
 * @param variant the release
 * @param interactions the interactions
 * @param catalog titles and genres by raw item id
 * @param report line counts of the ratings file
 * @param itemsWithoutCatalogEntry items with interactions that the catalog does not describe
 */
public record MovieLensData(MovieLensVariant variant, Interactions interactions, ItemCatalog catalog,
        ReadReport report, int itemsWithoutCatalogEntry) {

    /**
     * Checks the components.
     *
     * @param variant the release
     * @param interactions the interactions
     * @param catalog the catalog
     * @param report the report
     * @param itemsWithoutCatalogEntry the count of undescribed items
     */
    public MovieLensData {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(report, "report");
    }

    @Override
    public String toString() {
        return "MovieLensData{" + variant.id() + ", " + interactions + ", " + catalog + ", " + report
                + ", itemsWithoutCatalogEntry=" + itemsWithoutCatalogEntry + "}";
    }
}
