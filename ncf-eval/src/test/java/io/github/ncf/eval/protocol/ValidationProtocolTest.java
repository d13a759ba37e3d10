package io.github.ncf.eval.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.testing.TableScorer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The protocols of a split with validation: what each ranking masks and which candidates it avoids. */
class ValidationProtocolTest {

    /**
     * One user "a" over items "0".."5", in time order 0, 1, 2, 3: training items 0 and 1, validation
     * item 2, test item 3; items 4 and 5 are in the id space but untouched.
     */
    private static Split split() {
        Interactions.Builder b = Interactions.builder();
        for (int i = 0; i < 6; i++) {
            b.add("a", String.valueOf(i), i < 4 ? i : 100 + i);
        }
        Interactions all = b.build();
        Interactions a = all.select(new int[] {0, 1, 2, 3});
        return LeaveOneOutSplitter.builder().validation(true).build().split(a);
    }

    // Scores of user "a" by item: the training items score highest, then validation, then test.
    private static final float[][] SCORES = {{9, 8, 6, 5, 7, 1}};

    @Test
    void split_fixture_isAsDescribed() {
        Split split = split();
        assertThat(split.train().itemsOf(0)).containsExactly(0, 1);
        assertThat(split.validation().itemsOf(0)).containsExactly(2);
        assertThat(split.test().itemsOf(0)).containsExactly(3);
    }

    @Test
    void validationRanking_masksTrainingItems_andRanksTheValidationItem() {
        Split split = split();
        FullRanking validation = FullRanking.builder().known(split.train()).test(split.validation()).build();
        Ranks ranks = validation.rank(new TableScorer(SCORES));
        // Item 2 (6) is beaten only by the untouched item 4 (7): 0 and 1 are masked, 3 and 5 are lower.
        assertThat(ranks.items()).containsExactly(2);
        assertThat(ranks.rank(0)).isEqualTo(1);
        assertThat(ranks.candidates()).containsExactly(4);
    }

    @Test
    void testRanking_masksValidationItemsToo() {
        Split split = split();
        Ranks withValidationMasked = FullRanking.builder().known(split.trainAndValidation())
                .test(split.test()).build().rank(new TableScorer(SCORES));
        Ranks trainOnlyMasked = FullRanking.builder().known(split.train()).test(split.test()).build()
                .rank(new TableScorer(SCORES));
        // Item 3 (5) is beaten by item 4 (7), and by validation item 2 (6) only when it is not masked.
        assertThat(withValidationMasked.rank(0)).isEqualTo(1);
        assertThat(withValidationMasked.candidates()).containsExactly(3);
        assertThat(trainOnlyMasked.rank(0)).isEqualTo(2);
    }

    @Test
    void testTopK_neverListsAValidationItem() {
        Split split = split();
        int[][] top = FullRanking.builder().known(split.trainAndValidation()).test(split.test()).build()
                .topK(new TableScorer(SCORES), 6);
        assertThat(top[0]).containsExactly(4, 3, 5);
    }

    @Test
    void train_isTheSameAsKnown() {
        Split split = split();
        TableScorer scorer = new TableScorer(SCORES);
        assertThat(FullRanking.builder().train(split.trainAndValidation()).test(split.test()).build().rank(scorer))
                .isEqualTo(FullRanking.builder().known(split.trainAndValidation()).test(split.test()).build()
                        .rank(scorer));
    }

    /** 30 users with 12 items each over 40, in time order; validation and test held out. */
    private static Split wide() {
        Interactions.Builder b = Interactions.builder();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        long t = 0;
        for (int u = 0; u < 30; u++) {
            int[] items = random.ints(0, 40).distinct().limit(12).toArray();
            for (int i : items) {
                b.add("u" + u, "i" + i, t++);
            }
        }
        // Every item appears at least once, early, so that all 40 are in the id space.
        for (int i = 0; i < 40; i++) {
            b.add("u" + (i % 30), "i" + i, -1 - i);
        }
        return LeaveOneOutSplitter.builder().validation(true).build().split(b.build());
    }

    @Test
    void validationCandidates_neverIncludeTrainingOrValidationItems() {
        Split split = wide();
        SampledRanking s = SampledRanking.builder().train(split.train()).test(split.validation())
                .negatives(20).seed(5L).build();
        for (int p = 0; p < s.evaluatedUsers(); p++) {
            int user = s.users()[p];
            int[] c = s.candidates(p);
            assertThat(c[0]).isEqualTo(split.validation().itemsOf(user)[0]);
            for (int k = 1; k < c.length; k++) {
                assertThat(split.train().contains(user, c[k])).as("user %d item %d", user, c[k]).isFalse();
                assertThat(split.validation().contains(user, c[k])).isFalse();
            }
        }
    }

    @Test
    void testCandidates_withValidationExcluded_neverIncludeAnyItemOfTheUser() {
        Split split = wide();
        SampledRanking s = SampledRanking.builder().train(split.train()).test(split.test())
                .exclude(split.validation()).negatives(20).seed(5L).build();
        int validationItemsSeen = 0;
        SampledRanking plain = SampledRanking.builder().train(split.train()).test(split.test())
                .negatives(20).seed(5L).build();
        for (int p = 0; p < s.evaluatedUsers(); p++) {
            int user = s.users()[p];
            int[] c = s.candidates(p);
            for (int k = 1; k < c.length; k++) {
                assertThat(split.trainAndValidation().contains(user, c[k]) || split.test().contains(user, c[k]))
                        .as("user %d item %d", user, c[k]).isFalse();
            }
            int[] v = split.validation().itemsOf(user);
            validationItemsSeen += (int) Arrays.stream(plain.candidates(p), 1, 21)
                    .filter(i -> Arrays.binarySearch(v, i) >= 0).count();
        }
        // Without exclude(validation), some validation items do turn up as candidates.
        assertThat(validationItemsSeen).isPositive();
    }

    @Test
    void exclude_withOtherIdMappings_isRejected() {
        Split split = wide();
        Interactions other = Interactions.of(IdMapping.sequential(0, 2), IdMapping.sequential(0, 2),
                new int[] {0}, new int[] {1}, null, null);
        assertThatThrownBy(() -> SampledRanking.builder().train(split.train()).test(split.test())
                .exclude(split.validation(), other).negatives(5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude[1] must share train's id mappings");
    }

    @Test
    void exclude_null_isRejected() {
        assertThatThrownBy(() -> SampledRanking.builder().exclude((Interactions) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("exclude[0]");
    }

    @Test
    void userWithTooFewCandidates_afterExclusion_isRejected_namingTheSets() {
        Split split = split();
        // User "a": 6 items, 4 touched (train 2, validation 1, test 1): 2 left, fewer than 3.
        assertThatThrownBy(() -> SampledRanking.builder().train(split.train()).test(split.test())
                .exclude(split.validation()).negatives(3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user \"a\"").hasMessageContaining("only 2 items outside its 4 excluded")
                .hasMessageContaining("negatives=3");
    }
}
