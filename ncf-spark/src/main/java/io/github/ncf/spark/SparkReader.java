package io.github.ncf.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import io.github.ncf.data.movielens.DelimitedLines;
import io.github.ncf.data.movielens.DelimitedReader;
import io.github.ncf.data.movielens.MalformedLineException;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * dense indices in order of first appearance, as the single-machine {@link DelimitedReader} it is made
 * from does.
 *
 * <p>Each path may be a file or a folder; a folder's files (hidden ones and those starting with
 * {@code _} left out) are read in the order of their sorted names, and the paths in the order given.
 * Every line is read with its byte offset (Hadoop's {@code TextInputFormat}), so a row's file
 * ordinal and offset give its place in file order however the files are split into partitions.
 * Lines are parsed by the reader's own {@link DelimitedLines} (the same code, so the same rules and
 * messages): blank lines and, with a header, each file's first line are skipped; fields are
 * stripped; ratings below the reader's {@code minRating} are dropped. All three are counted in the
 * {@link ReadCounts}. A malformed line fails the job with a message naming the file, the byte offset
 * (Spark sees offsets, not line numbers), the field and the value. Files are read as UTF-8 (a
 * byte-order mark before a file's first line is dropped); quoted fields are not supported.
 *
 * <pre>{@code
 * DelimitedReader local = DelimitedReader.builder().delimiter(",").header(true).timestampColumn(3).build();
 * SparkInteractions data = SparkReader.of(local).read(spark, "hdfs:///logs/clicks/").interactions();
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

    /** The single-machine reader's line rules. */
    private final DelimitedLines lines;

    private SparkReader(DelimitedLines lines) {
        this.lines = lines;
    }

    /**
     * Returns the Spark counterpart of a single-machine reader: the same delimiter, header, columns,
     * field count and rating threshold, parsed by the same code.
     *
     * @param reader a configured reader without quoting, reading UTF-8
     * @return the Spark reader
     * @throws UnsupportedOperationException if the reader honours quoting or reads another encoding
     */
    public static SparkReader of(DelimitedReader reader) {
        Objects.requireNonNull(reader, "reader");
        if (!StandardCharsets.UTF_8.equals(reader.charset())) {
            throw new UnsupportedOperationException("SparkReader reads UTF-8 only, got a reader of "
                    + reader.charset().name() + "; convert the files to UTF-8");
        }
        return new SparkReader(reader.lines());
    }

    /**
     * Returns the reader of a MovieLens release's ratings file, {@code MovieLensReader.ratingsReader()}
     * on Spark (every rating a positive; for a threshold use {@link #of(DelimitedReader)} with {@code
     * MovieLensReader.builder().variant(variant).minRating(r).build().ratingsReader()}).
     *
     * @param variant the release
     * @return the Spark reader
     */
    public static SparkReader forMovieLens(MovieLensVariant variant) {
        return of(MovieLensReader.builder().variant(variant).build().ratingsReader());
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
                lines.hasTimestamps(), lines.hasRatings());
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

    private Row parse(String file, int ordinal, long offset, String text) {
        if (lines.header() && offset == 0) {
            return RowFactory.create(KIND_HEADER, null, null, 0L, 0f, ordinal, offset);
        }
        // As DelimitedReader's line source does, a UTF-8 byte-order mark before the first line is dropped.
        String line = offset == 0 && text.startsWith("\uFEFF") ? text.substring(1) : text;
        DelimitedLines.Row row;
        try {
            row = lines.parse(line, file, offset);
        } catch (MalformedLineException e) {
            // The rules number lines; Spark knows the byte offset only, so the message says so.
            String numbered = file + " line " + offset;
            String message = e.getMessage();
            throw new IllegalArgumentException(file + " line at byte " + offset
                    + (message.startsWith(numbered) ? message.substring(numbered.length()) : ": " + message), e);
        }
        if (row == null) {
            return RowFactory.create(KIND_BLANK, null, null, 0L, 0f, ordinal, offset);
        }
        if (row.belowMinRating()) {
            return RowFactory.create(KIND_BELOW, null, null, 0L, 0f, ordinal, offset);
        }
        return RowFactory.create(KIND_ROW, row.user(), row.item(), row.timestamp(), row.rating(), ordinal, offset);
    }

    @Override
    public String toString() {
        return "SparkReader{" + lines + "}";
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
}
