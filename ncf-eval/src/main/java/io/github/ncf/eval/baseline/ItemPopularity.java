package io.github.ncf.eval.baseline;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import java.util.Arrays;
import java.util.Objects;

/**
 * The most-popular baseline: every user gets the same ranking, by how many training rows each item
 * has. The bar every personalised model must clear.
 *
 * <pre>{@code
 * Scorer pop = ItemPopularity.fit(split.train());
 * EvaluationResult r = evaluator.evaluate(pop);
 * }</pre>
 */
public final class ItemPopularity implements Scorer {

    private final int numUsers;
    private final float[] counts;

    private ItemPopularity(int numUsers, float[] counts) {
        this.numUsers = numUsers;
        this.counts = counts;
    }

    /**
     * Counts the training rows of every item.
     *
     * @param train the training interactions
     * @return the baseline, knowing all users and items of the training set's id mappings
     */
    public static ItemPopularity fit(Interactions train) {
        Objects.requireNonNull(train, "train");
        int[] rows = train.itemRowCounts();
        float[] counts = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            counts[i] = rows[i];
        }
        return new ItemPopularity(train.numUsers(), counts);
    }

    /**
     * Returns an item's training count, which is its score for every user.
     *
     * @param item the item index
     * @return the number of training rows with this item
     */
    public int count(int item) {
        Objects.checkIndex(item, counts.length);
        return (int) counts[item];
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return counts.length;
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        if (items.length != users.length || out.length < users.length) {
            throw new IllegalArgumentException("users, items and out must hold as many entries: users="
                    + users.length + ", items=" + items.length + ", out=" + out.length);
        }
        for (int k = 0; k < users.length; k++) {
            Objects.checkIndex(users[k], numUsers);
            out[k] = counts[items[k]];
        }
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        int n = counts.length;
        if (out.length < (long) users.length * n) {
            throw new IllegalArgumentException("out must hold users.length * numItems = "
                    + (long) users.length * n + " scores, got " + out.length);
        }
        for (int b = 0; b < users.length; b++) {
            Objects.checkIndex(users[b], numUsers);
            System.arraycopy(counts, 0, out, b * n, n);
        }
    }

    @Override
    public String toString() {
        float max = 0;
        for (float c : counts) {
            max = Math.max(max, c);
        }
        return "ItemPopularity{users=" + numUsers + ", items=" + counts.length + ", maxCount="
                + (int) max + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemPopularity other && other.numUsers == numUsers
                && Arrays.equals(other.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * numUsers + Arrays.hashCode(counts);
    }
}
