package io.github.ncf.eval.baseline;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import java.util.Objects;

/**
 * The training items of every user, kept by the item-to-item baselines that score a user from the
 * items they already have; also the argument checks every baseline's scoring methods share.
 */
final class UserHistories {

    private final int[] offsets;
    private final int[] items;

    UserHistories(Interactions train) {
        // Interactions never modifies its index after construction, so sharing it is safe.
        this.offsets = train.userItemOffsets();
        this.items = train.userItemIndex();
    }

    int numUsers() {
        return offsets.length - 1;
    }

    int from(int user) {
        return offsets[user];
    }

    int to(int user) {
        return offsets[user + 1];
    }

    int item(int position) {
        return items[position];
    }

    boolean contains(int user, int item) {
        return java.util.Arrays.binarySearch(items, offsets[user], offsets[user + 1], item) >= 0;
    }

    /** Checks the arguments of {@link Scorer#score(int[], int[], float[])}. */
    static void checkPairs(Scorer scorer, int[] users, int[] items, float[] out) {
        if (items.length != users.length || out.length < users.length) {
            throw new IllegalArgumentException("users, items and out must hold as many entries: users="
                    + users.length + ", items=" + items.length + ", out=" + out.length);
        }
        for (int k = 0; k < users.length; k++) {
            Objects.checkIndex(users[k], scorer.numUsers());
            Objects.checkIndex(items[k], scorer.numItems());
        }
    }

    /** Checks the arguments of {@link Scorer#scoreAllItems(int[], float[])}. */
    static void checkAll(Scorer scorer, int[] users, float[] out) {
        long needed = (long) users.length * scorer.numItems();
        if (out.length < needed) {
            throw new IllegalArgumentException("out must hold users.length * numItems = " + needed
                    + " scores, got " + out.length);
        }
        for (int user : users) {
            Objects.checkIndex(user, scorer.numUsers());
        }
    }
}
