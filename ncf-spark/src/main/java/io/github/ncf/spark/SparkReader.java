package io.github.ncf.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import io.github.ncf.data.movielens.MovieLensVariant;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads delimited interaction files into {@link SparkInteractions}, keeping file order and assigning
 * dense indices in order of first appearance, as the single-machine {@code DelimitedReader} does.
 *
 * <p>Each path may be a file or a folder; a folder's files (hidden ones and those starting with
 * {@code _} left out) are read in the order of their sorted names, and the paths in the order given.
 * Every line is read with its byte offset (Hadoop's {@code TextInputFormat}), so a row's file
 * ordinal and offset give its place in file order however the files are split into partitions.
 * Lines are parsed with the rules of {@code DelimitedReader}: blank lines and, with {@link
 * Builder#header(boolean)}, each file's first line are skipped; fields are stripped; ratings below
 * {@link Builder#minRating(float)} are dropped. All three are counted in the {@link ReadCounts}.
 * A malformed line fails the job with a message naming the file, the byte offset, the field and the
 * value. Files are read as UTF-8; quoted fields are not supported.
 *
 * <pre>{@code
 * SparkReader reader = SparkReader.builder().delimiter(",").header(true).timestampColumn(3).build();
 * SparkInteractions data = reader.read(spark, "hdfs:///logs/clicks/");
 * }</pre>
 */
public final class SparkReader implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int KIND_ROW = 0;
    private static final int KIND_HEADER = 1;
    private static final int KIND_BLANK = 2;
    private static final int KIND_BELOW = 3;

    private static final StructType PARSED = new StructType()
            .add("kind", DataTypes.IntegerType, false)
            .add("rawUser", DataTypes.StringType, true)
            .add("rawItem", DataTypes.StringType, true)
            .add(SparkInteractions.TIMESTAMP, DataTypes.LongType, false)
            .add(SparkInteractions.RATING, DataTypes.FloatType, false)
            .add(SparkInteractions.FILE, DataTypes.IntegerType, false)
            .add(SparkInteractions.POSITION, DataTypes.LongType, false);

    /** The field delimiter. */
    private final String delimiter;
    /** Whether each file's first line is a header. */
    private final boolean header;
    /** The user id column. */
    private final int userColumn;
    /** The item id column. */
    private final int itemColumn;
    /** The timestamp column, or -1. */
    private final int timestampColumn;
    /** The rating column, or -1. */
    private final int ratingColumn;
    /** The exact field count, or -1 for any. */
    private final int fieldCount;
    /** The lowest rating kept. */
    private final float minRating;

    private SparkReader(Builder b) {
        this.delimiter = b.delimiter;
        this.header = b.header;
        this.userColumn = b.userColumn;
        this.itemColumn = b.itemColumn;
        this.timestampColumn = b.timestampColumn;
        this.ratingColumn = b.ratingColumn;
        this.fieldCount = b.fieldCount;
        this.minRating = b.minRating;
    }

    /**
     * Returns a builder: delimiter tab, no header, user column 0, item column 1, no timestamp, no
     * rating, any number of fields.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the reader of a MovieLens release's ratings file, configured as {@code
     * MovieLensReader.ratingsReader()} is (every rating a positive).
     *
     * @param variant the release
     * @return a builder preset for the release, to add {@code minRating} to or build
     */
    public static Builder forMovieLens(MovieLensVariant variant) {
        Builder b = builder().userColumn(0).itemColumn(1).ratingColumn(2).timestampColumn(3).fieldCount(4);
        switch (variant.layout()) {
            case U_DATA -> b.delimiter("\t");
            case DAT -> b.delimiter("::");
            case CSV -> b.delimiter(",").header(true);
            default -> throw new IllegalArgumentException("unknown layout " + variant.layout());
        }
        return b;
    }

    /**
     * Reads files.
     *
     * @param spark the session
     * @param paths files or folders, in order; at least one
     * @return the interactions with their counts
     * @throws IllegalArgumentException if no path is given or no file is found
     * @throws UncheckedIOException if a path cannot be listed
     */
    public ReadResult read(SparkSession spark, String... paths) {
        Objects.requireNonNull(spark, "spark");
        if (paths.length == 0) {
            throw new IllegalArgumentException("paths must name at least one file or folder, got none");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = jsc.hadoopConfiguration();
        List<String> files = listFiles(conf, paths);
        JavaRDD<Row> parsed = null;
        for (int f = 0; f < files.size(); f++) {
            String file = files.get(f);
            int ordinal = f;
            String name = new Path(file).getName();
            JavaRDD<Row> lines = jsc.newAPIHadoopFile(file, TextInputFormat.class, LongWritable.class,
                    Text.class, conf).map(p -> parse(name, ordinal, p._1().get(), p._2().toString()));
            parsed = parsed == null ? lines : parsed.union(lines);
        }
        Dataset<Row> all = spark.createDataFrame(parsed, PARSED).persist(StorageLevel.MEMORY_AND_DISK());
        long[] kinds = new long[4];
        for (Row r : all.groupBy("kind").count().collectAsList()) {
            kinds[r.getInt(0)] = r.getLong(1);
        }
        Dataset<Row> kept = all.filter(col("kind").equalTo(KIND_ROW));
        Dataset<Row> users = denseIds(kept, "rawUser");
        Dataset<Row> items = denseIds(kept, "rawItem");
        Dataset<Row> rows = kept
                .join(users.withColumnRenamed(SparkInteractions.RAW_ID, "rawUser")
                        .withColumnRenamed(SparkInteractions.INDEX, SparkInteractions.USER), "rawUser")
                .join(items.withColumnRenamed(SparkInteractions.RAW_ID, "rawItem")
                        .withColumnRenamed(SparkInteractions.INDEX, SparkInteractions.ITEM), "rawItem")
                .select(SparkInteractions.USER, SparkInteractions.ITEM, SparkInteractions.TIMESTAMP,
                        SparkInteractions.RATING, SparkInteractions.FILE, SparkInteractions.POSITION)
                .persist(StorageLevel.MEMORY_AND_DISK());
        int numUsers = Math.toIntExact(users.count());
        int numItems = Math.toIntExact(items.count());
        SparkInteractions data = new SparkInteractions(rows, users, items, numUsers, numItems,
                timestampColumn >= 0, ratingColumn >= 0);
        ReadCounts counts = new ReadCounts(files.size(), kinds[KIND_ROW] + kinds[KIND_HEADER]
                + kinds[KIND_BLANK] + kinds[KIND_BELOW], kinds[KIND_HEADER], kinds[KIND_BLANK],
                kinds[KIND_ROW], kinds[KIND_BELOW]);
        all.unpersist();
        return new ReadResult(data, counts);
    }

    /** Raw ids numbered by their first row in file order, as Interactions.Builder numbers them. */
    private static Dataset<Row> denseIds(Dataset<Row> rows, String column) {
        // One long key, file ordinal above 40 bits of byte offset (files up to 1 TiB): a min over a
        // long is hash-aggregated, a min over a (file, offset) struct needs a sort.
        Column place = col(SparkInteractions.FILE).cast("long").multiply(1L << 40).plus(col(SparkInteractions.POSITION));
        Dataset<Row> first = rows.groupBy(column).agg(min(place).as("first")).orderBy(col("first"));
        JavaRDD<Row> numbered = first.select(column).javaRDD().zipWithIndex()
                .map(p -> RowFactory.create(p._1().getString(0), Math.toIntExact(p._2())));
        return rows.sparkSession().createDataFrame(numbered, SparkInteractions.ID_SCHEMA)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static List<String> listFiles(Configuration conf, String... paths) {
        List<String> files = new ArrayList<>();
        for (String p : paths) {
            Path path = new Path(Objects.requireNonNull(p, "path"));
            try {
                FileSystem fs = path.getFileSystem(conf);
                FileStatus status = fs.getFileStatus(path);
                if (status.isDirectory()) {
                    List<FileStatus> inside = new ArrayList<>();
                    for (FileStatus s : fs.listStatus(path)) {
                        String name = s.getPath().getName();
                        if (s.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                            inside.add(s);
                        }
                    }
                    inside.sort(Comparator.comparing(s -> s.getPath().getName()));
                    for (FileStatus s : inside) {
                        files.add(s.getPath().toString());
                    }
                } else {
                    files.add(status.getPath().toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file to read in " + String.join(", ", paths));
        }
        return files;
    }

    private Row parse(String file, int ordinal, long offset, String line) {
        if (header && offset == 0) {
            return RowFactory.create(KIND_HEADER, null, null, 0L, 0f, ordinal, offset);
        }
        if (line.isBlank()) {
            return RowFactory.create(KIND_BLANK, null, null, 0L, 0f, ordinal, offset);
        }
        String[] fields = split(line);
        int needed = Math.max(userColumn, Math.max(itemColumn, Math.max(timestampColumn, ratingColumn))) + 1;
        if (fieldCount > 0 ? fields.length != fieldCount : fields.length < needed) {
            throw malformed(file, offset, null, line, "expected "
                    + (fieldCount > 0 ? fieldCount : "at least " + needed) + " fields separated by \""
                    + delimiter.replace("\t", "\\t") + "\", found " + fields.length);
        }
        String user = fields[userColumn].strip();
        if (user.isEmpty()) {
            throw malformed(file, offset, "user", fields[userColumn], "is empty");
        }
        String item = fields[itemColumn].strip();
        if (item.isEmpty()) {
            throw malformed(file, offset, "item", fields[itemColumn], "is empty");
        }
        long time = 0L;
        if (timestampColumn >= 0) {
            try {
                time = Long.parseLong(fields[timestampColumn].strip());
            } catch (NumberFormatException e) {
                throw malformed(file, offset, "timestamp", fields[timestampColumn], "is not an integer");
            }
        }
        float rating = 0f;
        if (ratingColumn >= 0) {
            String v = fields[ratingColumn].strip();
            try {
                rating = Float.parseFloat(v);
            } catch (NumberFormatException e) {
                throw malformed(file, offset, "rating", v, "is not a number");
            }
            if (!Float.isFinite(rating) || v.endsWith("f") || v.endsWith("d") || v.endsWith("F")
                    || v.endsWith("D")) {
                throw malformed(file, offset, "rating", v, "is not a finite decimal number");
            }
            if (rating < minRating) {
                return RowFactory.create(KIND_BELOW, null, null, 0L, 0f, ordinal, offset);
            }
        }
        return RowFactory.create(KIND_ROW, user, item, time, rating, ordinal, offset);
    }

    private String[] split(String line) {
        List<String> out = new ArrayList<>(8);
        int from = 0;
        int at;
        while ((at = line.indexOf(delimiter, from)) >= 0) {
            out.add(line.substring(from, at));
            from = at + delimiter.length();
        }
        out.add(line.substring(from));
        return out.toArray(new String[0]);
    }

    private static IllegalArgumentException malformed(String file, long offset, String field, String value,
            String problem) {
        return new IllegalArgumentException(file + " line at byte " + offset + ": "
                + (field == null ? "line \"" + value + "\"" : "field \"" + field + "\" value \"" + value + "\"")
                + " " + problem);
    }

    @Override
    public String toString() {
        return "SparkReader{delimiter=\"" + delimiter.replace("\t", "\\t") + "\", header=" + header
                + ", userColumn=" + userColumn + ", itemColumn=" + itemColumn + ", timestampColumn="
                + timestampColumn + ", ratingColumn=" + ratingColumn + ", minRating=" + minRating + "}";
    }

    /**
     * What a read kept and skipped, so nothing is dropped silently.
     *
     * @param files files read
     * @param lines lines read, all files together
     * @param headerLines header lines skipped
     * @param blankLines blank lines skipped
     * @param rowsKept interactions kept
     * @param belowMinRating rows dropped for a rating below the threshold
     */
    public record ReadCounts(int files, long lines, long headerLines, long blankLines, long rowsKept,
            long belowMinRating) {
    }

    /**
     * The interactions read and the counts of what was kept and skipped.
     *
     * @param interactions the interactions
     * @param counts the counts
     */
    public record ReadResult(SparkInteractions interactions, ReadCounts counts) {
    }

    /** Configures a {@link SparkReader}; reusable after {@link #build()}. */
    public static final class Builder {

        private String delimiter = "\t";
        private boolean header;
        private int userColumn = 0;
        private int itemColumn = 1;
        private int timestampColumn = -1;
        private int ratingColumn = -1;
        private int fieldCount = -1;
        private float minRating = Float.NEGATIVE_INFINITY;

        private Builder() {
        }

        /**
         * Sets the field delimiter; default tab.
         *
         * @param delimiter one or more characters
         * @return this builder
         */
        public Builder delimiter(String delimiter) {
            if (delimiter == null || delimiter.isEmpty()) {
                throw new IllegalArgumentException("delimiter must be non-empty, got "
                        + (delimiter == null ? "null" : "\"\""));
            }
            this.delimiter = delimiter;
            return this;
        }

        /**
         * Sets whether each file's first line is a header; default false.
         *
         * @param header true to skip each file's first line
         * @return this builder
         */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /**
         * Sets the 0-based column of the user id; default 0.
         *
         * @param column at least 0
         * @return this builder
         */
        public Builder userColumn(int column) {
            this.userColumn = column(column, "userColumn");
            return this;
        }

        /**
         * Sets the 0-based column of the item id; default 1.
         *
         * @param column at least 0
         * @return this builder
         */
        public Builder itemColumn(int column) {
            this.itemColumn = column(column, "itemColumn");
            return this;
        }

        /**
         * Sets the 0-based column of the timestamp; default none.
         *
         * @param column at least 0
         * @return this builder
         */
        public Builder timestampColumn(int column) {
            this.timestampColumn = column(column, "timestampColumn");
            return this;
        }

        /**
         * Sets the 0-based column of the rating; default none.
         *
         * @param column at least 0
         * @return this builder
         */
        public Builder ratingColumn(int column) {
            this.ratingColumn = column(column, "ratingColumn");
            return this;
        }

        /**
         * Sets the exact number of fields every line must have; default: any number that holds the
         * columns.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder fieldCount(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("fieldCount must be >= 1, got " + count);
            }
            this.fieldCount = count;
            return this;
        }

        /**
         * Keeps only rows whose rating is at least this value (needs a rating column); the others
         * are counted in {@link ReadCounts#belowMinRating()}.
         *
         * @param minRating a finite threshold
         * @return this builder
         */
        public Builder minRating(float minRating) {
            if (!Float.isFinite(minRating)) {
                throw new IllegalArgumentException("minRating must be finite, got " + minRating);
            }
            this.minRating = minRating;
            return this;
        }

        private static int column(int column, String field) {
            if (column < 0) {
                throw new IllegalArgumentException(field + " must be >= 0, got " + column);
            }
            return column;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         * @throws IllegalArgumentException if two columns coincide, a column lies beyond fieldCount,
         *     or minRating is set without a rating column
         */
        public SparkReader build() {
            if (userColumn == itemColumn) {
                throw new IllegalArgumentException("userColumn and itemColumn must differ, both are "
                        + userColumn);
            }
            int highest = Math.max(userColumn, Math.max(itemColumn, Math.max(timestampColumn, ratingColumn)));
            if (fieldCount > 0 && highest >= fieldCount) {
                throw new IllegalArgumentException("column " + highest + " lies beyond fieldCount="
                        + fieldCount);
            }
            if (Float.isFinite(minRating) && ratingColumn < 0) {
                throw new IllegalArgumentException("minRating=" + minRating + " needs a ratingColumn");
            }
            return new SparkReader(this);
        }
    }
}
