package io.github.ncf.spark.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.ScreenedScorer;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.testing.TestData;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.ProtocolEvaluator;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.spark.SparkInteractions;
import io.github.ncf.spark.SparkSplit;
import io.github.ncf.spark.SparkSplitter;
import io.github.ncf.spark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small NeuMF trained on ML-100k (one epoch), saved, and evaluated on Spark and on one machine.
 * Skipped with a message without NCF_DATA_DIR.
 */
class SparkEvaluatorTest {

    private static final SparkSession SPARK = TestSpark.session();

    private static Split localSplit;
    private static SparkSplit sparkSplit;
    private static Path modelDir;
    private static NcfModelSource source;
    private static EvaluationResult localFull;
    private static EvaluationResult localSampled;

    @BeforeAll
    static void trainAndSave() throws Exception {
        Path dir = TestData.ml100k();
        Interactions data = MovieLensReader.read(MovieLensVariant.ML_100K, dir).interactions();
        localSplit = LeaveOneOutSplitter.builder().validation(true).build().split(data);
        SparkInteractions sparkData = TestSpark.ml100k().interactions();
        sparkSplit = SparkSplitter.of(LeaveOneOutSplitter.builder().validation(true).build()).split(sparkData);
        Interactions train = localSplit.trainAndValidation();
        modelDir = Files.createTempDirectory("ncf-spark-model-");
        try (NcfModel model = NcfModel.create(NeuMF.builder().numUsers(data.numUsers()).numItems(data.numItems())
                .gmfDim(8).mlpLayers(32, 16, 8).seed(3L).build(), train)) {
            NcfTrainer.builder().epochs(1).batchSize(256).negatives(4).seed(1L).build().fit(model, train);
            model.save(modelDir);
            localFull = ProtocolEvaluator.builder()
                    .protocol(FullRanking.builder().train(train).test(localSplit.test()).build())
                    .metrics(HitRate.at(10), Ndcg.at(10)).build().evaluate(model);
            localSampled = ProtocolEvaluator.builder()
                    .protocol(SampledRanking.builder().train(train).test(localSplit.test()).build())
                    .metrics(HitRate.at(10), Ndcg.at(10)).build().evaluate(model);
        }
        source = NcfModelSource.broadcast(SPARK, modelDir);
    }

    @Test
    void savedNeuMF_onMovieLens100k_hasTheSameRanksAsOnOneMachine_underBothProtocols() {
        SparkEvaluation r = SparkEvaluator.builder().scorer(source).partitions(3).build().test(sparkSplit);
        assertSameRanks(r.full(), localFull);
        assertSameRanks(r.sampled(), localSampled);
        assertThat(r.full().mean("HR@10")).isEqualTo(localFull.mean("HR@10"));
        assertThat(r.full().mean("NDCG@10")).isEqualTo(localFull.mean("NDCG@10"));
        assertThat(r.sampled().mean("HR@10")).isEqualTo(localSampled.mean("HR@10"));
        assertThat(r.sampled().mean("NDCG@10")).isEqualTo(localSampled.mean("NDCG@10"));
        assertThat(r.sampled().protocol()).isEqualTo("sampled-99");
    }

    @Test
    void oneAndSevenPartitions_giveTheSameRanks() {
        SparkEvaluation one = SparkEvaluator.builder().scorer(source).partitions(1).build().test(sparkSplit);
        SparkEvaluation seven = SparkEvaluator.builder().scorer(source).partitions(7).build().test(sparkSplit);
        assertThat(seven.full().ranks()).isEqualTo(one.full().ranks());
        assertThat(seven.sampled().ranks()).isEqualTo(one.sampled().ranks());
    }

    @Test
    void model_isLoadedOncePerJvm_howeverManyTasksUseIt() {
        SparkEvaluator.builder().scorer(source).partitions(7).build().validation(sparkSplit);
        SparkEvaluator.builder().scorer(source).partitions(5).build().test(sparkSplit);
        assertThat(source.loadsInThisJvm()).isEqualTo(1);
    }

    @Test
    void screen_isOpenedOncePerJvm_andNoPartitionOpensItsOwn() {
        ScreenCounting counting = new ScreenCounting(source);
        SparkEvaluation seven = SparkEvaluator.builder().scorer(counting).partitions(7).build().test(sparkSplit);
        SparkEvaluator.builder().scorer(counting).partitions(5).build().validation(sparkSplit);
        assertThat(seven.partitions()).isEqualTo(7);
        assertThat(source.screensInThisJvm()).as("screens the source opened").isEqualTo(1);
        assertThat(ScreenCounting.OPENED.get()).as("screens opened by the partitions themselves").isZero();
    }

