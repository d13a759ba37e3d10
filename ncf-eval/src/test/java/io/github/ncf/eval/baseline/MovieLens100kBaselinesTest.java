package io.github.ncf.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The baselines on ML-100k, leave-one-out by time with file-order ties, fitted on the training split
 * and tested once with each protocol; skipped with a message without NCF_DATA_DIR. Hyperparameters
 * are the defaults, which were chosen on a validation hold-out of the training split.
 */
class MovieLens100kBaselinesTest {

    private static Split split;
    private static ProtocolEvaluator full;
    private static ProtocolEvaluator sampled;

    @BeforeAll
    static void load() throws IOException {
        split = LeaveOneOutSplitter.builder().build()
                .split(MovieLensReader.read(MovieLensVariant.ML_100K, TestData.ml100k()).interactions());
        full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(split.train()).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build();
        sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(split.train()).test(split.test()).build())
                .metrics(HitRate.at(10), Ndcg.at(10)).build();
    }

    @Test
    void ease_lambda100_reproducesTheReferenceFigures() {
        EASE ease = EASE.builder().lambda(100).fit(split.train());
        EvaluationResult f = full.evaluate(ease);
        EvaluationResult s = sampled.evaluate(ease);
        System.out.println("ML-100k " + ease + " " + f);
        System.out.println("ML-100k " + ease + " " + s);
        assertThat(f.mean("HR@10")).isCloseTo(0.1485, within(0.003));
        assertThat(f.mean("NDCG@10")).isCloseTo(0.0723, within(0.003));
        // The reference's sampled 0.618 came from another candidate draw: seeds 1 to 6 of
        // SampledRanking give 0.624 to 0.647 (0.642 with the default seed), so only a band is checked.
        assertThat(s.mean("HR@10")).isBetween(0.60, 0.68);
    }

    @Test
    void itemKnn_k20_reproducesTheReferenceFigure() {
        ItemKNN knn = ItemKNN.fit(split.train());
        EvaluationResult f = full.evaluate(knn);
        EvaluationResult s = sampled.evaluate(knn);
        System.out.println("ML-100k " + knn + " " + f);
        System.out.println("ML-100k " + knn + " " + s);
        // Reference: cosine k = 20 reached full HR@10 0.1336 on this split; popularity 0.0859.
        assertThat(f.mean("HR@10")).isCloseTo(0.1336, within(0.003));
        assertThat(s.mean("HR@10")).isGreaterThan(0.5);
    }

    @Test
    void implicitAls_comesNearEase() {
        // lambda 10 and alpha 1 won on validation; 32 factors (validation HR@10 0.1644 against 0.1676
        // for the default 64) keep this test four times cheaper.
        ImplicitALS als = ImplicitALS.builder().factors(32).lambda(10).alpha(1).iterations(15)
                .fit(split.train());
        EvaluationResult f = full.evaluate(als);
        EvaluationResult s = sampled.evaluate(als);
        System.out.println("ML-100k " + als + " " + f);
        System.out.println("ML-100k " + als + " " + s);
        assertThat(f.mean("HR@10")).isGreaterThan(0.12);
        assertThat(s.mean("HR@10")).isGreaterThan(0.55);
    }
}
