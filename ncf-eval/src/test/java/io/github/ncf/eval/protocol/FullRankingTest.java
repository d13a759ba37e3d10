package io.github.ncf.eval.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.testing.Fixtures;
import io.github.ncf.eval.baseline.ItemPopularity;
import io.github.ncf.eval.baseline.RandomScorer;
import io.github.ncf.eval.testing.EvalFixtures;
import io.github.ncf.eval.testing.TableScorer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FullRankingTest {

    private static FullRanking handWorked() {
        return FullRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test()).build();
    }

    private static Split band() {
        // 60 users over 40 items, 12 interactions each; the last by timestamp is held out.
        return LeaveOneOutSplitter.builder().build().split(Fixtures.band(60, 40, 12));
    }

    @Test
    void rank_countsUnmaskedItemsScoredStrictlyHigher() {
        Ranks ranks = handWorked().rank(new TableScorer(EvalFixtures.scores()));
        assertThat(ranks.users()).containsExactly(0, 1, 3);
        assertThat(ranks.items()).containsExactly(4, 7, 0);
        assertThat(ranks.ranks()).containsExactly(2, 6, 0);
    }

    @Test
    void rank_ignoresTrainingItemsScoredHigher() {
        // User 3's training items 5 and 6 score 9, above the held-out item's 3, yet it ranks first.
        assertThat(handWorked().rank(new TableScorer(EvalFixtures.scores())).rank(2)).isZero();
    }

    @Test
    void ties_countInTheHeldOutItemsFavour_andAreReported() {
        Ranks ranks = handWorked().rank(new TableScorer(EvalFixtures.scores()));
        // User 3: item 1 ties with the held-out item 0; user 1: no other item scores 0.5.
        assertThat(ranks.ties()).containsExactly(0, 0, 1);
        assertThat(ranks.usersWithTies()).isEqualTo(1);
    }

    @Test
    void constantScorer_ranksEveryHeldOutItemFirst_withAllCandidatesTied() {
        float[][] flat = new float[4][8];
        Ranks ranks = handWorked().rank(new TableScorer(flat));
        assertThat(ranks.ranks()).containsOnly(0);
        // Candidates: 8 items minus the masked training items; ties: all candidates but the item.
        assertThat(ranks.candidates()).containsExactly(6, 7, 6);
        assertThat(ranks.ties()).containsExactly(5, 6, 5);
    }

    @Test
    void usersWithoutTestRow_areCountedAsSkipped() {
        FullRanking full = handWorked();
        assertThat(full.evaluatedUsers()).isEqualTo(3);
        assertThat(full.skippedUsers()).isEqualTo(1);
        assertThat(full.users()).containsExactly(0, 1, 3);
    }

    @Test
    void heldOutItemAlsoInTraining_isNotMasked() {
        IdMapping users = IdMapping.sequential(0, 1);
        IdMapping items = IdMapping.sequential(0, 4);
        Interactions train = Interactions.of(users, items, new int[] {0, 0}, new int[] {1, 2}, null, null);
        Interactions test = Interactions.of(users, items, new int[] {0}, new int[] {1}, null, null);
        FullRanking full = FullRanking.builder().train(train).test(test).build();
        Ranks ranks = full.rank(new TableScorer(new float[][] {{4, 3, 9, 1}}));
        // Item 2 is masked; item 0 beats the held-out item 1; items 1 and 3 remain candidates.
        assertThat(ranks.rank(0)).isEqualTo(1);
        assertThat(ranks.candidates()).containsExactly(3);
    }

    @Test
    void trainingItems_neverAppearInATopK() {
        Split split = band();
        FullRanking full = FullRanking.builder().train(split.train()).test(split.test()).build();
        RandomScorer random = RandomScorer.builder().numUsers(60).numItems(40).seed(3L).build();
        int[][] top = full.topK(random, 10);
        int[] users = full.users();
        int[] heldOut = full.testItems();
        int[] candidates = full.rank(random).candidates();
        assertThat(top.length).isEqualTo(users.length);
        for (int p = 0; p < users.length; p++) {
            // User u0 of the band fixture has touched every item, so has a single candidate.
            assertThat(top[p]).hasSize(Math.min(10, candidates[p])).doesNotHaveDuplicates();
            for (int item : top[p]) {
                if (item != heldOut[p]) {
                    assertThat(split.train().contains(users[p], item))
                            .as("user %d item %d", users[p], item).isFalse();
                }
            }
        }
    }

    @Test
    void topK_isOrderedByScore_andAgreesWithRank() {
        Split split = band();
        FullRanking full = FullRanking.builder().train(split.train()).test(split.test()).build();
        RandomScorer random = RandomScorer.builder().numUsers(60).numItems(40).seed(5L).build();
        int[][] top = full.topK(random, 10);
        Ranks ranks = full.rank(random);
        int[] users = full.users();
        int[] heldOut = full.testItems();
        for (int p = 0; p < users.length; p++) {
            for (int k = 1; k < top[p].length; k++) {
                assertThat(random.score(users[p], top[p][k - 1]))
                        .isGreaterThanOrEqualTo(random.score(users[p], top[p][k]));
            }
            // Random scores have no ties here, so "in the top 10" and "rank < 10" must agree.
            int item = heldOut[p];
            boolean inTop = Arrays.stream(top[p]).anyMatch(i -> i == item);
            assertThat(inTop).isEqualTo(ranks.rank(p) < 10);
        }
    }

    @Test
    void rank_equalsRankFoundBySorting() {
        Split split = band();
        FullRanking full = FullRanking.builder().train(split.train()).test(split.test()).build();
        RandomScorer random = RandomScorer.builder().numUsers(60).numItems(40).seed(11L).build();
        Ranks ranks = full.rank(random);
        int[] users = full.users();
        int[] heldOut = full.testItems();
        for (int p = 0; p < users.length; p++) {
            int u = users[p];
            int item = heldOut[p];
            float target = random.score(u, item);
            Integer[] candidates = java.util.stream.IntStream.range(0, 40)
                    .filter(i -> i == item || !split.train().contains(u, i)).boxed()
                    .sorted((a, b) -> Float.compare(random.score(u, b), random.score(u, a)))
                    .toArray(Integer[]::new);
            int position = Arrays.asList(candidates).indexOf(heldOut[p]);
            assertThat(random.score(u, candidates[position])).isEqualTo(target);
            assertThat(ranks.rank(p)).as("user %d", u).isEqualTo(position);
        }
    }

    @Test
    void batchSize_doesNotChangeRanks() {
        Split split = band();
        RandomScorer random = RandomScorer.builder().numUsers(60).numItems(40).seed(1L).build();
        Ranks one = FullRanking.builder().train(split.train()).test(split.test()).usersPerBatch(1)
                .build().rank(random);
        Ranks seven = FullRanking.builder().train(split.train()).test(split.test()).usersPerBatch(7)
                .build().rank(random);
        Ranks all = FullRanking.builder().train(split.train()).test(split.test()).usersPerBatch(1000)
                .build().rank(random);
        assertThat(seven).isEqualTo(one);
        assertThat(all).isEqualTo(one);
    }

    @Test
    void threads_doNotChangeRanks() {
        Split split = band();
        RandomScorer random = RandomScorer.builder().numUsers(60).numItems(40).seed(1L).build();
        Ranks one = FullRanking.builder().train(split.train()).test(split.test()).build().rank(random);
        Ranks three = FullRanking.builder().train(split.train()).test(split.test()).threads(3)
                .usersPerBatch(4).build().rank(random);
        assertThat(three).isEqualTo(one);
    }

    @Test
    void failureOnAWorkerThread_reachesTheCaller() {
        float[][] scores = EvalFixtures.scores();
        scores[3][2] = Float.NaN;
        FullRanking full = FullRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test())
                .threads(2).build();
        assertThatThrownBy(() -> full.rank(new TableScorer(scores)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("user 3");
    }

    @Test
    void threads_zero_isRejected() {
        assertThatThrownBy(() -> FullRanking.builder().threads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void usersAreScoredInBatches() {
        TableScorer scorer = new TableScorer(EvalFixtures.scores());
        FullRanking.builder().train(EvalFixtures.train()).test(EvalFixtures.test()).usersPerBatch(2)
                .build().rank(scorer);
        assertThat(scorer.scoreAllCalls()).isEqualTo(2);
    }

    @Test
    void popularity_ranksByTrainingCount() {
        Split split = band();
        FullRanking full = FullRanking.builder().train(split.train()).test(split.test()).build();
        ItemPopularity pop = ItemPopularity.fit(split.train());
        Ranks ranks = full.rank(pop);
        int[] users = full.users();
        int[] heldOut = full.testItems();
        for (int p = 0; p < users.length; p++) {
            int u = users[p];
            int target = pop.count(heldOut[p]);
            long higher = java.util.stream.IntStream.range(0, 40)
                    .filter(i -> !split.train().contains(u, i) && pop.count(i) > target).count();
            assertThat(ranks.rank(p)).isEqualTo((int) higher);
        }
    }

    @Test
    void userWithTwoTestItems_isRejected() {
        IdMapping users = IdMapping.of("alice");
        IdMapping items = IdMapping.sequential(0, 3);
        Interactions train = Interactions.of(users, items, new int[] {0}, new int[] {0}, null, null);
        Interactions test = Interactions.of(users, items, new int[] {0, 0}, new int[] {1, 2}, null, null);
        assertThatThrownBy(() -> FullRanking.builder().train(train).test(test).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"alice\"").hasMessageContaining("2 distinct test items");
    }

    @Test
    void trainAndTestWithDifferentMappings_areRejected() {
        Interactions other = Interactions.of(IdMapping.sequential(0, 4), IdMapping.sequential(0, 9),
                new int[] {0}, new int[] {0}, null, null);
        assertThatThrownBy(() -> FullRanking.builder().train(EvalFixtures.train()).test(other).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id mappings");
    }

    @Test
    void missingTest_isRejected() {
        assertThatThrownBy(() -> FullRanking.builder().train(EvalFixtures.train()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test=none");
    }

    @Test
    void usersPerBatch_zero_isRejected() {
        assertThatThrownBy(() -> FullRanking.builder().usersPerBatch(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usersPerBatch must be >= 1, got 0");
    }

    @Test
    void scorerNotKnowingATestUser_isRejected() {
        float[][] threeUsers = Arrays.copyOf(EvalFixtures.scores(), 3);
        assertThatThrownBy(() -> handWorked().rank(new TableScorer(threeUsers)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scorer knows 3 users").hasMessageContaining("index 3");
    }

    @Test
    void scorerWithAnotherItemCount_isRejected() {
        assertThatThrownBy(() -> handWorked().rank(new TableScorer(new float[4][9])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scorer knows 9 items").hasMessageContaining("has 8");
    }

    @Test
    void nanScore_isRejected() {
        float[][] scores = EvalFixtures.scores();
        scores[1][3] = Float.NaN;
        assertThatThrownBy(() -> handWorked().rank(new TableScorer(scores)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN")
                .hasMessageContaining("user 1");
    }

    @Test
    void nanOnAMaskedItem_isIgnored() {
        float[][] scores = EvalFixtures.scores();
        scores[0][0] = Float.NaN; // user 0 trains on item 0
        assertThat(handWorked().rank(new TableScorer(scores)).rank(0)).isEqualTo(2);
    }
}
