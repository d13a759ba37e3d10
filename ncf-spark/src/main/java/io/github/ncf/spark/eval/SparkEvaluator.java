package io.github.ncf.spark.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.ScreenedScorer;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.metric.RankMetric;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.Ranks;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.spark.SparkInteractions;
import io.github.ncf.spark.SparkSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Evaluates a scorer on Spark under both leave-one-out protocols, full ranking with the known items
 * masked and sampled 1 + N candidates, with the same ranks as the single-machine {@link FullRanking}
 * and {@link SampledRanking}, aggregated to the same {@link EvaluationResult}.
 *
 * <p>How: the known and held-out rows are shuffled once, as flat rows, by user into {@link
 * Builder#partitions(int)} partitions; a partition builds its users' part of the
 * data in the full index space and runs the single-machine protocols on it, so the mask, the ranks,
 * the tie rule and the sampled candidates (drawn per {@code (seed, user)}) are computed by the very
 * same code. The scorer comes from a {@link ScorerSource}, loaded once per executor JVM; when the
 * source keeps an exact screen ({@link NcfModelSource} does, one per executor JVM), every partition
 * ranks through that screen instead of opening its own ({@link FullRanking#rank(ScreenedScorer,
 * ExactScreen)}), which would cost about a CPU second at 26,744 items each time. Each user's
 * rank, tie count and candidate count come back to the driver (five ints a user), where the metrics
 * are computed as {@code ProtocolEvaluator} computes them, full ranks cut at the largest K of the
 * metrics as there ({@link FullRanking.Builder#rankCutoff(int)}). {@link EvaluationResult#seconds()} of each
 * result is its protocol's ranking time summed over the tasks; {@link SparkEvaluation#seconds()} the wall
 * time of the one job that ranked both.
 *
 * <p>Each partition holds its users' rows and an index array of all users (four bytes a user). By
 * default there are enough partitions for at most 16,384 evaluated users each (the held-out rows,
 * counted in one job), rounded up to a multiple of Spark's default parallelism (for MovieLens-20M's
 * 138,493 users on two cores: 10; for 300 held-out users: the parallelism).
 *
 * <pre>{@code
 * SparkEvaluation r = SparkEvaluator.builder().scorer(NcfModelSource.broadcast(spark, dir)).build()
 *         .test(split);
 * double hr = r.full().mean("HR@10");
 * }</pre>
 */
public final class SparkEvaluator {

    private static final StructType RANK_SCHEMA = new StructType()
            .add("protocol", DataTypes.IntegerType, false)
            .add("user", DataTypes.IntegerType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("ties", DataTypes.IntegerType, false)
            .add("candidates", DataTypes.IntegerType, false);

    /** The most users a partition holds by default. */
    static final int USERS_PER_PARTITION = 16_384;

    private static final String HELD_OUT = "heldOut";

    private static final Map<Integer, IdMapping> SEQUENTIAL = new ConcurrentHashMap<>();

    private final ScorerSource scorer;
    private final int negatives;
    private final long seed;
    private final List<RankMetric> metrics;
    private final int partitions;

    private SparkEvaluator(Builder b) {
        this.scorer = b.scorer;
        this.negatives = b.negatives;
        this.seed = b.seed;
        this.metrics = List.copyOf(b.metrics);
        this.partitions = b.partitions;
    }

    /** @return a new builder: 99 negatives, seed {@link Seeds#DEFAULT}, HR@10 and NDCG@10 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the test protocol of a split: known = training and validation rows (masked; never sampled),
     * held out = the test rows.
     *
     * @param split the split
     * @return both protocols' results
     */
    public SparkEvaluation test(SparkSplit split) {
        return evaluate(split.trainAndValidation(), split.test());
    }

    /**
     * Runs the validation protocol of a split: known = training rows, held out = the validation rows
     * (the test rows are not read).
     *
     * @param split a split made with validation
     * @return both protocols' results
     * @throws IllegalStateException if the split has no validation rows
     */
    public SparkEvaluation validation(SparkSplit split) {
        return evaluate(split.train(), split.validation());
    }

    /**
     * Ranks every held-out row among the user's candidates under both protocols.
     *
     * @param known the rows known at evaluation time, masked in full ranking and never sampled
     * @param heldOut one row per evaluated user, sharing {@code known}'s id tables
     * @return both protocols' results
     * @throws IllegalArgumentException if the two do not share an index space
     */
    public SparkEvaluation evaluate(SparkInteractions known, SparkInteractions heldOut) {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(heldOut, "heldOut");
        if (known.numUsers() != heldOut.numUsers() || known.numItems() != heldOut.numItems()) {
            throw new IllegalArgumentException("known and heldOut must share their id tables, got "
                    + known + " and " + heldOut);
        }
        int numUsers = known.numUsers();
        int numItems = known.numItems();
        long start = System.nanoTime();
        // One shuffle of flat (user, item, held-out?) rows: a user's known and held-out rows meet in one
        // partition without grouping them into lists first.
        Dataset<Row> tasks = known.rows().select(col(SparkInteractions.USER), col(SparkInteractions.ITEM),
                        lit(false).as(HELD_OUT))
                .union(heldOut.rows().select(col(SparkInteractions.USER), col(SparkInteractions.ITEM),
                        lit(true).as(HELD_OUT)));
        SparkContext sc = known.rows().sparkSession().sparkContext();
        // The held-out rows (one per evaluated user) set the default, not the id table: a few users
        // evaluated out of many must not be spread over many tasks.
        int parts = partitions > 0 ? partitions
                : defaultPartitions(sc.defaultParallelism(), Math.toIntExact(heldOut.rows().count()));
        tasks = tasks.repartition(parts, col(SparkInteractions.USER));
        ScorerSource source = scorer;
        int n = negatives;
        long s = seed;
        LongAccumulator fullNanos = sc.longAccumulator("ncf full-ranking task ns");
        LongAccumulator sampledNanos = sc.longAccumulator("ncf sampled-ranking task ns");
        // No metric reads a rank beyond the largest K: full ranking stops counting there.
        int cutoff = rankCutoff();
        MapPartitionsFunction<Row, Row> rank = rows -> rankPartition(rows, source, numUsers, numItems, n, s,
                cutoff, fullNanos, sampledNanos);
        List<Row> collected = tasks.mapPartitions(rank, Encoders.row(RANK_SCHEMA)).collectAsList();
        double seconds = (System.nanoTime() - start) / 1e9;
        int evaluated = collected.size() / 2;
        return new SparkEvaluation(
                result("full", collected, 0, evaluated, numUsers, fullNanos.value() / 1e9),
                result("sampled-" + negatives, collected, 1, evaluated, numUsers, sampledNanos.value() / 1e9),
                seconds, parts);
    }

    private EvaluationResult result(String name, List<Row> collected, int protocol, int evaluated, int numUsers,
            double seconds) {
        int[][] byUser = new int[evaluated][];
        int k = 0;
        for (Row r : collected) {
            if (r.getInt(0) == protocol) {
                byUser[k++] = new int[] {r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5)};
            }
        }
        java.util.Arrays.sort(byUser, java.util.Comparator.comparingInt(a -> a[0]));
        int[][] columns = new int[5][evaluated];
        for (int p = 0; p < evaluated; p++) {
            for (int c = 0; c < 5; c++) {
                columns[c][p] = byUser[p][c];
            }
        }
        int cutoff = protocol == 0 ? rankCutoff() : Integer.MAX_VALUE;
        Ranks ranks = Ranks.of(columns[0], columns[1], columns[2], columns[3], columns[4], cutoff);
        return EvaluationResult.of(name, ranks, metrics, numUsers - evaluated, seconds);
    }

    /** The full-ranking cut-off: the largest K of the metrics, which leaves every metric unchanged. */
    private int rankCutoff() {
        return metrics.stream().mapToInt(RankMetric::k).max().orElse(Integer.MAX_VALUE);
    }

    /** Ranks one partition's users with the single-machine protocols over their part of the data. */
    private static Iterator<Row> rankPartition(Iterator<Row> rows, ScorerSource source, int numUsers, int numItems,
            int negatives, long seed, int cutoff, LongAccumulator fullNanos, LongAccumulator sampledNanos) {
        IntColumn knownUsers = new IntColumn();
        IntColumn knownItems = new IntColumn();
        IntColumn users = new IntColumn();
        IntColumn held = new IntColumn();
        while (rows.hasNext()) {
            Row r = rows.next();
            if (r.getBoolean(2)) {
                users.add(r.getInt(0));
                held.add(r.getInt(1));
            } else {
                knownUsers.add(r.getInt(0));
                knownItems.add(r.getInt(1));
            }
        }
        if (users.size == 0) {
            return java.util.Collections.emptyIterator();
        }
        int n = users.size;
        IdMapping userIds = sequential(numUsers);
        IdMapping itemIds = sequential(numItems);
        Interactions known = Interactions.wrap(userIds, itemIds, knownUsers.toArray(), knownItems.toArray(), null, null);
        Interactions test = Interactions.wrap(userIds, itemIds, users.toArray(), held.toArray(), null, null);
        Scorer scorer = source.scorer();
        long t = System.nanoTime();
        Ranks full = rankFull(FullRanking.builder().train(known).test(test).rankCutoff(cutoff).build(), scorer,
                source);
        fullNanos.add(System.nanoTime() - t);
        t = System.nanoTime();
        Ranks sampled = SampledRanking.builder().train(known).test(test).negatives(negatives).seed(seed).build()
                .rank(scorer);
        sampledNanos.add(System.nanoTime() - t);
        List<Row> out = new ArrayList<>(2 * n);
        add(out, 0, full);
        add(out, 1, sampled);
        return out.iterator();
    }

    /** Ranks through the source's screen, kept per JVM, when it has one for a screened scorer. */
    private static Ranks rankFull(FullRanking protocol, Scorer scorer, ScorerSource source) {
        // The first partition's popularity order stands for all: it only sets how soon a cut ranking stops.
        Optional<ExactScreen> screen = scorer instanceof ScreenedScorer ? source.screen(protocol.itemOrder())
                : Optional.empty();
        if (screen.isPresent() && scorer instanceof ScreenedScorer screened) {
            return protocol.rank(screened, screen.get());
        }
        return protocol.rank(scorer);
    }

    private static void add(List<Row> out, int protocol, Ranks ranks) {
        int[] u = ranks.users();
        int[] i = ranks.items();
        int[] r = ranks.ranks();
        int[] t = ranks.ties();
        int[] c = ranks.candidates();
        for (int p = 0; p < u.length; p++) {
            out.add(RowFactory.create(protocol, u[p], i[p], r[p], t[p], c[p]));
        }
    }

    /**
     * Enough partitions that each holds at most {@value #USERS_PER_PARTITION} evaluated users, a
     * multiple of the default parallelism so that the task slots finish together; a partition's memory
     * grows with its users' rows, and each partition costs a task.
     */
    static int defaultPartitions(int parallelism, int evaluatedUsers) {
        int p = Math.max(1, parallelism);
        int needed = (evaluatedUsers + USERS_PER_PARTITION - 1) / USERS_PER_PARTITION;
        return Math.max(p, (needed + p - 1) / p * p);
    }

    /** A growable int array: a partition's rows without boxing. */
    private static final class IntColumn {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** Index-only id mappings, one per size and JVM: the protocols need mappings, not raw ids. */
    private static IdMapping sequential(int size) {
        return SEQUENTIAL.computeIfAbsent(size, n -> IdMapping.sequential(0, n));
    }

    @Override
    public String toString() {
        return "SparkEvaluator{scorer=" + scorer + ", negatives=" + negatives + ", seed=" + seed + ", metrics="
                + metrics + ", partitions=" + (partitions > 0 ? partitions : "default") + "}";
    }

    /** Configures a {@link SparkEvaluator}; reusable after {@link #build()}. */
    public static final class Builder {

        private ScorerSource scorer;
        private int negatives = SampledRanking.DEFAULT_NEGATIVES;
        private long seed = Seeds.DEFAULT;
        private final List<RankMetric> metrics = new ArrayList<>();
        private int partitions;

        private Builder() {
        }

        /**
         * Sets the scorer to evaluate.
         *
         * @param scorer the source executors open the scorer from
         * @return this builder
         */
        public Builder scorer(ScorerSource scorer) {
            this.scorer = Objects.requireNonNull(scorer, "scorer");
            return this;
        }

        /**
         * Sets the number of sampled negatives per user.
         *
         * @param negatives at least 1 (default 99)
         * @return this builder
         */
        public Builder negatives(int negatives) {
            if (negatives < 1) {
                throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
            }
            this.negatives = negatives;
            return this;
        }

        /**
         * Sets the seed of the sampled candidates, as {@code SampledRanking.Builder.seed}.
         *
         * @param seed any value (default {@link Seeds#DEFAULT})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the metrics, replacing the default HR@10 and NDCG@10.
         *
         * @param metrics at least one, distinct by name
         * @return this builder
         */
        public Builder metrics(RankMetric... metrics) {
            if (metrics.length == 0) {
                throw new IllegalArgumentException("metrics must name at least one metric, got none");
            }
            this.metrics.clear();
            for (RankMetric m : metrics) {
                Objects.requireNonNull(m, "metric");
                if (this.metrics.stream().anyMatch(present -> present.name().equals(m.name()))) {
                    throw new IllegalArgumentException("metrics must be distinct, got " + m.name() + " twice");
                }
                this.metrics.add(m);
            }
            return this;
        }

        /**
         * Sets how many partitions the users are spread over; ranks do not depend on it.
         *
         * @param partitions at least 1 (default: enough for 16,384 evaluated users each, a multiple of
         *     Spark's default parallelism)
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
         * Builds the evaluator.
         *
         * @return the evaluator
         * @throws IllegalStateException if no scorer was set
         */
        public SparkEvaluator build() {
            if (scorer == null) {
                throw new IllegalStateException("scorer must be set, got none");
            }
            if (metrics.isEmpty()) {
                metrics.add(HitRate.at(10));
                metrics.add(Ndcg.at(10));
            }
            return new SparkEvaluator(this);
        }
    }
}
