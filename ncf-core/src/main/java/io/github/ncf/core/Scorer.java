package io.github.ncf.core;

/**
 * Something that scores (user, item) pairs by dense index: the NCF models and the baselines alike,
 * so that evaluation treats them identically.
 *
 * <p>Higher scores mean more relevant. Scores need only be comparable within one user; models return
 * logits. Implementations must be safe to call from several threads at once.
 */
public interface Scorer {

    /** @return the number of users this scorer knows; user indices are in {@code [0, numUsers())} */
    int numUsers();

    /** @return the number of items this scorer knows; item indices are in {@code [0, numItems())} */
    int numItems();

    /**
     * Scores pairs: {@code out[k]} becomes the score of {@code (users[k], items[k])}.
     *
     * @param users user indices
     * @param items item indices, as many as users
     * @param out receives the scores; at least as long as users
     */
    void score(int[] users, int[] items, float[] out);

    /**
     * Scores every item for each of a batch of users: {@code out[b * numItems() + i]} becomes the
     * score of {@code (users[b], i)}. The default implementation calls {@link #score} in chunks;
     * models override it with a faster batched computation.
     *
     * @param users user indices
     * @param out receives the scores; at least {@code users.length * numItems()} long
     */
    default void scoreAllItems(int[] users, float[] out) {
        int numItems = numItems();
        int[] u = new int[numItems];
        int[] it = new int[numItems];
        float[] s = new float[numItems];
        for (int i = 0; i < numItems; i++) {
            it[i] = i;
        }
        for (int b = 0; b < users.length; b++) {
            java.util.Arrays.fill(u, users[b]);
            score(u, it, s);
            System.arraycopy(s, 0, out, b * numItems, numItems);
        }
    }
}
