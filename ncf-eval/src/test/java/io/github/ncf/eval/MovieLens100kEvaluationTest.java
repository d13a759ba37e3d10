package io.github.ncf.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.testing.TestData;
import io.github.ncf.eval.baseline.ItemPopularity;
import io.github.ncf.eval.baseline.RandomScorer;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Mrr;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Baselines on the real ML-100k leave-one-out split; skipped with a message without NCF_DATA_DIR. */
class MovieLens100kEvaluationTest {

    private static Split split;
    private static ProtocolEvaluator full;
    private static ProtocolEvaluator sampled;

    @BeforeAll
    static void load() throws IOException {
        split = LeaveOneOutSplitter.builder().build()
                .split(MovieLensReader.read(MovieLensVariant.ML_100K, TestData.ml100k()).interactions());
        full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(split.train()).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
        sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(split.train()).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10), Mrr.at(10)).build();
    }

    @Test
    void everyUserIsEvaluated_noneSkipped() {
        assertThat(full.protocol().evaluatedUsers()).isEqualTo(943);
        assertThat(full.protocol().skippedUsers()).isZero();
        assertThat(sampled.protocol().evaluatedUsers()).isEqualTo(943);
    }

    @Test
    void itemPopularity_bothProtocols_inSaneRanges() {
        ItemPopularity pop = ItemPopularity.fit(split.train());
        EvaluationResult f = full.evaluate(pop);
        EvaluationResult s = sampled.evaluate(pop);
        System.out.println("ML-100k ItemPopularity " + f);
        System.out.println("ML-100k ItemPopularity " + s);
        // Popularity beats chance by far under both protocols (chance: ~0.006 full, ~0.10 sampled) ...
        assertThat(f.mean("HR@10")).isBetween(0.02, 0.25);
        assertThat(s.mean("HR@10")).isBetween(0.25, 0.75);
        // ... and the sampled protocol flatters it, as it flatters every model.
        assertThat(s.mean("HR@10")).isGreaterThan(3 * f.mean("HR@10"));
        for (EvaluationResult r : List.of(f, s)) {
            assertThat(r.mean("NDCG@10")).isPositive().isLessThan(r.mean("HR@10"));
            assertThat(r.mean("MRR@10")).isPositive().isLessThanOrEqualTo(r.mean("NDCG@10"));
        }
    }

    @Test
    void randomScorer_scoresAtChance() {
        RandomScorer random = RandomScorer.builder().numUsers(split.train().numUsers())
                .numItems(split.train().numItems()).seed(1L).build();
        EvaluationResult f = full.evaluate(random);
        EvaluationResult s = sampled.evaluate(random);
        System.out.println("ML-100k RandomScorer " + f);
        System.out.println("ML-100k RandomScorer " + s);
        // Sampled: 10 of 100 candidates, so HR@10 ~ 0.10 (sd ~0.01 over 943 users).
        assertThat(s.mean("HR@10")).isBetween(0.06, 0.14);
        // Full: 10 of ~1,580 unmasked candidates on average, HR@10 ~ 0.007.
        assertThat(f.mean("HR@10")).isLessThan(0.025);
    }

    @Test
    void comparison_ordersPopularityAboveRandom_underBothProtocols() {
        ProtocolComparison table = ProtocolComparison.of(List.of(full, sampled))
                .add("ItemPopularity", ItemPopularity.fit(split.train()))
                .add("Random", RandomScorer.builder().numUsers(943).numItems(1682).build());
        System.out.println(table.toMarkdown());
        for (int e = 0; e < 2; e++) {
            assertThat(table.results("ItemPopularity").get(e).mean("HR@10"))
                    .isGreaterThan(table.results("Random").get(e).mean("HR@10"));
        }
    }
}
