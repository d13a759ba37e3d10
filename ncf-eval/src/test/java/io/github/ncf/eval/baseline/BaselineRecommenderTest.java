package io.github.ncf.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.serve.Recommendation;
import io.github.ncf.core.serve.ScoreKind;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.protocol.FullRanking;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineRecommenderTest {

    // Items c (3 rows), a (2 rows), d (1 row), b (0 rows); user x knows a and c.
    private static Interactions train() {
        IdMapping users = IdMapping.of("x", "y", "z");
        IdMapping items = IdMapping.of("a", "b", "c", "d");
        return Interactions.of(users, items, new int[] {0, 1, 0, 1, 2, 2},
                new int[] {0, 0, 2, 2, 2, 3}, null, null);
    }

    private static List<String> ids(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::itemId).toList();
    }

    @Test
    void recommend_leavesKnownItemsOut_byRawId_markedAsBaselineScores() {
        Interactions train = train();
        BaselineRecommender r = BaselineRecommender.builder(ItemPopularity.fit(train), train).build();

        List<Recommendation> top = r.recommend("x", 4);

        assertThat(ids(top)).containsExactly("d", "b");
        assertThat(top).extracting(Recommendation::score).containsExactly(1f, 0f);
        assertThat(top).extracting(Recommendation::kind).containsOnly(ScoreKind.SCORE);
    }

    @Test
    void recommend_withKnownItems_ranksEveryItem() {
        Interactions train = train();
        BaselineRecommender r = BaselineRecommender.builder(ItemPopularity.fit(train), train)
                .excludeKnownItems(false).build();

        assertThat(ids(r.recommend("x", 4))).containsExactly("c", "a", "d", "b");
    }

    @Test
    void recommend_equalsTheFullRankingProtocolsTopK_forEveryUser() {
        Split split = LeaveOneOutSplitter.builder().build().split(SyntheticInteractions.tiny().generate());
        Interactions train = split.train();
        ItemKNN knn = ItemKNN.builder().k(5).fit(train);
        FullRanking full = FullRanking.builder().train(train).test(split.test()).build();
        int[][] expected = full.topK(knn, 10);
        List<String> users = new ArrayList<>();
        for (int u : full.users()) {
            users.add(train.userIds().rawId(u));
        }

        List<List<Recommendation>> got = BaselineRecommender.builder(knn, train).build().recommend(users, 10);

        for (int b = 0; b < users.size(); b++) {
            List<String> want = new ArrayList<>();
            for (int i : expected[b]) {
                want.add(train.itemIds().rawId(i));
            }
            assertThat(ids(got.get(b))).as("user %s", users.get(b)).isEqualTo(want);
        }
    }

    @Test
    void score_givesTheScorersScores_inTheOrderAsked() {
        Interactions train = train();
        BaselineRecommender r = BaselineRecommender.builder(ItemPopularity.fit(train), train).build();

        assertThat(r.score("z", List.of("b", "c"))).extracting(Recommendation::score).containsExactly(0f, 3f);
    }

    @Test
    void unknownUser_isRejectedNamingIt() {
        Interactions train = train();
        BaselineRecommender r = BaselineRecommender.builder(ItemPopularity.fit(train), train).build();

        assertThat(r.knows("w")).isFalse();
        assertThatThrownBy(() -> r.recommend("w", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown user id \"w\"").hasMessageContaining("3 users");
    }

    @Test
    void k_zero_isRejected() {
        Interactions train = train();
        BaselineRecommender r = BaselineRecommender.builder(ItemPopularity.fit(train), train).build();

        assertThatThrownBy(() -> r.recommend("x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 1, got 0");
    }

    @Test
    void scorerOfOtherInteractions_isRejectedNamingBothSizes() {
        Interactions other = Interactions.of(IdMapping.of("x"), IdMapping.of("a", "b"), new int[] {0},
                new int[] {1}, null, null);
        assertThatThrownBy(() -> BaselineRecommender.builder(ItemPopularity.fit(other), train()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 users and 4 items, got 1 users and 2 items");
    }
}
