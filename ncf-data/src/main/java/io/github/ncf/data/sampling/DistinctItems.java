package io.github.ncf.data.sampling;

import io.github.ncf.data.SplitMix64;
import java.util.Arrays;
import java.util.Objects;

/**
 * Draws {@code k} distinct items a user never touched, uniformly at random: the one routine behind
 * training negatives ({@link NegativeSampler}) and the sampled evaluation protocol's candidates
 * ({@code SampledRanking}), usable on its own wherever one user's candidates are needed, such as on a
 * Spark executor.
 *
 * <p>{@link #candidates(long, int, int[], int, int)} gives the evaluation candidates of one user, a
 * pure function of {@code (seed, user, excluded items, numItems, k)}: the generator is {@code
 * SplitMix64.of(seed, user)}; while more than {@code 4k} items are free it draws items uniformly and
 * redraws excluded or repeated ones, otherwise it takes a partial Fisher-Yates shuffle of the free
 * items in ascending order. {@code SampledRanking} calls exactly this, so any caller with the same
 * inputs gets the same candidates in the same order.
 *
 * <p>Training negatives use the same redraw loop, with a generator per chunk of positives and, when
 * fewer than half the items are free, Floyd's algorithm over the ranks of the free items instead of
 * the shuffle. The two rules differ only in when they switch and how they draw from few free items;
 * both give uniform subsets, and each is kept as it is so that the same seed keeps giving the same
 * negatives and candidates as earlier versions.
 *
 * <p>An instance holds a bitmap over the items, reused from user to user: it is not thread-safe, so
 * give each thread its own.
 *
 * <pre>{@code
 * int[] excluded = DistinctItems.union(train.itemsOf(user), test.itemsOf(user));
 * int[] negatives = DistinctItems.candidates(Seeds.DEFAULT, user, excluded, train.numItems(), 99);
 * }</pre>
 */
public final class DistinctItems {

    private final int numItems;
    // Marked items: a user's excluded items while drawing for it, and the items drawn so far.
    private final long[] bits;
    private int[] pool;

