package io.github.ncf.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.core.Engines;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.eval.testing.EvalFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An NCF model is evaluated through the same Scorer contract as the baselines. */
class NcfModelEvaluationTest {

    private static final Interactions[] SPLIT = EvalFixtures.randomSplit(30, 80, 10, 6L);

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    /** Hides the model's factorised scoreAllItems, forcing the plain pairwise forward pass. */
    private static Scorer pairwise(Scorer model) {
        return new Scorer() {
            @Override
            public int numUsers() {
                return model.numUsers();
            }

            @Override
            public int numItems() {
                return model.numItems();
            }

            @Override
            public void score(int[] users, int[] items, float[] out) {
                model.score(users, items, out);
            }
        };
    }

    @Test
    void factorisedScoring_equalsThePlainForwardPass_within1e5() {
        NeuMF block = NeuMF.builder().numUsers(30).numItems(80).seed(3L).build();
        try (NcfModel model = NcfModel.create(block, SPLIT[0])) {
            int[] users = {0, 7, 29};
            float[] factorised = new float[3 * 80];
            float[] plain = new float[3 * 80];
            model.scoreAllItems(users, factorised);
            pairwise(model).scoreAllItems(users, plain);
            for (int k = 0; k < plain.length; k++) {
                assertThat(factorised[k]).as("pair %d", k).isCloseTo(plain[k], within(1e-5f));
            }
        }
    }

    @Test
    void model_isEvaluatedUnderBothProtocols() {
        NeuMF block = NeuMF.builder().numUsers(30).numItems(80).seed(3L).build();
        try (NcfModel model = NcfModel.create(block, SPLIT[0])) {
            EvaluationResult full = ProtocolEvaluator.builder()
                    .protocol(FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).build())
                    .metrics(HitRate.at(10)).build().evaluate(model);
            EvaluationResult sampled = ProtocolEvaluator.builder()
                    .protocol(SampledRanking.builder().train(SPLIT[0]).test(SPLIT[1]).negatives(50).build())
                    .metrics(HitRate.at(10)).build().evaluate(model);
            assertThat(full.evaluatedUsers()).isEqualTo(30);
            assertThat(sampled.evaluatedUsers()).isEqualTo(30);
            // Candidates: 80 items minus each user's 9 training items.
            assertThat(full.ranks().candidates()).containsOnly(71);
            assertThat(sampled.ranks().candidates()).containsOnly(51);
            assertThat(java.util.Arrays.stream(full.ranks().ranks()).max().getAsInt()).isBetween(0, 70);
        }
    }
}
