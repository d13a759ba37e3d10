package io.github.ncf.eval.testing;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;

/**
 * Hand-worked evaluation fixtures: 4 users over 8 items, with raw ids "0".."3" and "0".."7".
 * <ul>
 *   <li>user 0: trains on items 0 and 1, holds out item 4;</li>
 *   <li>user 1: trains on item 2, holds out item 7;</li>
 *   <li>user 2: trains on item 0, no test row (skipped);</li>
 *   <li>user 3: trains on items 5 and 6, holds out item 0.</li>
 * </ul>
 * With {@link #scores()}: user 0's item 4 (score 5) is beaten by unmasked items 2 (7) and 5 (6):
 * rank 2 (third place); user 1's item 7 (0.5) is beaten by the six unmasked items 0, 1, 3, 4, 5, 6:
 * rank 6; user 3's item 0 (3) is beaten only by masked items 5 and 6 and ties with item 1: rank 0.
 */
public final class EvalFixtures {

    private EvalFixtures() {
    }

    /** @return the training interactions */
    public static Interactions train() {
        return Interactions.of(IdMapping.sequential(0, 4), IdMapping.sequential(0, 8),
                new int[] {0, 0, 1, 2, 3, 3}, new int[] {0, 1, 2, 0, 5, 6}, null, null);
    }

    /** @return the test interactions, sharing the training id mappings */
    public static Interactions test() {
        return Interactions.of(IdMapping.sequential(0, 4), IdMapping.sequential(0, 8),
                new int[] {0, 1, 3}, new int[] {4, 7, 0}, null, null);
    }

    /** @return the hand-written score table of the class comment */
    public static float[][] scores() {
        return new float[][] {
            {9, 8, 7, 1, 5, 6, 0, 2},
            {1, 1, 1, 1, 1, 1, 1, 0.5f},
            {0, 0, 0, 0, 0, 0, 0, 0},
            {3, 3, 1, 1, 1, 9, 9, 1},
        };
    }

    /**
     * A random split for property tests: each of {@code users} users has {@code perUser} distinct
     * items drawn with a fixed seed from {@code items}; the first of them is held out as the test
     * item, the rest are training items.
     *
     * @param users number of users
     * @param items number of items
     * @param perUser distinct items per user, at least 2 and at most items
     * @param seed the seed of the draws
     * @return {train, test}, sharing sequential id mappings
     */
    public static Interactions[] randomSplit(int users, int items, int perUser, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[] tu = new int[users * (perUser - 1)];
        int[] ti = new int[tu.length];
        int[] su = new int[users];
        int[] si = new int[users];
        int r = 0;
        for (int u = 0; u < users; u++) {
            java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
            while (chosen.size() < perUser) {
                chosen.add(random.nextInt(items));
            }
            boolean first = true;
            for (int item : chosen) {
                if (first) {
                    su[u] = u;
                    si[u] = item;
                    first = false;
                } else {
                    tu[r] = u;
                    ti[r++] = item;
                }
            }
        }
        IdMapping userIds = IdMapping.sequential(0, users);
        IdMapping itemIds = IdMapping.sequential(0, items);
        return new Interactions[] {
            Interactions.of(userIds, itemIds, tu, ti, null, null),
            Interactions.of(userIds, itemIds, su, si, null, null),
        };
    }
}
