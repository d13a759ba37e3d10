package io.github.ncf.core.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.Engines;
import io.github.ncf.core.model.Fixtures;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.data.Interactions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecommenderTest {

    private static final int USERS = 29;
    private static final int ITEMS = 41;
    private static Interactions data;
    private static NcfModel model;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(USERS, ITEMS, 4, 21);
        model = NcfModel.create(NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(4).mlpDim(8)
                .mlpLayers(16, 8).build(), data);
        for (var p : model.block().embeddingParameters()) {
            float[] v = p.getArray().toFloatArray();
            for (int k = 0; k < v.length; k++) {
                v[k] *= 80f;
            }
            model.block().setParameterValues(p.getName(), v);
        }
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    /** The ranking worked out directly from all scores: by score, then by item index. */
    private static List<String> expectedTop(String rawUser, int k, boolean exclude) {
        int u = data.userIds().index(rawUser);
        float[] s = new float[ITEMS];
        model.scoreAllItems(new int[] {u}, s);
        return IntStream.range(0, ITEMS).boxed()
                .filter(i -> !exclude || !data.contains(u, i))
                .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparing(i -> i))
                .limit(k).map(i -> data.itemIds().rawId(i)).collect(Collectors.toList());
    }

    private static List<String> ids(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::itemId).collect(Collectors.toList());
    }

    @Test
    void recommend_excludesTrainingItems_andRanksByScore() {
        Recommender r = Recommender.builder(model).build();
        for (int u = 0; u < USERS; u++) {
            String raw = data.userIds().rawId(u);
            List<Recommendation> recs = r.recommend(raw, 10);
            assertThat(ids(recs)).as(raw).isEqualTo(expectedTop(raw, 10, true));
            assertThat(recs).extracting(Recommendation::score).isSortedAccordingTo(Comparator.reverseOrder());
            for (Recommendation rec : recs) {
                assertThat(data.contains(u, data.itemIds().index(rec.itemId()))).isFalse();
                assertThat(rec.kind()).isEqualTo(ScoreKind.LOGIT);
            }
        }
    }

    @Test
    void recommend_includingTrainingItems_ranksAllItems() {
        Recommender r = Recommender.builder(model).excludeTrainingItems(false).build();
        String raw = data.userIds().rawId(3);
        assertThat(ids(r.recommend(raw, 15))).isEqualTo(expectedTop(raw, 15, false));
    }

    @Test
    void recommend_kLargerThanTheCandidates_returnsAllCandidates() {
        Recommender r = Recommender.builder(model).build();
        String raw = data.userIds().rawId(0);
        int candidates = ITEMS - data.itemCount(0);
        assertThat(r.recommend(raw, 1000)).hasSize(candidates);
    }

    @Test
    void recommend_kZero_isRejected() {
        assertThatThrownBy(() -> Recommender.builder(model).build().recommend("u1", 0))
                .hasMessage("k must be >= 1, got 0");
    }

    @Test
    void unknownUser_isAClearError() {
        Recommender r = Recommender.builder(model).build();
        assertThatThrownBy(() -> r.recommend("nobody", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown user id \"nobody\"")
                .hasMessageContaining("popularityFallback");
        assertThatThrownBy(() -> r.score("nobody", List.of("i1")))
                .hasMessageContaining("unknown user id \"nobody\"");
    }

    @Test
    void unknownUser_withFallback_getsTheMostPopularItems() {
        Recommender r = Recommender.builder(model).popularityFallback(true).build();
        int[] counts = data.itemRowCounts();
        List<String> expected = IntStream.range(0, ITEMS).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparing(i -> i))
                .limit(5).map(i -> data.itemIds().rawId(i)).collect(Collectors.toList());
        List<Recommendation> recs = r.recommend("nobody", 5);
        assertThat(ids(recs)).isEqualTo(expected);
        assertThat(recs).extracting(Recommendation::kind).containsOnly(ScoreKind.POPULARITY);
        assertThat(recs.get(0).score()).isEqualTo((float) counts[data.itemIds().index(expected.get(0))]);
        // a known user is still served by the model
        assertThat(r.recommend("u2", 3)).extracting(Recommendation::kind).containsOnly(ScoreKind.LOGIT);
    }

    @Test
    void modelRecommender_isTheDefaultRecommender_madeOnce() {
        Recommender r = model.recommender();
        assertThat(r).isSameAs(model.recommender());
        assertThat(r.excludesTrainingItems()).isTrue();
        assertThat(r.hasPopularityFallback()).isFalse();
        String raw = data.userIds().rawId(2);
        assertThat(ids(r.recommend(raw, 5))).isEqualTo(expectedTop(raw, 5, true));
    }

    @Test
    void recommendation_withoutKind_isRejected() {
        assertThatThrownBy(() -> new Recommendation("i1", 1f, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
    }

    @Test
    void score_givesTheModelsLogitsInTheOrderAsked() {
        Recommender r = Recommender.builder(model).build();
        List<Recommendation> scored = r.score("u4", List.of("i7", "i0", "i33"));
        float[] expected = new float[3];
        int u = data.userIds().index("u4");
        model.score(new int[] {u, u, u}, new int[] {data.itemIds().index("i7"),
                data.itemIds().index("i0"), data.itemIds().index("i33")}, expected);
        assertThat(ids(scored)).containsExactly("i7", "i0", "i33");
        assertThat(scored).extracting(Recommendation::score).containsExactly(expected[0], expected[1],
                expected[2]);
    }

    @Test
    void score_unknownItem_isAClearError() {
        assertThatThrownBy(() -> Recommender.builder(model).build().score("u4", List.of("i1", "zzz")))
                .hasMessageContaining("unknown item id \"zzz\"");
    }

    @Test
    void batchedRecommend_equalsOneUserAtATime() {
        Recommender r = Recommender.builder(model).popularityFallback(true).build();
        List<String> users = new ArrayList<>();
        for (int u = USERS - 1; u >= 0; u--) {
            users.add(data.userIds().rawId(u));
            if (u % 7 == 0) {
                users.add("stranger" + u);
            }
        }
        List<List<Recommendation>> batched = r.recommend(users, 6);
        assertThat(batched).hasSize(users.size());
        for (int b = 0; b < users.size(); b++) {
            // Batches of users go through larger matrix products, which may round differently in the
            // last bits; the ranking must be the same.
            List<Recommendation> single = r.recommend(users.get(b), 6);
            assertThat(ids(batched.get(b))).as(users.get(b)).isEqualTo(ids(single));
            for (int j = 0; j < single.size(); j++) {
                assertThat(batched.get(b).get(j).score()).isCloseTo(single.get(j).score(),
                        org.assertj.core.api.Assertions.within(1e-5f));
                assertThat(batched.get(b).get(j).fallback()).isEqualTo(single.get(j).fallback());
            }
        }
    }

    @Test
    void concurrentCalls_fromEightThreads_matchOneThread() throws Exception {
        Recommender r = Recommender.builder(model).build();
        List<String> users = data.userIds().rawIds();
        List<List<Recommendation>> expected = new ArrayList<>();
        for (String u : users) {
            expected.add(r.recommend(u, 10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<List<Recommendation>>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int shift = t;
                futures.add(pool.submit(() -> {
                    List<List<Recommendation>> got = new ArrayList<>();
                    for (int j = 0; j < users.size(); j++) {
                        got.add(null);
                    }
                    for (int j = 0; j < users.size(); j++) {
                        int idx = (j + shift * 5) % users.size();
                        got.set(idx, r.recommend(users.get(idx), 10));
                    }
                    return got;
                }));
            }
            for (Future<List<List<Recommendation>>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}