    @Test
    void defaultPartitions_followTheHeldOutUsers_notTheIdTable() {
        // 40,000 users in the id table (three partitions' worth), 30 of them evaluated.
        int numUsers = 40_000;
        int numItems = 20;
        int evaluated = 30;
        int[] knownUsers = new int[evaluated * 3];
        int[] knownItems = new int[evaluated * 3];
        int[] heldUsers = new int[evaluated];
        int[] heldItems = new int[evaluated];
        for (int u = 0; u < evaluated; u++) {
            for (int k = 0; k < 3; k++) {
                knownUsers[3 * u + k] = u;
                knownItems[3 * u + k] = (u + k) % numItems;
            }
            heldUsers[u] = u;
            heldItems[u] = (u + 3) % numItems;
        }
        IdMapping users = IdMapping.sequential(0, numUsers);
        IdMapping items = IdMapping.sequential(0, numItems);
        Interactions known = Interactions.wrap(users, items, knownUsers, knownItems, null, null);
        Interactions heldOut = Interactions.wrap(users, items, heldUsers, heldItems, null, null);
        FactorScorer scorer = new FactorScorer(numUsers, numItems, 1, new float[numUsers], new float[numItems]);
        SparkEvaluation r = SparkEvaluator.builder().scorer(scorer).negatives(5).build().evaluate(
                SparkInteractions.fromLocal(SPARK, known, 2), SparkInteractions.fromLocal(SPARK, heldOut, 2));
        assertThat(r.full().evaluatedUsers()).isEqualTo(evaluated);
        assertThat(r.partitions()).as("local[2]: the parallelism, for 30 evaluated users").isEqualTo(2);
    }

    @Test
    void recommendations_neverContainTrainingItems_andUseRawIds() {
        List<Row> recs = SparkRecommender.builder().model(source).k(10).build()
                .recommend(sparkSplit.trainAndValidation().userIds()).collectAsList();
        Interactions known = localSplit.trainAndValidation();
        assertThat(recs).hasSize(10 * known.numUsers());
        Set<String> users = new HashSet<>();
        for (Row r : recs) {
            int user = known.userIds().index(r.getString(0));
            int item = known.itemIds().index(r.getString(2));
            users.add(r.getString(0));
            assertThat(known.contains(user, item)).as("user %s item %s", r.getString(0), r.getString(2)).isFalse();
        }
        assertThat(users).hasSize(known.numUsers());
    }

    @Test
    void recommendations_ofAOnePartitionUserTable_spreadOverTheParallelism_withTheSameLists() {
        org.apache.spark.sql.Dataset<Row> users = sparkSplit.trainAndValidation().userIds().coalesce(1);
        org.apache.spark.sql.Dataset<Row> spread = SparkRecommender.builder().model(source).k(5).build()
                .recommend(users);
        org.apache.spark.sql.Dataset<Row> single = SparkRecommender.builder().model(source).k(5).partitions(1)
                .build().recommend(users);
        assertThat(spread.rdd().getNumPartitions()).as("local[2]: the default parallelism").isEqualTo(2);
        assertThat(single.rdd().getNumPartitions()).isEqualTo(1);
        assertThat(new HashSet<>(spread.collectAsList())).hasSize(localSplit.trainAndValidation().numUsers() * 5)
                .isEqualTo(new HashSet<>(single.collectAsList()));
    }

    @Test
    void recommenderPartitions_zero_isRejected() {
        assertThatThrownBy(() -> SparkRecommender.builder().partitions(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("partitions must be >= 1, got 0");
    }

    @Test
    void evaluatorWithoutScorer_isRejected() {
        assertThatThrownBy(() -> SparkEvaluator.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scorer");
    }

    @Test
    void defaultPartitions_holdAtMost16384UsersEach_inAMultipleOfTheParallelism() {
        assertThat(SparkEvaluator.defaultPartitions(2, 943)).isEqualTo(2);
        assertThat(SparkEvaluator.defaultPartitions(2, 138_493)).isEqualTo(10);
        assertThat(SparkEvaluator.defaultPartitions(3, 2 * 16_384 + 1)).isEqualTo(3);
        assertThat(SparkEvaluator.defaultPartitions(1, 16_384)).isEqualTo(1);
    }

    /**
     * The broadcast model as a source whose scorer counts the screens opened through it: a partition
     * that ranked without the source's screen would open one.
     */
    private static final class ScreenCounting implements ScorerSource {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger OPENED = new AtomicInteger();
        private final NcfModelSource model;

        ScreenCounting(NcfModelSource model) {
            this.model = model;
        }

        @Override
        public Scorer scorer() {
            ScreenedScorer inner = (ScreenedScorer) model.scorer();
            return new ScreenedScorer() {
                @Override
                public ExactScreen openScreen() {
                    OPENED.incrementAndGet();
                    return inner.openScreen();
                }

                @Override
                public int numUsers() {
                    return inner.numUsers();
                }

                @Override
                public int numItems() {
                    return inner.numItems();
                }

                @Override
                public void score(int[] users, int[] items, float[] out) {
                    inner.score(users, items, out);
                }

                @Override
                public void scoreAllItems(int[] users, float[] out) {
                    inner.scoreAllItems(users, out);
                }
            };
        }

        @Override
        public Optional<ExactScreen> screen() {
            return model.screen();
        }
    }

    private static void assertSameRanks(EvaluationResult spark, EvaluationResult local) {
        assertThat(spark.ranks().users()).isEqualTo(local.ranks().users());
        assertThat(spark.ranks().items()).isEqualTo(local.ranks().items());
        assertThat(spark.ranks().candidates()).isEqualTo(local.ranks().candidates());
        assertThat(spark.ranks().ranks()).isEqualTo(local.ranks().ranks());
        assertThat(spark.skippedUsers()).isEqualTo(local.skippedUsers());
    }
}
