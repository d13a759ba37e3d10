package io.github.ncf.core.model;

import io.github.ncf.data.Interactions;
import java.util.SplittableRandom;

/** Small synthetic interaction sets shared by the model, pretraining and serving tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * Returns seeded random interactions: raw user ids "u0".."u{users-1}", item ids "i0"..; every user
     * and item appears at least once (users in order first, then items), so indices equal the number
     * in the raw id.
     *
     * @param users number of users
     * @param items number of items
     * @param perUser extra random rows per user
     * @param seed the seed
     * @return the interactions
     */
    public static Interactions random(int users, int items, int perUser, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Interactions.Builder b = Interactions.builder();
        long t = 0;
        int max = Math.max(users, items);
        for (int k = 0; k < max; k++) {
            b.add("u" + (k % users), "i" + (k % items), t++);
        }
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < perUser; k++) {
                b.add("u" + u, "i" + random.nextInt(items), t++);
            }
        }
        return b.build();
    }
}
