package io.github.ncf.spark.eval;

import static org.apache.spark.sql.functions.col;

import io.github.ncf.core.serve.Recommendation;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.spark.SparkInteractions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Top-K recommendations of a saved model for many users on Spark: raw user ids in, raw item ids out,
 * each user's training items (as recorded in the saved model) excluded.
 *
 * <p>Each partition hands its users to the model's {@link Recommender} in blocks of {@link
 * Builder#usersPerBlock(int)}; the model is loaded once per executor JVM ({@link NcfModelSource}).
 * A table of users in fewer partitions than Spark's default parallelism (an id table often is one
 * partition) is spread over that many partitions first, so that every task slot scores; {@link
 * Builder#partitions(int)} sets the count instead.
 * Users the model does not know fail the job with a message naming the first.
 *
 * <pre>{@code
 * Dataset<Row> top10 = SparkRecommender.builder().model(source).k(10).build().recommend(data.userIds());
 * // user, rank (0 = best), item, score
 * }</pre>
 */
public final class SparkRecommender {

    /** The schema of the recommendations: raw user id, 0-based rank, raw item id, score. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("item", DataTypes.StringType, false)
            .add("score", DataTypes.FloatType, false);

    private final NcfModelSource model;
    private final int k;
    private final int usersPerBlock;
    private final int partitions;

    private SparkRecommender(Builder b) {
        this.model = b.model;
        this.k = b.k;
        this.usersPerBlock = b.usersPerBlock;
        this.partitions = b.partitions;
    }

    /** @return a new builder: k 10, 1,024 users per block, partitions as described in the class comment */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Recommends for every user of a table.
     *
     * @param users a table whose column {@value SparkInteractions#RAW_ID} holds raw user ids, such as
     *     {@link SparkInteractions#userIds()}
     * @return {@code k} rows per user (fewer if the user has fewer unseen items), in the {@link #SCHEMA}
     */
    public Dataset<Row> recommend(Dataset<Row> users) {
        Objects.requireNonNull(users, "users");
        NcfModelSource source = model;
        int top = k;
        int block = usersPerBlock;
        MapPartitionsFunction<Row, Row> f = rows -> recommendPartition(rows, source, top, block);
        Dataset<Row> ids = users.select(col(SparkInteractions.RAW_ID));
        if (partitions > 0) {
            ids = ids.repartition(partitions);
        } else {
            int parallelism = users.sparkSession().sparkContext().defaultParallelism();
            if (ids.rdd().getNumPartitions() < parallelism) {
                ids = ids.repartition(parallelism);
            }
        }
        return ids.mapPartitions(f, Encoders.row(SCHEMA));
    }

    private static Iterator<Row> recommendPartition(Iterator<Row> rows, NcfModelSource source, int k, int block) {
        return new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && rows.hasNext()) {
                    List<String> ids = new ArrayList<>(block);
                    while (rows.hasNext() && ids.size() < block) {
                        ids.add(rows.next().getString(0));
                    }
                    Recommender recommender = source.recommender();
                    List<List<Recommendation>> recs = recommender.recommend(ids, k);
                    List<Row> out = new ArrayList<>(ids.size() * k);
                    for (int u = 0; u < ids.size(); u++) {
                        List<Recommendation> list = recs.get(u);
                        for (int r = 0; r < list.size(); r++) {
                            out.add(RowFactory.create(ids.get(u), r, list.get(r).itemId(), list.get(r).score()));
                        }
                    }
                    current = out.iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    @Override
    public String toString() {
        return "SparkRecommender{model=" + model + ", k=" + k + ", usersPerBlock=" + usersPerBlock
                + ", partitions=" + (partitions > 0 ? String.valueOf(partitions) : "auto") + "}";
    }

    /** Configures a {@link SparkRecommender}; reusable after {@link #build()}. */
    public static final class Builder {

        private NcfModelSource model;
        private int k = 10;
        private int usersPerBlock = 1024;
        private int partitions;

        private Builder() {
        }

        /**
         * Sets how many partitions the users are spread over before scoring (a shuffle). By default,
         * a table in fewer partitions than Spark's default parallelism is spread over that many, and
         * any other table is scored as it is partitioned.
         *
         * @param partitions at least 1
         * @return this builder
         */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /**
         * Sets the model.
         *
         * @param model the broadcast saved model
         * @return this builder
         */
        public Builder model(NcfModelSource model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Sets how many items per user.
         *
         * @param k at least 1 (default 10)
         * @return this builder
         */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            this.k = k;
            return this;
        }

        /**
         * Sets how many users are handed to the recommender at once; memory grows with it times the
         * number of items.
         *
         * @param usersPerBlock at least 1 (default 1,024)
         * @return this builder
         */
        public Builder usersPerBlock(int usersPerBlock) {
            if (usersPerBlock < 1) {
                throw new IllegalArgumentException("usersPerBlock must be >= 1, got " + usersPerBlock);
            }
            this.usersPerBlock = usersPerBlock;
            return this;
        }

        /**
         * Builds the recommender.
         *
         * @return the recommender
         * @throws IllegalStateException if no model was set
         */
        public SparkRecommender build() {
            if (model == null) {
                throw new IllegalStateException("model must be set, got none");
            }
            return new SparkRecommender(this);
        }
    }
}
