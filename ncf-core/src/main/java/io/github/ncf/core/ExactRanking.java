package io.github.ncf.core;

import java.util.Objects;

/**
 * Ranks and top-K lists that equal those of a scorer's reference scores, computed from its fast
 * screening scores: the screen decides every item it can, and only the items it cannot are scored
 * with the reference arithmetic.
 *
 * <p><b>Why the result is exact.</b> An {@link ExactScreen.Reference} bounds the distance between
 * every screening score {@code v_i} and the reference score {@code s_i} of the same item by {@code
 * B}. For a held-out item with reference score {@code t}, an item with {@code v_i - t > B} certainly
 * has {@code s_i > t} and counts as higher, an item with {@code v_i - t < -B} certainly has {@code
 * s_i < t}, and every other item is scored with the reference arithmetic and compared exactly, so
 * the counts of higher and equal items are those of the reference scores, ties included. For the top
 * K, let {@code v_K} be the K-th best screening score: the K items at or above it have reference
 * scores of at least {@code v_K - B}, so an item with {@code v_i < v_K - 2B} has {@code s_i < v_K -
 * B} and cannot enter the top K; all other items are scored with the reference arithmetic and the K
 * best are chosen among them, ties to the lower item index as in {@link TopK}. The differences are
 * taken in double, whose rounding is far below the 1% by which references widen their bounds. A NaN
 * screening score is always scored with the reference arithmetic.
 *
 * <pre>{@code
 * ExactScreen.Reference reference = screen.reference(user);
 * int[] counts = new int[4];
 * ExactRanking.rank(reference, scores, 0, numItems, testItem, masked, 0, masked.length, counts);
 * int rank = counts[0];            // items scored strictly higher than the held-out item
 * int ties = counts[1] - 1;        // items with its score, itself excluded
 * }</pre>
 */
public final class ExactRanking {

    private ExactRanking() {
    }

    /**
     * Counts, for one user, the unmasked items whose reference score is higher than, or equal to,
     * the reference score of the held-out item.
     *
     * @param reference the user's reference
     * @param scores screening scores; item {@code i} at {@code scores[offset + i]}
     * @param offset where the user's row starts
     * @param numItems the number of items in the row
     * @param testItem the held-out item, never masked
     * @param masked the masked items, ascending and distinct, in {@code masked[maskFrom .. maskTo)}
     * @param maskFrom first masked position
     * @param maskTo one past the last masked position
     * @param counts receives {higher, equal (the held-out item included), unmasked items with a NaN
     *     reference score, items scored with the reference arithmetic}; length at least 4
     * @throws IllegalStateException if the held-out item's reference score is NaN
     */
    public static void rank(ExactScreen.Reference reference, float[] scores, int offset, int numItems,
            int testItem, int[] masked, int maskFrom, int maskTo, int[] counts) {
        Objects.requireNonNull(reference, "reference");
        float target = reference.score(testItem);
        if (Float.isNaN(target)) {
            throw new IllegalStateException("reference score of the held-out item " + testItem
                    + " is NaN");
        }
        double bound = reference.bound();
        double t = target;
        int higher = 0;
        int undecided = 0;
        int[] items = new int[64];
        int item = 0;
        for (int m = maskFrom; m <= maskTo; m++) {
            int end = m < maskTo ? masked[m] : numItems;
            for (; item < end; item++) {
                double d = scores[offset + item] - t;
                if (d > bound) {
                    higher++;
                } else if (!(d < -bound)) {
                    if (undecided == items.length) {
                        items = java.util.Arrays.copyOf(items, 2 * undecided);
                    }
                    items[undecided++] = item;
                }
            }
            item = end + 1;
        }
        resolve(reference, target, items, undecided, higher, counts);
    }

    /**
     * Completes the counts of {@link #rank}: scores the items the screen could not place with the
     * reference arithmetic and compares each with the held-out item's reference score.
     *
     * @param reference the user's reference
     * @param target the held-out item's reference score, not NaN
     * @param items the undecided items (the held-out item among them if it was screened)
     * @param undecided how many of them, from position 0
     * @param higher the items already certainly higher
     * @param counts receives {higher, equal, NaN, undecided}; length at least 4
     */
    public static void resolve(ExactScreen.Reference reference, float target, int[] items, int undecided,
            int higher, int[] counts) {
        float[] exact = new float[undecided];
        reference.scores(items, undecided, exact);
        int equal = 0;
        int nan = 0;
        for (int j = 0; j < undecided; j++) {
            float s = exact[j];
            if (s > target) {
                higher++;
            } else if (s == target) {
                equal++;
            } else if (s != s) {
                nan++;
            }
        }
        counts[0] = higher;
        counts[1] = equal;
        counts[2] = nan;
        counts[3] = undecided;
    }

    /**
     * Returns the {@code k} unmasked items with the best reference scores, best first, ties to the
     * lower item index and NaN as negative infinity: the list {@link TopK#select} would return on
     * the reference scores.
     *
     * @param reference the user's reference
     * @param scores screening scores; item {@code i} at {@code scores[offset + i]}
     * @param offset where the user's row starts
     * @param numItems the number of items in the row
     * @param masked the masked items, ascending and distinct, in {@code masked[maskFrom .. maskTo)}
     * @param maskFrom first masked position
     * @param maskTo one past the last masked position
     * @param k how many items, at least 1
     * @param topScores if not null, receives the reference scores of the returned items, in order
     * @return the selected items, best first; fewer than k if fewer are unmasked
     * @throws IllegalArgumentException as {@link TopK#select} does
     */
    public static int[] topK(ExactScreen.Reference reference, float[] scores, int offset, int numItems,
            int[] masked, int maskFrom, int maskTo, int k, float[] topScores) {
        Objects.requireNonNull(reference, "reference");
        int[] screened = TopK.select(scores, offset, numItems, masked, maskFrom, maskTo, k);
        if (screened.length == 0) {
            return screened;
        }
        float kth = scores[offset + screened[screened.length - 1]];
        // Below this margin an item is under all of the screen's top k by the reference scores too.
        double floor = (double) kth - 2 * reference.bound();
        int[] candidates = new int[Math.max(16, 2 * k)];
        int count = 0;
        int item = 0;
        for (int m = maskFrom; m <= maskTo; m++) {
            int end = m < maskTo ? masked[m] : numItems;
            for (; item < end; item++) {
                float v = scores[offset + item];
                if (!((double) v < floor)) {
                    if (count == candidates.length) {
                        candidates = java.util.Arrays.copyOf(candidates, 2 * count);
                    }
                    candidates[count++] = item;
                }
            }
            item = end + 1;
        }
        float[] exact = new float[count];
        reference.scores(candidates, count, exact);
        // Candidates are in ascending item order, so TopK's tie rule (lower position) is the item's.
        int[] best = TopK.select(exact, 0, count, candidates, 0, 0, k);
        int[] items = new int[best.length];
        for (int j = 0; j < best.length; j++) {
            items[j] = candidates[best[j]];
            if (topScores != null) {
                topScores[j] = exact[best[j]];
            }
        }
        return items;
    }
}
