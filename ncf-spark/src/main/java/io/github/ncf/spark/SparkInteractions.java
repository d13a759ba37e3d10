package io.github.ncf.spark;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Interactions held as a Spark table with dense 0-based user and item indices, the distributed
 * counterpart of {@link Interactions}: the same indices, the same rows, in a {@link Dataset}.
 *
 * <p>Every row carries its place in the source: {@value #FILE} (the file's ordinal in the sorted
 * listing) and {@value #POSITION} (the byte offset of its line, or the row number for data made in
 * memory). Ordering by the pair gives file order, which Spark's scans do not keep and the
 * leave-one-out tie rule needs. The id tables map raw ids to indices ({@value #RAW_ID}, {@value
 * #INDEX}); indices follow first appearance in file order, as {@link Interactions.Builder} assigns
 * them, so they equal the single-machine reader's.
 *
 * <pre>{@code
 * SparkInteractions data = SparkReader.forMovieLens(MovieLensVariant.ML_100K).build()
 *         .read(spark, "data/ml-100k/u.data").interactions();
 * Interactions local = data.toLocal();   // the same rows and ids as MovieLensReader's
 * }</pre>
 */
public final class SparkInteractions {

    /** Column of the dense user index (int). */
    public static final String USER = "user";
    /** Column of the dense item index (int). */
    public static final String ITEM = "item";
    /** Column of the timestamp (long; 0 when the source has none). */
    public static final String TIMESTAMP = "timestamp";
    /** Column of the rating (float; 0 when the source has none). */
    public static final String RATING = "rating";
    /** Column of the file's ordinal in the sorted listing of the input (int). */
    public static final String FILE = "file";
    /** Column of the row's place within its file: a byte offset or a row number (long). */
    public static final String POSITION = "position";
    /** Column of an id table holding the raw id (string). */
    public static final String RAW_ID = "rawId";
    /** Column of an id table holding the dense index (int). */
    public static final String INDEX = "index";

    /** The schema of the rows. */
    public static final StructType ROW_SCHEMA = new StructType()
            .add(USER, DataTypes.IntegerType, false)
            .add(ITEM, DataTypes.IntegerType, false)
            .add(TIMESTAMP, DataTypes.LongType, false)
            .add(RATING, DataTypes.FloatType, false)
            .add(FILE, DataTypes.IntegerType, false)
            .add(POSITION, DataTypes.LongType, false);

    /** The schema of the id tables. */
    public static final StructType ID_SCHEMA = new StructType()
            .add(RAW_ID, DataTypes.StringType, false)
            .add(INDEX, DataTypes.IntegerType, false);

    private final Dataset<Row> rows;
    private final Dataset<Row> userIds;
    private final Dataset<Row> itemIds;
    private final int numUsers;
    private final int numItems;
    private final boolean hasTimestamps;
    private final boolean hasRatings;

    SparkInteractions(Dataset<Row> rows, Dataset<Row> userIds, Dataset<Row> itemIds, int numUsers,
            int numItems, boolean hasTimestamps, boolean hasRatings) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.userIds = Objects.requireNonNull(userIds, "userIds");
        this.itemIds = Objects.requireNonNull(itemIds, "itemIds");
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.hasTimestamps = hasTimestamps;
        this.hasRatings = hasRatings;
    }

    /**
     * Distributes interactions held in memory, keeping their indices and their row order (row
     * {@code r} gets file 0 and position {@code r}).
     *
     * @param spark the session
     * @param data the interactions
     * @param partitions how many partitions the rows are cut into, at least 1
     * @return the distributed interactions
     * @throws IllegalArgumentException if partitions is less than 1
     */
    public static SparkInteractions fromLocal(SparkSession spark, Interactions data, int partitions) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(data, "data");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = data.size();
        long[] timestamps = new long[n];
        float[] ratings = new float[n];
        for (int r = 0; r < n; r++) {
            timestamps[r] = data.hasTimestamps() ? data.timestamp(r) : 0L;
            ratings[r] = data.hasRatings() ? data.rating(r) : 0f;
        }
        Broadcast<Columns> columns = jsc.broadcast(
                new Columns(data.usersArray(), data.itemsArray(), timestamps, ratings));
        MapPartitionsFunction<Long, Row> toRows = ids -> {
            Columns c = columns.value();
            List<Row> out = new ArrayList<>();
            while (ids.hasNext()) {
                int r = (int) (long) ids.next();
                out.add(RowFactory.create(c.users[r], c.items[r], c.timestamps[r], c.ratings[r], 0, (long) r));
            }
            return out.iterator();
        };
        Dataset<Row> rows = spark.range(0, n, 1, partitions).mapPartitions(toRows, rowEncoder());
        return new SparkInteractions(rows, idTable(spark, data.userIds()), idTable(spark, data.itemIds()),
                data.numUsers(), data.numItems(), data.hasTimestamps(), data.hasRatings());
    }

    static Encoder<Row> rowEncoder() {
        return Encoders.row(ROW_SCHEMA);
    }

    static Dataset<Row> idTable(SparkSession spark, IdMapping ids) {
        List<Row> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(RowFactory.create(ids.rawId(i), i));
        }
        return spark.createDataFrame(rows, ID_SCHEMA);
    }

    /** Column arrays shipped to executors once, as a broadcast. */
    private record Columns(int[] users, int[] items, long[] timestamps, float[] ratings)
            implements java.io.Serializable {
    }

    /**
     * Returns the rows: {@value #USER}, {@value #ITEM}, {@value #TIMESTAMP}, {@value #RATING},
     * {@value #FILE}, {@value #POSITION}.
     *
     * @return the rows, in no particular order (order by file and position for file order)
     */
    public Dataset<Row> rows() {
        return rows;
    }

    /** @return the user id table ({@value #RAW_ID}, {@value #INDEX}), one row per user */
    public Dataset<Row> userIds() {
        return userIds;
    }

    /** @return the item id table ({@value #RAW_ID}, {@value #INDEX}), one row per item */
    public Dataset<Row> itemIds() {
        return itemIds;
    }

    /** @return the number of users in the id table (rows may cover fewer) */
    public int numUsers() {
        return numUsers;
    }

    /** @return the number of items in the id table (rows may cover fewer) */
    public int numItems() {
        return numItems;
    }

    /** @return whether rows carry timestamps from the source */
    public boolean hasTimestamps() {
        return hasTimestamps;
    }

    /** @return whether rows carry ratings from the source */
    public boolean hasRatings() {
        return hasRatings;
    }

    /**
     * Returns the same ids with other rows (a part of these, such as a split's training rows).
     *
     * @param otherRows rows of the same schema
     * @return interactions sharing this one's id tables
     */
    SparkInteractions withRows(Dataset<Row> otherRows) {
        return new SparkInteractions(otherRows, userIds, itemIds, numUsers, numItems, hasTimestamps,
                hasRatings);
    }

    /**
     * Returns the user id mapping, collected to the driver.
     *
     * @return the mapping, index {@code i} holding the raw id of user {@code i}
     */
    public IdMapping collectUserIds() {
        return collectIds(userIds, numUsers);
    }

    /**
     * Returns the item id mapping, collected to the driver.
     *
     * @return the mapping, index {@code i} holding the raw id of item {@code i}
     */
    public IdMapping collectItemIds() {
        return collectIds(itemIds, numItems);
    }

    private static IdMapping collectIds(Dataset<Row> table, int size) {
        String[] raw = new String[size];
        Iterator<Row> it = table.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            raw[r.getInt(1)] = r.getString(0);
        }
        return IdMapping.of(raw);
    }

    /**
     * Collects the rows to the driver in file order, as single-machine {@link Interactions} with the
     * same indices: the way from a Spark table to training on one machine.
     *
     * @return the interactions
     */
    public Interactions toLocal() {
        return toLocal(collectUserIds(), collectItemIds());
    }

    /**
     * Collects the rows in file order with id mappings already collected, so that several parts of a
     * split share one pair of mappings as a single-machine split does.
     *
     * @param users the user mapping of these interactions
     * @param items the item mapping of these interactions
     * @return the interactions
     */
    public Interactions toLocal(IdMapping users, IdMapping items) {
        List<Row> collected = rows.orderBy(FILE, POSITION).collectAsList();
        int n = collected.size();
        int[] u = new int[n];
        int[] i = new int[n];
        long[] t = hasTimestamps ? new long[n] : null;
        float[] r = hasRatings ? new float[n] : null;
        for (int k = 0; k < n; k++) {
            Row row = collected.get(k);
            u[k] = row.getInt(0);
            i[k] = row.getInt(1);
            if (t != null) {
                t[k] = row.getLong(2);
            }
            if (r != null) {
                r[k] = row.getFloat(3);
            }
        }
        return Interactions.wrap(users, items, u, i, t, r);
    }

    @Override
    public String toString() {
        return "SparkInteractions{users=" + numUsers + ", items=" + numItems + ", timestamps="
                + hasTimestamps + ", ratings=" + hasRatings + "}";
    }
}
