package io.github.ncf.spark.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.github.ncf.data.Seeds;
import io.github.ncf.spark.SparkInteractions;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark MLlib's alternating least squares for implicit feedback (Hu, Koren and Volinsky, ICDM 2008;
 * {@code ALS.setImplicitPrefs(true)}) as a baseline: fitted on training rows on the cluster, its
 * factors collected into a {@link FactorScorer} that the {@link SparkEvaluator} ranks with the same
 * protocols as the NCF models, seen items masked (MLlib's own {@code recommendForAllUsers} does not
 * exclude them).
 *
 * <p>Each distinct (user, item) pair is one observation whose strength is the number of its rows.
 * The factors of every user and item are collected to the driver ({@code rank} floats each), which
 * suits tables of up to some millions of users. The defaults are common starting values, not tuned;
 * tune them on validation rows ({@link SparkEvaluator#validation}).
 *
 * <pre>{@code
 * FactorScorer als = AlsBaseline.builder().rank(32).build().fit(split.train());
 * }</pre>
 */
public final class AlsBaseline {

    private final int rank;
    private final int maxIter;
    private final double regParam;
    private final double alpha;
    private final long seed;

    private AlsBaseline(Builder b) {
        this.rank = b.rank;
        this.maxIter = b.maxIter;
        this.regParam = b.regParam;
        this.alpha = b.alpha;
        this.seed = b.seed;
    }

    /** @return a new builder with the defaults documented on each setter */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits ALS to training rows.
     *
     * @param train the training rows
     * @return the fitted factors as a scorer over the data's index space
     */
    public FactorScorer fit(SparkInteractions train) {
        Objects.requireNonNull(train, "train");
        Dataset<Row> pairs = train.rows().groupBy(SparkInteractions.USER, SparkInteractions.ITEM)
                .agg(count(lit(1)).cast("float").as("strength"));
        ALS als = new ALS().setImplicitPrefs(true).setRank(rank).setMaxIter(maxIter).setRegParam(regParam)
                .setAlpha(alpha).setSeed(seed).setUserCol(SparkInteractions.USER).setItemCol(SparkInteractions.ITEM)
                .setRatingCol("strength");
        ALSModel model = als.fit(pairs);
        float[] users = collect(model.userFactors(), train.numUsers());
        float[] items = collect(model.itemFactors(), train.numItems());
        return new FactorScorer(train.numUsers(), train.numItems(), rank, users, items);
    }

    private float[] collect(Dataset<Row> factors, int rows) {
        float[] out = new float[rows * rank];
        for (Row r : factors.select(col("id"), col("features")).collectAsList()) {
            int id = r.getInt(0);
            List<Object> f = r.getList(1);
            for (int k = 0; k < rank; k++) {
                out[id * rank + k] = ((Number) f.get(k)).floatValue();
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "AlsBaseline{rank=" + rank + ", maxIter=" + maxIter + ", regParam=" + regParam + ", alpha=" + alpha
                + ", seed=" + seed + "}";
    }

    /** Configures an {@link AlsBaseline}; reusable after {@link #build()}. */
    public static final class Builder {

        private int rank = 32;
        private int maxIter = 10;
        private double regParam = 0.1;
        private double alpha = 10.0;
        private long seed = Seeds.DEFAULT;

        private Builder() {
        }

        /**
         * Sets the number of factors.
         *
         * @param rank at least 1 (default 32)
         * @return this builder
         */
        public Builder rank(int rank) {
            if (rank < 1) {
                throw new IllegalArgumentException("rank must be >= 1, got " + rank);
            }
            this.rank = rank;
            return this;
        }

        /**
         * Sets the number of alternating sweeps.
         *
         * @param maxIter at least 1 (default 10)
         * @return this builder
         */
        public Builder maxIter(int maxIter) {
            if (maxIter < 1) {
                throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
            }
            this.maxIter = maxIter;
            return this;
        }

        /**
         * Sets the L2 regularisation.
         *
         * @param regParam at least 0 (default 0.1)
         * @return this builder
         */
        public Builder regParam(double regParam) {
            if (!(regParam >= 0) || Double.isInfinite(regParam)) {
                throw new IllegalArgumentException("regParam must be finite and >= 0, got " + regParam);
            }
            this.regParam = regParam;
            return this;
        }

        /**
         * Sets the confidence scale of observations (confidence = 1 + alpha * strength).
         *
         * @param alpha at least 0 (default 10)
         * @return this builder
         */
        public Builder alpha(double alpha) {
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets the seed of the factor initialisation.
         *
         * @param seed any value (default {@link Seeds#DEFAULT})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the baseline.
         *
         * @return the baseline
         */
        public AlsBaseline build() {
            return new AlsBaseline(this);
        }
    }
}
