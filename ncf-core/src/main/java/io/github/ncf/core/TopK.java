package io.github.ncf.core;

import java.util.Objects;

/**
 * Selects the {@code k} best items of one user's score row, leaving out masked items: the one top-K
 * routine behind {@code Recommender} and the full-ranking protocol's top-K lists.
 *
 * <p>Items are ordered by score, highest first; equal scores go to the lower item index, so results
 * are deterministic. NaN scores order as negative infinity. Masked items are given as an ascending,
 * distinct run of item indices, such as one user's slice of {@code Interactions.userItemIndex()}.
 *
 * <p>The row is read once; items between two masked ones are compared in a tight loop against the
 * worst kept item (the root of a bounded min-heap), so a row costs about one comparison per item and
 * only items that enter the top {@code k} cost {@code O(log k)} more.
 *
 * <pre>{@code
 * float[] scores = new float[numItems];
 * scorer.scoreAllItems(new int[] {user}, scores);
 * int[] top10 = TopK.select(scores, 0, numItems, trainingItems, 0, trainingItems.length, 10);
 * }</pre>
 */
public final class TopK {

    private TopK() {
    }

    /**
     * Returns the {@code k} best unmasked items of the score row {@code scores[offset .. offset +
     * numItems)}, best first.
     *
     * @param scores the scores; item {@code i} scores {@code scores[offset + i]}
     * @param offset where the row starts in {@code scores}
     * @param numItems the number of items in the row, at least 0
     * @param masked holds the masked items, ascending and distinct, in {@code masked[maskFrom ..
     *     maskTo)}
     * @param maskFrom the first masked position
     * @param maskTo one past the last masked position
     * @param k how many items, at least 1; fewer come back if fewer items are unmasked
     * @return the selected item indices, best first
     * @throws IllegalArgumentException if k is less than 1, the row or the mask range lies outside its
     *     array, or a masked item is out of range or not ascending and distinct
     */
    public static int[] select(float[] scores, int offset, int numItems, int[] masked, int maskFrom,
            int maskTo, int k) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(masked, "masked");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (numItems < 0 || offset < 0 || offset > scores.length - numItems) {
            throw new IllegalArgumentException("score row [" + offset + ", " + offset + " + " + numItems
                    + ") lies outside scores of length " + scores.length);
        }
        if (maskFrom < 0 || maskFrom > maskTo || maskTo > masked.length) {
            throw new IllegalArgumentException("mask range [" + maskFrom + ", " + maskTo
                    + ") lies outside masked of length " + masked.length);
        }
        // A min-heap of the kept items by rank: the root is the worst kept item.
        int capacity = Math.min(k, numItems);
        int[] heapItems = new int[capacity];
        float[] heapScores = new float[capacity];
        int size = 0;
        int item = 0;
        for (int m = maskFrom; m <= maskTo; m++) {
            int end = numItems;
            if (m < maskTo) {
                end = masked[m];
                if (end < item || end >= numItems) {
                    throw new IllegalArgumentException("masked items must be ascending, distinct and in [0, "
                            + numItems + "), got " + end + " at position " + m);
                }
            }
            for (; item < end; item++) {
                float v = scores[offset + item];
                if (v != v) {
                    v = Float.NEGATIVE_INFINITY;
                }
                if (size < capacity) {
                    siftUp(heapItems, heapScores, size++, item, v);
                } else if (v > heapScores[0]) {
                    // Items arrive in ascending index, so an equal score never beats a kept item.
                    siftDown(heapItems, heapScores, size, item, v);
                }
            }
            item = end + 1;
        }
        // Pop the worst item last-to-first to list the kept items best first.
        int[] best = new int[size];
        for (int n = size; n > 0; n--) {
            best[n - 1] = heapItems[0];
            siftDown(heapItems, heapScores, n - 1, heapItems[n - 1], heapScores[n - 1]);
        }
        return best;
    }

    /** Whether item a (score sa) ranks below item b (score sb): lower score, then higher index. */
    private static boolean worse(int a, float sa, int b, float sb) {
        return sa < sb || (sa == sb && a > b);
    }

    private static void siftUp(int[] items, float[] scores, int pos, int item, float score) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!worse(item, score, items[parent], scores[parent])) {
                break;
            }
            items[pos] = items[parent];
            scores[pos] = scores[parent];
            pos = parent;
        }
        items[pos] = item;
        scores[pos] = score;
    }

    /** Puts (item, score) at the root of a heap of {@code size} entries and restores the heap. */
    private static void siftDown(int[] items, float[] scores, int size, int item, float score) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            int right = child + 1;
            if (right < size && worse(items[right], scores[right], items[child], scores[child])) {
                child = right;
            }
            if (!worse(items[child], scores[child], item, score)) {
                break;
            }
            items[pos] = items[child];
            scores[pos] = scores[child];
            pos = child;
        }
        if (size > 0) {
            items[pos] = item;
            scores[pos] = score;
        }
    }
}
