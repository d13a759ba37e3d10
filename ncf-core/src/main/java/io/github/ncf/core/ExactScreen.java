package io.github.ncf.core;

/**
 * An open session of exact scoring over a snapshot of a {@link ScreenedScorer}'s parameters: fast
 * screening scores of all items, and per user a {@link Reference} that gives the reference score of
 * any item and bounds how far a screening score can lie from it. See {@link ExactRanking} for the
 * ranks and top-K lists computed from the two.
 *
 * <pre>{@code
 * try (ExactScreen screen = model.openScreen()) {
 *     float[] scores = new float[users.length * screen.numItems()];
 *     screen.screenAllItems(users, scores);
 *     ExactScreen.Reference reference = screen.reference(users[0]);
 *     // |scores[i] - reference.score(i)| <= reference.bound() for every item i of users[0]
 * }
 * }</pre>
 */
public interface ExactScreen extends AutoCloseable {

    /** @return the number of items scored per user */
    int numItems();

    /**
     * Computes screening scores: {@code out[b * numItems() + i]} becomes the fast score of {@code
     * (users[b], i)}, within {@link Reference#bound()} of its reference score.
     *
     * @param users user indices
     * @param out receives the scores; at least {@code users.length * numItems()} long
     * @throws IllegalArgumentException if a user is out of range or out is too short
     */
    void screenAllItems(int[] users, float[] out);

    /**
     * Returns whether {@link #rank} stops screening a user once {@code cutoff} items are certainly
     * ranked above the held-out item, visiting items in the order the screen was opened with (see
     * {@link ScreenedScorer#openScreen(int[])}); where it does not, it screens every item and costs
     * what {@link #screenAllItems} for one user costs, so callers batch users through {@link
     * #screenAllItems} and {@link ExactRanking#rank} instead.
     *
     * @return true if {@link #rank} stops early; this default returns false
     */
    default boolean stopsAtCutoff() {
        return false;
    }

    /**
     * Counts, for one user, the unmasked items whose reference score is higher than, or equal to,
     * the held-out item's, as {@link ExactRanking#rank} does, but may stop as soon as {@code cutoff}
     * unmasked items are certainly higher: then {@code counts[0]} is at least {@code cutoff} and no
     * more than the true count, and the other counts are 0. Below the cut-off every count is exact,
     * ties included. Metrics cut at K (HR@K, NDCG@K, MRR@K) need ranks below K alone, so a cut-off of
     * K gives them exactly.
     *
     * <p>This default screens every item ({@link #screenAllItems} for the one user) and never stops
     * early.
     *
     * @param user the user index
     * @param testItem the held-out item, never masked
     * @param masked the masked items, ascending and distinct, in {@code masked[maskFrom .. maskTo)}
     * @param maskFrom first masked position
     * @param maskTo one past the last masked position
     * @param cutoff how many certainly higher items end the count, at least 1; {@link
     *     Integer#MAX_VALUE} for exact counts
     * @param counts receives {higher, equal (the held-out item included), unmasked items with a NaN
     *     reference score, items scored with the reference arithmetic}; length at least 4
     * @throws IllegalArgumentException if the user is out of range or cutoff is less than 1
     * @throws IllegalStateException if the held-out item's reference score is NaN
     */
    default void rank(int user, int testItem, int[] masked, int maskFrom, int maskTo, int cutoff,
            int[] counts) {
        if (cutoff < 1) {
            throw new IllegalArgumentException("cutoff must be >= 1, got " + cutoff);
        }
        float[] scores = new float[numItems()];
        screenAllItems(new int[] {user}, scores);
        ExactRanking.rank(reference(user), scores, 0, numItems(), testItem, masked, maskFrom, maskTo, counts);
    }

    /**
     * Prepares one user's reference scoring.
     *
     * @param user the user index
     * @return the user's reference; not thread-safe (one per thread and user), cheap to create
     * @throws IllegalArgumentException if the user is out of range
     */
    Reference reference(int user);

    /** Frees the screen's native memory; closing twice is fine. */
    @Override
    void close();

    /** One user's reference scores and the bound on the screening scores' distance from them. */
    interface Reference {

        /**
         * Returns a bound that holds for every item {@code i} of the user: {@code |screening score
         * - score(i)| <= bound()}, for screening scores computed by {@link #screenAllItems}.
         *
         * @return the bound, at least 0; infinite if none is known
         */
        double bound();

        /**
         * Returns the reference score of one item for the user: a value that depends on the pair
         * and the snapshot of the parameters only.
         *
         * @param item the item index, in {@code [0, numItems())}
         * @return the reference score
         */
        float score(int item);

        /**
         * Returns the reference scores of several items, each equal to {@link #score(int)} of it;
         * faster per item than single calls. This default calls {@link #score(int)} per item.
         *
         * @param items item indices, in {@code [0, numItems())}
         * @param count how many of them, from position 0
         * @param out receives the scores, {@code out[j]} for {@code items[j]}
         */
        default void scores(int[] items, int count, float[] out) {
            for (int j = 0; j < count; j++) {
                out[j] = score(items[j]);
            }
        }
    }
}
