package io.github.ncf.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.core.Engines;
import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.core.train.internal.EpochSource;
import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The listener plugged into the real trainer: evaluations land in the history at the right epochs. */
class TrainingEvaluationTest {

    private static final int USERS = 24;
    private static final int ITEMS = 36;

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    /** User u likes the items i with (u + i) % 3 == 0; the largest such item is held out. */
    private static Interactions[] structuredSplit() {
        int[] tu = new int[USERS * 12];
        int[] ti = new int[tu.length];
        int[] su = new int[USERS];
        int[] si = new int[USERS];
        int r = 0;
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                if ((u + i) % 3 == 0) {
                    tu[r] = u;
                    ti[r++] = i;
                }
            }
            su[u] = u;
            si[u] = ti[--r];
        }
        IdMapping users = IdMapping.sequential(0, USERS);
        IdMapping items = IdMapping.sequential(0, ITEMS);
        return new Interactions[] {
            Interactions.of(users, items, java.util.Arrays.copyOf(tu, r), java.util.Arrays.copyOf(ti, r),
                    null, null),
            Interactions.of(users, items, su, si, null, null),
        };
    }

    private static EpochSource source(Interactions train, int negatives) {
        return epoch -> {
            Random rnd = new Random(100L + epoch);
            int rows = 1 + negatives;
            int n = train.size() * rows;
            int[] u = new int[n];
            int[] it = new int[n];
            float[] y = new float[n];
            for (int p = 0; p < train.size(); p++) {
                int user = train.user(p);
                u[p * rows] = user;
                it[p * rows] = train.item(p);
                y[p * rows] = 1f;
                for (int k = 1; k < rows; k++) {
                    int cand;
                    do {
                        cand = rnd.nextInt(ITEMS);
                    } while (train.contains(user, cand));
                    u[p * rows + k] = user;
                    it[p * rows + k] = cand;
                }
            }
            return EpochSamples.of(u, it, y, rows);
        };
    }

    @Test
    void listener_recordsEveryNthAndLastEpoch_andMatchesTheTrainedModel() {
        Interactions[] split = structuredSplit();
        ProtocolEvaluator full = ProtocolEvaluator.builder()
                .protocol(FullRanking.builder().train(split[0]).test(split[1]).build())
                .metrics(HitRate.at(5), Ndcg.at(5)).build();
        ProtocolEvaluator sampled = ProtocolEvaluator.builder()
                .protocol(SampledRanking.builder().train(split[0]).test(split[1]).negatives(20).build())
                .metrics(HitRate.at(5)).build();
        EvaluationListener listener = EvaluationListener.builder().evaluators(SplitKind.TEST, full, sampled).every(2)
                .build();
        GMF block = GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).seed(1L).build();
        try (NcfModel model = NcfModel.create(block, split[0])) {
            NcfTrainer.builder().epochs(5).batchSize(32).learningRate(0.01f).listener(listener).build()
                    .fit(model, source(split[0], 4));
            assertThat(listener.history()).extracting(EpochMetrics::epoch).containsExactly(2, 4, 5);
            assertThat(listener.history()).allSatisfy(m -> assertThat(m.results()).hasSize(2));
            // The last evaluation saw the final weights in inference mode: re-evaluating agrees.
            EpochMetrics last = listener.latest().orElseThrow();
            assertThat(last.value("full", "HR@5")).isEqualTo(full.evaluate(model).mean("HR@5"));
            assertThat(last.value("sampled-20", "HR@5")).isEqualTo(sampled.evaluate(model).mean("HR@5"));
            assertThat(last.meanLoss()).isPositive();
        }
    }
}
