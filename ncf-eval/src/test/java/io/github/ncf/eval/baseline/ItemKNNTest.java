package io.github.ncf.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.testing.EvalFixtures;
import org.junit.jupiter.api.Test;

class ItemKNNTest {

    // Users {0, 1}, {0, 1, 2}, {2}, {3}: items 0, 1, 2 have two users each, item 3 one.
    // cos(0, 1) = 2 / 2 = 1, cos(0, 2) = cos(1, 2) = 1 / 2, item 3 shares no user.
    private static Interactions train() {
        return Interactions.of(IdMapping.sequential(0, 4), IdMapping.sequential(0, 4),
                new int[] {0, 0, 1, 1, 1, 2, 3}, new int[] {0, 1, 0, 1, 2, 2, 3}, null, null);
    }

    @Test
    void similarities_areCosinesOfBinaryVectors() {
        ItemKNN knn = ItemKNN.builder().k(3).fit(train());
        assertThat(knn.similarity(0, 1)).isCloseTo(1f, within(1e-6f));
        assertThat(knn.similarity(2, 0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(knn.similarity(1, 2)).isCloseTo(0.5f, within(1e-6f));
        assertThat(knn.neighbours(0)).containsExactly(1, 2);
    }

    @Test
    void itemsSharingNoUser_andTheItemItself_areNeverNeighbours() {
        ItemKNN knn = ItemKNN.builder().k(3).fit(train());
        assertThat(knn.neighbours(3)).isEmpty();
        assertThat(knn.neighbours(1)).doesNotContain(1, 3);
    }

    @Test
    void k_keepsTheMostSimilar_lowerItemWinningTies() {
        ItemKNN knn = ItemKNN.builder().k(1).fit(train());
        assertThat(knn.neighbours(0)).containsExactly(1);
        assertThat(knn.neighbours(1)).containsExactly(0);
        // Items 0 and 1 tie at 1/2 for item 2: the lower index is kept.
        assertThat(knn.neighbours(2)).containsExactly(0);
    }

    @Test
    void score_sumsSimilaritiesOfTheTargetsNeighboursTheUserHas() {
        ItemKNN knn = ItemKNN.builder().k(1).fit(train());
        float[] out = new float[4];
        // Neighbours with k = 1: 0 -> {1}, 1 -> {0}, 2 -> {0} (tie won by the lower index).
        // User 1 has 0, 1, 2: item 0 gets sim(0, 1) = 1, item 2 gets sim(2, 0) = 1/2; user 0 has
        // 0 and 1: item 2 gets 1/2; user 2 has only item 2, which is not item 0's neighbour: 0.
        knn.score(new int[] {1, 1, 0, 2}, new int[] {0, 2, 2, 0}, out);
        assertThat(out).containsExactly(new float[] {1f, 0.5f, 0.5f, 0f}, within(1e-6f));
    }

    @Test
    void scoreAllItems_equalsScore() {
        Interactions train = EvalFixtures.randomSplit(30, 25, 6, 5L)[0];
        EASETest.assertScoreAllItemsEqualsScore(ItemKNN.builder().k(4).fit(train));
    }

    @Test
    void largeK_keepsEverySharingItem() {
        Interactions train = EvalFixtures.randomSplit(30, 25, 6, 5L)[0];
        ItemKNN knn = ItemKNN.builder().k(1000).fit(train);
        for (int i = 0; i < train.numItems(); i++) {
            for (int j = 0; j < train.numItems(); j++) {
                boolean share = false;
                for (int u = 0; u < train.numUsers(); u++) {
                    share |= i != j && train.contains(u, i) && train.contains(u, j);
                }
                assertThat(knn.similarity(i, j) > 0).as("items %d, %d", i, j).isEqualTo(share);
            }
        }
    }

    @Test
    void k_zero_isRejected() {
        assertThatThrownBy(() -> ItemKNN.builder().k(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be >= 1, got 0");
    }

    @Test
    void toString_namesK() {
        assertThat(ItemKNN.builder().k(1).fit(train()).toString())
                .isEqualTo("ItemKNN{k=1, users=4, items=4, neighbours=3}");
    }
}
