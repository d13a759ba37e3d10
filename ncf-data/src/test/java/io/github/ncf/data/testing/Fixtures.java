package io.github.ncf.data.testing;

import io.github.ncf.data.Interactions;

/**
 * Small hand-made interaction sets whose splits and samples can be worked out on paper.
 *
 * <pre>{@code
 * Interactions data = Fixtures.tiesAndSingles();
 * }</pre>
 */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * Three users with raw ids "u1", "u2", "u3" over items "a".."e", with timestamps:
     * <ul>
     *   <li>u1: a@10, b@30, c@30, d@20 — latest timestamp 30 is shared by b and c; c is later in
     *       file order, so c is held out;</li>
     *   <li>u2: e@5 — a single interaction, kept whole in training;</li>
     *   <li>u3: c@7, a@9, b@8 — a is the latest.</li>
     * </ul>
     * Rows are interleaved between users to exercise original-order tie breaking.
     *
     * @return the interactions (8 rows, 3 users, 5 items)
     */
    public static Interactions tiesAndSingles() {
        return Interactions.builder()
                .add("u1", "a", 10L, 4f)
                .add("u3", "c", 7L, 3f)
                .add("u1", "b", 30L, 5f)
                .add("u2", "e", 5L, 1f)
                .add("u1", "c", 30L, 2f)
                .add("u3", "a", 9L, 5f)
                .add("u1", "d", 20L, 3f)
                .add("u3", "b", 8L, 4f)
                .build();
    }

    /**
     * A dense little set for sampling tests: {@code users} users over {@code items} items, where user
     * {@code u} has interacted with items {@code u, u+1, ..., u+perUser-1} (mod items), timestamps in
     * row order. When {@code users >= items - perUser + 1} every item occurs and item index {@code i}
     * is item {@code "i" + i}.
     *
     * @param users number of users
     * @param items number of items
     * @param perUser interactions per user, less than items
     * @return the interactions
     */
    public static Interactions band(int users, int items, int perUser) {
        Interactions.Builder b = Interactions.builder();
        long t = 0;
        if (perUser >= items) {
            throw new IllegalArgumentException("perUser must be < items, got " + perUser + " >= " + items);
        }
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < perUser; k++) {
                b.add("u" + u, "i" + ((u + k) % items), t++);
            }
        }
        return b.build();
    }
}
