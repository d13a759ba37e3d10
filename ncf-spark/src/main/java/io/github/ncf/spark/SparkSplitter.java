package io.github.ncf.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.SortOrder;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Leave-one-out split of {@link SparkInteractions} with window functions, row for row the split of
 * the {@link LeaveOneOutSplitter} it is made from (the same order, seed and validation setting: the
 * configuration is that splitter's, not a copy of it).
 *
 * <p>Each user's rows are numbered in a window: by time (latest first; among equal timestamps the
 * last in file order first, the single-machine tie rule), by file order (last first), or, for
 * {@link SortOrder#RANDOM}, by file order with the held-out positions drawn by {@link
 * LeaveOneOutSplitter#randomPositions(long, int, int, boolean)} from {@code (seed, user)}. The first
 * row is the test row of users with at least two rows; the second the validation row of users with at
 * least three, when validation is on.
 *
 * <pre>{@code
 * LeaveOneOutSplitter config = LeaveOneOutSplitter.builder().order(SortOrder.TIMESTAMP).validation(true).build();
 * SparkSplit split = SparkSplitter.of(config).split(data);   // config.split(local) on one machine
 * Dataset<Row> test = split.test().rows();
 * }</pre>
 */
public final class SparkSplitter {

    private static final String COUNT = "_count";
    private static final String PLACE = "_place";
    private static final String PART = "_part";

    private final LeaveOneOutSplitter config;
    private final SortOrder order;
    private final long seed;
    private final boolean validation;

    private SparkSplitter(LeaveOneOutSplitter config) {
        this.config = config;
        this.order = config.order();
        this.seed = config.seed();
        this.validation = config.validation();
    }

    /**
     * Returns the Spark counterpart of a single-machine splitter: the same order, seed and
     * validation setting, so the same train, validation and test rows.
     *
     * @param splitter the configured splitter, such as {@code LeaveOneOutSplitter.builder().build()}
     * @return the Spark splitter
     */
    public static SparkSplitter of(LeaveOneOutSplitter splitter) {
        return new SparkSplitter(Objects.requireNonNull(splitter, "splitter"));
    }

    /** @return the single-machine splitter this one splits as */
    public LeaveOneOutSplitter config() {
        return config;
    }

    /**
     * Splits the interactions. The parts are persisted (memory and disk), as they are read several
     * times.
     *
     * @param data the interactions
     * @return the split
     * @throws IllegalArgumentException if the order is TIMESTAMP and the data carry no timestamps
     */
    public SparkSplit split(SparkInteractions data) {
        Objects.requireNonNull(data, "data");
        if (order == SortOrder.TIMESTAMP && !data.hasTimestamps()) {
            throw new IllegalArgumentException("order TIMESTAMP needs timestamps, but the data (" + data
                    + ") carry none; use SortOrder.FILE_ORDER (the last row in file order) or SortOrder.RANDOM");
        }
        Column file = col(SparkInteractions.FILE);
        Column position = col(SparkInteractions.POSITION);
        WindowSpec byUser = Window.partitionBy(SparkInteractions.USER);
        WindowSpec ordered = switch (order) {
            case TIMESTAMP -> byUser.orderBy(col(SparkInteractions.TIMESTAMP).desc(), file.desc(), position.desc());
            case FILE_ORDER -> byUser.orderBy(file.desc(), position.desc());
            case RANDOM -> byUser.orderBy(file, position);
        };
        Dataset<Row> numbered = data.rows()
                .withColumn(COUNT, count(lit(1)).over(byUser))
                .withColumn(PLACE, row_number().over(ordered));
        // 0 = train, 1 = test, 2 = validation.
        Column part;
        if (order == SortOrder.RANDOM) {
            long s = seed;
            boolean v = validation;
            UDF4<Integer, Long, Integer, Integer, Integer> draw = (user, n, place, unused) -> {
                if (n < 2) {
                    return 0;
                }
                int[] drawn = LeaveOneOutSplitter.randomPositions(s, user, Math.toIntExact(n), v);
                int p = place - 1;
                return p == drawn[0] ? 1 : drawn.length > 1 && p == drawn[1] ? 2 : 0;
            };
            UserDefinedFunction f = udf(draw, DataTypes.IntegerType).asNondeterministic();
            part = f.apply(col(SparkInteractions.USER), col(COUNT), col(PLACE), lit(0));
        } else {
            Column n = col(COUNT);
            Column place = col(PLACE);
            part = when(n.geq(2).and(place.equalTo(1)), 1)
                    .when(lit(validation).and(n.geq(3)).and(place.equalTo(2)), 2)
                    .otherwise(0);
        }
        Dataset<Row> labelled = numbered.withColumn(PART, part).persist(StorageLevel.MEMORY_AND_DISK());
        String[] columns = SparkInteractions.ROW_SCHEMA.fieldNames();
        Dataset<Row> train = labelled.filter(col(PART).equalTo(0)).select(cols(columns));
        Dataset<Row> test = labelled.filter(col(PART).equalTo(1)).select(cols(columns));
        Dataset<Row> valid = validation ? labelled.filter(col(PART).equalTo(2)).select(cols(columns)) : null;

        // Per-user counts in one pass: users with one row, with two (no validation row), with any.
        Row c = labelled.filter(col(PLACE).equalTo(1))
                .agg(count(lit(1)), count(when(col(COUNT).equalTo(1), 1)), count(when(col(COUNT).equalTo(2), 1)))
                .first();
        int usersWithRows = Math.toIntExact(c.getLong(0));
        int keptWhole = Math.toIntExact(c.getLong(1));
        int withoutValidation = validation ? Math.toIntExact(c.getLong(2)) : 0;
        Dataset<Row> known = valid == null ? train : train.union(valid);
        long leaked = test.select(SparkInteractions.USER, SparkInteractions.ITEM)
                .join(known.select(SparkInteractions.USER, SparkInteractions.ITEM).distinct(),
                        new String[] {SparkInteractions.USER, SparkInteractions.ITEM})
                .count();
        return new SparkSplit(data.withRows(train), valid == null ? null : data.withRows(valid),
                data.withRows(known), data.withRows(test), usersWithRows - keptWhole, keptWhole,
                data.numUsers() - usersWithRows, withoutValidation, Math.toIntExact(leaked), toString());
    }

    private static Column[] cols(String[] names) {
        Column[] c = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            c[i] = col(names[i]);
        }
        return c;
    }

    @Override
    public String toString() {
        String v = validation ? ", validation=true" : "";
        return "SparkSplitter{order=" + order + (order == SortOrder.RANDOM ? ", seed=" + seed : "") + v + "}";
    }
}
