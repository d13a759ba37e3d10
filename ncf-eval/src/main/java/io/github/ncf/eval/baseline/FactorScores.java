package io.github.ncf.eval.baseline;

/**
 * Scores of a factor model, the dot product of a user's and an item's factor rows, written once for
 * every scorer that holds row-major factor matrices ({@link ImplicitALS}, and Spark MLlib's ALS in
 * {@code ncf-spark}). Sums run over the factors in order, in float, so every caller gets the same bits.
 *
 * <pre>{@code
 * FactorScores.scoreAllItems(userFactors, itemFactors, rank, numItems, users, out);
 * }</pre>
 */
public final class FactorScores {

    private FactorScores() {
    }

    /**
     * Scores pairs: {@code out[p]} becomes the dot product of user {@code users[p]}'s and item
     * {@code items[p]}'s factor rows.
     *
     * @param userFactors user factors, row-major, {@code rank} values a row
     * @param itemFactors item factors, row-major, {@code rank} values a row
     * @param rank factors per row
     * @param users user indices
     * @param items item indices, as many as users
     * @param out receives the scores; at least as long as users
     */
    public static void scorePairs(float[] userFactors, float[] itemFactors, int rank, int[] users, int[] items,
            float[] out) {
        for (int p = 0; p < users.length; p++) {
            out[p] = dot(userFactors, users[p] * rank, itemFactors, items[p] * rank, rank);
        }
    }

    /**
     * Scores every item for each of a batch of users: {@code out[b * numItems + i]} becomes the dot
     * product of user {@code users[b]}'s and item {@code i}'s factor rows.
     *
     * @param userFactors user factors, row-major, {@code rank} values a row
     * @param itemFactors item factors, row-major, {@code rank} values a row
     * @param rank factors per row
     * @param numItems the number of items (rows of itemFactors)
     * @param users user indices
     * @param out receives the scores; at least {@code users.length * numItems} long
     */
    public static void scoreAllItems(float[] userFactors, float[] itemFactors, int rank, int numItems,
            int[] users, float[] out) {
        for (int b = 0; b < users.length; b++) {
            int userBase = users[b] * rank;
            int base = b * numItems;
            for (int i = 0; i < numItems; i++) {
                out[base + i] = dot(userFactors, userBase, itemFactors, i * rank, rank);
            }
        }
    }

    private static float dot(float[] userFactors, int userBase, float[] itemFactors, int itemBase, int rank) {
        float s = 0f;
        for (int k = 0; k < rank; k++) {
            s += userFactors[userBase + k] * itemFactors[itemBase + k];
        }
        return s;
    }
}
