package io.github.ncf.data.djl;

import ai.djl.basicdataset.tabular.CsvDataset;
import ai.djl.basicdataset.tabular.TabularDataset;
import ai.djl.translate.TranslateException;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MalformedLineException;
import io.github.ncf.data.movielens.ReadReport;
import io.github.ncf.data.movielens.ReadResult;
import io.github.ncf.data.movielens.RowCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a DJL tabular dataset into {@link Interactions} by naming the columns that hold the user,
 * the item and, optionally, the timestamp and the rating — the DJL way of bringing data to {@code
 * ncf}.
 *
 * <p>Any {@link TabularDataset} works: a {@link CsvDataset} over the user's own file (its CSV
 * format, quoting included, is the one the user gave DJL), or DJL's {@code MovieLens100k}, whose
 * cells are served by {@link TabularDataset#getCell(long, String)}. Rows are read in the dataset's
 * order (0 .. {@code size() - 1}, so DJL's {@code optLimit} is honoured), raw ids get dense indices
 * in order of first appearance, and every row is accounted for in the {@link ReadReport} exactly as
 * {@link io.github.ncf.data.movielens.DelimitedReader} does for files (the "line" of a message is
 * the 1-based row). The dataset is {@code prepare()}d first; DJL's datasets make that idempotent.
 *
 * <p>Without a timestamp column the interactions carry no timestamps and {@link
 * ReadReport#timestamps()} is false: the dataset's row order is then the only order, and a
 * leave-one-out split has to be told to hold out the last row in that order ({@link
 * io.github.ncf.data.split.SortOrder#FILE_ORDER}). DJL's {@code
 * MovieLens100k} is such a case: its {@code getCell} serves {@code user_id}, {@code movie_id},
 * {@code rating} and the user and movie features, but not {@code timestamp} (it looks every name
 * other than the rating and {@code user_*} up among the movie features), so naming {@code
 * "timestamp"} there is an error that says so; read the release's {@code u.data} with {@link
 * io.github.ncf.data.movielens.MovieLensReader} when time order matters.
 *
 * <pre>{@code
 * MovieLens100k movieLens = MovieLens100k.builder().optUsage(Dataset.Usage.TRAIN)
 *         .setSampling(32, true).build();
 * ReadResult result = TabularDatasetReader.builder()
 *         .userColumn("user_id").itemColumn("movie_id").ratingColumn("rating").minRating(4f)
 *         .build().read(movieLens);
 * Split split = LeaveOneOutSplitter.builder().order(SortOrder.FILE_ORDER).build()
 *         .split(result.interactions());   // no timestamps: hold out the last row in file order
 * }</pre>
 */
public final class TabularDatasetReader {

    private final String userColumn;
    private final String itemColumn;
    private final String timestampColumn;
    private final String ratingColumn;
    private final float minRating;

    private TabularDatasetReader(Builder b) {
        this.userColumn = b.userColumn;
        this.itemColumn = b.itemColumn;
        this.timestampColumn = b.timestampColumn;
        this.ratingColumn = b.ratingColumn;
        this.minRating = b.minRating;
    }

    /**
     * Returns a builder; the user and item columns must be named, the timestamp and rating columns
     * are optional.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Prepares the dataset and reads every row.
     *
     * @param dataset the DJL dataset
     * @return the interactions and the report, whose file name is the dataset's class name
     * @throws IllegalArgumentException if a named column is not served by the dataset (the message
     *     lists the columns of a {@link CsvDataset})
     * @throws MalformedLineException if a cell is empty or not a number where one is needed; the
     *     message names the dataset, the 1-based row, the column and the value
     * @throws IOException if the dataset cannot be prepared
     */
    public ReadResult read(TabularDataset dataset) throws IOException {
        Objects.requireNonNull(dataset, "dataset");
        try {
            dataset.prepare();
        } catch (TranslateException e) {
            throw new IOException("cannot prepare " + dataset.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        String source = dataset.getClass().getSimpleName();
        RowCollector.Builder b = RowCollector.builder().source(source)
                .timestamps(timestampColumn != null).ratings(ratingColumn != null);
        if (!Float.isInfinite(minRating)) {
            b.minRating(minRating);
        }
        RowCollector rows = b.build();
        long size = dataset.size();
        if (size > 0) {
            for (String column : columns()) {
                cell(dataset, 0, column);
            }
        }
        for (long r = 0; r < size; r++) {
            rows.add(r + 1, cell(dataset, r, userColumn), cell(dataset, r, itemColumn),
                    timestampColumn == null ? null : cell(dataset, r, timestampColumn),
                    ratingColumn == null ? null : cell(dataset, r, ratingColumn));
        }
        return rows.finish(true);
    }

    private List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(userColumn, itemColumn));
        if (timestampColumn != null) {
            columns.add(timestampColumn);
        }
        if (ratingColumn != null) {
            columns.add(ratingColumn);
        }
        return columns;
    }

    private static String cell(TabularDataset dataset, long row, String column) {
        String value;
        try {
            value = dataset.getCell(row, column);
        } catch (RuntimeException e) {
            throw unknownColumn(dataset, row, column, e.toString());
        }
        if (value == null) {
            throw unknownColumn(dataset, row, column, "getCell returned null");
        }
        return value;
    }

    private static IllegalArgumentException unknownColumn(TabularDataset dataset, long row, String column,
            String why) {
        String known = dataset instanceof CsvDataset csv ? "; its CSV columns are " + csv.getColumnNames() : "";
        return new IllegalArgumentException(dataset.getClass().getSimpleName() + " serves no column \""
                + column + "\" (row " + (row + 1) + ": " + why + ")" + known);
    }

    @Override
    public String toString() {
        return "TabularDatasetReader{user=" + userColumn + ", item=" + itemColumn
                + (timestampColumn != null ? ", timestamp=" + timestampColumn : "")
                + (ratingColumn != null ? ", rating=" + ratingColumn : "")
                + (Float.isInfinite(minRating) ? "" : ", minRating=" + minRating) + "}";
    }

    /** Configures a {@link TabularDatasetReader}; reusable after {@link #build()}. */
    public static final class Builder {

        private String userColumn;
        private String itemColumn;
        private String timestampColumn;
        private String ratingColumn;
        private float minRating = Float.NEGATIVE_INFINITY;

        private Builder() {
        }

        /**
         * Names the column of the raw user id, e.g. {@code "user_id"}; required.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder userColumn(String column) {
            this.userColumn = name("userColumn", column);
            return this;
        }

        /**
         * Names the column of the raw item id, e.g. {@code "movie_id"}; required.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder itemColumn(String column) {
            this.itemColumn = name("itemColumn", column);
            return this;
        }

        /**
         * Names the column of the integer timestamp; default none, and then the interactions carry
         * no timestamps.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder timestampColumn(String column) {
            this.timestampColumn = name("timestampColumn", column);
            return this;
        }

        /**
         * Names the column of the numeric rating; default none.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder ratingColumn(String column) {
            this.ratingColumn = name("ratingColumn", column);
            return this;
        }

        /**
         * Keeps only rows rated at least {@code minRating} as positives; the others are counted in
         * {@link ReadReport#rowsBelowThreshold()}. Needs a rating column. Default: every row is a
         * positive.
         *
         * @param minRating the threshold, a finite number
         * @return this builder
         */
        public Builder minRating(float minRating) {
            if (!Float.isFinite(minRating)) {
                throw new IllegalArgumentException("minRating must be finite, got " + minRating);
            }
            this.minRating = minRating;
            return this;
        }

        private static String name(String field, String column) {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException(field + " must be a non-blank column name, got "
                        + (column == null ? "null" : "\"" + column + "\""));
            }
            return column;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         * @throws IllegalStateException if the user or item column is not named
         * @throws IllegalArgumentException if two roles name the same column or a threshold is set
         *     without a rating column
         */
        public TabularDatasetReader build() {
            if (userColumn == null || itemColumn == null) {
                throw new IllegalStateException("userColumn and itemColumn must be named, got user="
                        + userColumn + ", item=" + itemColumn);
            }
            String[] cols = {userColumn, itemColumn, timestampColumn, ratingColumn};
            String[] names = {"userColumn", "itemColumn", "timestampColumn", "ratingColumn"};
            for (int a = 0; a < cols.length; a++) {
                for (int c = a + 1; c < cols.length; c++) {
                    if (cols[a] != null && cols[a].equals(cols[c])) {
                        throw new IllegalArgumentException(names[a] + " and " + names[c]
                                + " must differ, both are \"" + cols[a] + "\"");
                    }
                }
            }
            if (!Float.isInfinite(minRating) && ratingColumn == null) {
                throw new IllegalArgumentException("minRating " + minRating + " needs a ratingColumn, got none");
            }
            return new TabularDatasetReader(this);
        }
    }
}
