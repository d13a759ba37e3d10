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
    }
}
