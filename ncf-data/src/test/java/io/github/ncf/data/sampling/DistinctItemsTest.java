package io.github.ncf.data.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistinctItemsTest {

    private static final int[] EXCLUDED = IntStream.range(0, 300).filter(i -> i % 3 == 0).toArray();

    @Test
    void candidates_areDistinct_andNeverExcluded_onBothPaths() {
        // 200 free items: k = 20 redraws (200 > 80), k = 60 shuffles the free items (200 <= 240).
        for (int k : new int[] {20, 60, 200}) {
            int[] c = DistinctItems.candidates(5L, 9, EXCLUDED, 300, k);
            assertThat(c).as("k=%d", k).hasSize(k).doesNotHaveDuplicates();
            assertThat(Arrays.stream(c).filter(i -> i % 3 == 0)).as("k=%d", k).isEmpty();
            assertThat(Arrays.stream(c).allMatch(i -> i >= 0 && i < 300)).isTrue();
        }
    }

    @Test
    void candidates_areAPureFunctionOfTheirArguments() {
        int[] a = DistinctItems.candidates(5L, 9, EXCLUDED, 300, 20);
        assertThat(DistinctItems.candidates(5L, 9, EXCLUDED, 300, 20)).containsExactly(a);
        assertThat(DistinctItems.candidates(5L, 10, EXCLUDED, 300, 20)).isNotEqualTo(a);
        assertThat(DistinctItems.candidates(6L, 9, EXCLUDED, 300, 20)).isNotEqualTo(a);
    }

    @Test
    void reusedDrawer_drawsAsAFreshOne() {
        DistinctItems draws = new DistinctItems(300);
        for (int user = 0; user < 50; user++) {
            int k = user % 2 == 0 ? 20 : 60;
            assertThat(draws.candidates(7L, user, EXCLUDED, k))
                    .containsExactly(DistinctItems.candidates(7L, user, EXCLUDED, 300, k));
        }
    }

    @Test
    void candidates_withEveryFreeItem_returnAPermutationOfThem() {
        int[] c = DistinctItems.candidates(1L, 0, new int[] {1, 3}, 6, 4);
        assertThat(c).containsExactlyInAnyOrder(0, 2, 4, 5);
    }

    @Test
    void candidates_kAboveTheFreeItems_isRejected() {
        assertThatThrownBy(() -> DistinctItems.candidates(1L, 0, new int[] {1, 3}, 6, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be in [1, 4] (6 items, 2 excluded), got 5");
    }

    @Test
    void candidates_kZero_isRejected() {
        assertThatThrownBy(() -> DistinctItems.candidates(1L, 0, new int[0], 6, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void candidates_unsortedExcludedItems_areRejected() {
        assertThatThrownBy(() -> DistinctItems.candidates(1L, 0, new int[] {3, 1}, 6, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("excludedItems must be ascending, distinct and in [0, 6), got 1 at position 1");
    }

    @Test
    void candidates_excludedItemOutOfRange_isRejected() {
        assertThatThrownBy(() -> DistinctItems.candidates(1L, 0, new int[] {6}, 6, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 6 at position 0");
    }

    @Test
    void numItems_zero_isRejected() {
        assertThatThrownBy(() -> new DistinctItems(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("numItems must be >= 1, got 0");
    }

    @Test
    void union_mergesSortedLists_withoutRepeats() {
        assertThat(DistinctItems.union(new int[] {1, 4, 9}, new int[] {0, 4, 10}, new int[0], new int[] {9}))
                .containsExactly(0, 1, 4, 9, 10);
        assertThat(DistinctItems.union()).isEmpty();
    }

    @Test
    void itemOfRank_skipsTheExcludedItems() {
        int[] excluded = {0, 2, 3, 7};
        int[] free = {1, 4, 5, 6, 8, 9};
        for (int rank = 0; rank < free.length; rank++) {
            assertThat(DistinctItems.itemOfRank(rank, excluded, 0, excluded.length)).isEqualTo(free[rank]);
        }
    }
}
