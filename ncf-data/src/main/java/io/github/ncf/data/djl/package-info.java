/**
 * Adapters from DJL's datasets to {@code ncf}'s {@link io.github.ncf.data.Interactions}: a DJL user
 * keeps the tabular dataset they already have — a {@code CsvDataset}, DJL's own {@code
 * MovieLens100k} with its user and movie features, or any other {@code TabularDataset} — and names
 * the columns that hold the user, the item and, optionally, the time and the rating.
 */
package io.github.ncf.data.djl;