    /**
     * Creates a drawer over the items {@code [0, numItems)}.
     *
     * @param numItems the number of items, at least 1
     * @throws IllegalArgumentException if numItems is less than 1
     */
    public DistinctItems(int numItems) {
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
        }
        this.numItems = numItems;
        this.bits = new long[(numItems + 63) >>> 6];
    }

    /** @return the number of items drawn from */
    public int numItems() {
        return numItems;
    }

    /**
     * Draws one user's evaluation candidates: {@code k} distinct items outside {@code excludedItems},
     * in the order drawn. Same arguments, same result, on any machine and in any thread.
     *
     * @param seed the seed of the draws
     * @param user the user index; with the seed, it keys the user's own random stream
     * @param excludedItems the items never drawn, ascending and distinct, each in {@code [0,
     *     numItems)}; typically every item the user has interacted with ({@link #union})
     * @param numItems the number of items, at least 1
     * @param k how many items to draw, at least 1 and at most the number of items not excluded
     * @return a new array of {@code k} distinct item indices
     * @throws IllegalArgumentException if numItems or k is out of range, or the excluded items are not
     *     ascending, distinct and in range
     */
    public static int[] candidates(long seed, int user, int[] excludedItems, int numItems, int k) {
        return new DistinctItems(numItems).candidates(seed, user, excludedItems, k);
    }

    /**
     * Draws one user's evaluation candidates as {@link #candidates(long, int, int[], int, int)} does,
     * reusing this drawer's memory; for drawing many users in a loop.
     *
     * @param seed the seed of the draws
     * @param user the user index
     * @param excludedItems the items never drawn, ascending, distinct and in {@code [0, numItems())}
     * @param k how many items to draw, at least 1 and at most the number of items not excluded
     * @return a new array of {@code k} distinct item indices
     * @throws IllegalArgumentException if k is out of range or the excluded items are not ascending,
     *     distinct and in range
     */
    public int[] candidates(long seed, int user, int[] excludedItems, int k) {
        Objects.requireNonNull(excludedItems, "excludedItems");
        for (int j = 0; j < excludedItems.length; j++) {
            int item = excludedItems[j];
            if (item < 0 || item >= numItems || (j > 0 && item <= excludedItems[j - 1])) {
                throw new IllegalArgumentException("excludedItems must be ascending, distinct and in [0, "
                        + numItems + "), got " + item + " at position " + j);
            }
        }
        int available = numItems - excludedItems.length;
        if (k < 1 || k > available) {
            throw new IllegalArgumentException("k must be in [1, " + available + "] (" + numItems
                    + " items, " + excludedItems.length + " excluded), got " + k);
        }
        int[] out = new int[k];
        SplitMix64 rng = SplitMix64.of(seed, user);
        if (available <= 4L * k) {
            drawShuffled(rng, excludedItems, available, k, out);
        } else {
            mark(excludedItems, 0, excludedItems.length);
            drawRejecting(rng, k, out, 0);
            unmark(excludedItems, 0, excludedItems.length);
        }
        return out;
    }

    /**
     * Returns the union of ascending, distinct item lists, ascending and distinct: for example every
     * item a user has in training, validation and test, the excluded items of {@link #candidates}.
     *
     * @param sortedItemSets lists, each ascending and distinct (as {@code Interactions.itemsOf})
     * @return a new array
     */
    public static int[] union(int[]... sortedItemSets) {
        int[] result = new int[0];
        for (int[] set : sortedItemSets) {
            result = union(result, set);
        }
        return result;
    }

    private static int[] union(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b.clone();
        }
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int w = 0;
        while (i < a.length || j < b.length) {
            int next;
            if (j >= b.length || (i < a.length && a[i] <= b[j])) {
                next = a[i++];
            } else {
                next = b[j++];
            }
            if (w == 0 || out[w - 1] != next) {
                out[w++] = next;
            }
        }
        return w == out.length ? out : Arrays.copyOf(out, w);
    }

    /** Marks the items {@code items[from .. to)} as excluded until {@link #unmark}. */
    void mark(int[] items, int from, int to) {
        for (int j = from; j < to; j++) {
            int item = items[j];
            bits[item >>> 6] |= 1L << item;
        }
    }

    /** Clears the marks of {@code items[from .. to)}. */
    void unmark(int[] items, int from, int to) {
        for (int j = from; j < to; j++) {
            int item = items[j];
            bits[item >>> 6] &= ~(1L << item);
        }
    }

    /**
     * Writes {@code k} distinct unmarked items to {@code out[at .. at + k)}: each draw is uniform over
     * all items and is redrawn while it is marked (excluded, or drawn before), which gives a uniform
     * random subset. Takes under two draws per item while at least half the items are unmarked. The
     * marks are as before on return.
     */
    void drawRejecting(SplitMix64 rng, int k, int[] out, int at) {
        for (int j = 0; j < k; j++) {
            int item;
            do {
                item = rng.nextInt(numItems);
            } while ((bits[item >>> 6] & (1L << item)) != 0);
            bits[item >>> 6] |= 1L << item;
            out[at + j] = item;
        }
        unmark(out, at, at + k);
    }

    /**
     * Writes {@code k} distinct items outside the ascending {@code excluded} to {@code out[0 .. k)}:
     * the first k of a partial Fisher-Yates shuffle of the {@code available} free items, listed
     * ascending.
     */
    private void drawShuffled(SplitMix64 rng, int[] excluded, int available, int k, int[] out) {
        if (pool == null || pool.length < available) {
            pool = new int[available];
        }
        int size = 0;
        int next = 0;
        for (int item = 0; item < numItems; item++) {
            if (next < excluded.length && excluded[next] == item) {
                next++;
            } else {
                pool[size++] = item;
            }
        }
        for (int j = 0; j < k; j++) {
            int r = j + rng.nextInt(available - j);
            int tmp = pool[r];
            pool[r] = pool[j];
            pool[j] = tmp;
            out[j] = pool[j];
        }
    }

    /**
     * Writes {@code k} distinct items outside {@code excluded[lo .. hi)} (ascending) to {@code out[at
     * .. at + k)} with Floyd's algorithm: exactly k draws pick a uniform subset of the ranks of the
     * {@code free} free items, each mapped to its item by a binary search; {@code picked} is scratch
     * of length at least k.
     */
    static void drawByRank(SplitMix64 rng, int[] excluded, int lo, int hi, int free, int k, int[] picked,
            int[] out, int at) {
        for (int j = 0; j < k; j++) {
            int top = free - k + j;
            int t = rng.nextInt(top + 1);
            for (int q = 0; q < j; q++) {
                if (picked[q] == t) {
                    t = top;
                    break;
                }
            }
            picked[j] = t;
            out[at + j] = itemOfRank(t, excluded, lo, hi);
        }
    }

    /**
     * Maps the rank of a free item (0-based, among items outside {@code excluded[lo .. hi)}) to the
     * item: {@code rank + c} where {@code c} counts the excluded items {@code e_j} with {@code e_j - j
     * <= rank} (relative index {@code j}), found by binary search.
     */
    static int itemOfRank(int rank, int[] excluded, int lo, int hi) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (excluded[mid] - (mid - lo) <= rank) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return rank + (a - lo);
    }

    @Override
    public String toString() {
        return "DistinctItems{numItems=" + numItems + "}";
    }
}
