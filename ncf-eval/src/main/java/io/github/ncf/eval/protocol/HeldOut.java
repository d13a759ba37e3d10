package io.github.ncf.eval.protocol;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import java.util.Arrays;
import java.util.Objects;

/** The held-out (user, item) pairs of a leave-one-out test set, shared by the protocols. */
final class HeldOut {

    final int numUsers;
    final int numItems;
    final int[] users;
    final int[] items;
    final int skipped;

    private HeldOut(int numUsers, int numItems, int[] users, int[] items) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.users = users;
        this.items = items;
        this.skipped = numUsers - users.length;
    }

    static HeldOut of(int numUsers, int numItems, int[] users, int[] items) {
        return new HeldOut(numUsers, numItems, users, items);
    }

    /** Reads each user's single held-out item; users without test rows are counted as skipped. */
    static HeldOut from(Interactions train, Interactions test) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.userIds().equals(test.userIds()) || !train.itemIds().equals(test.itemIds())) {
            throw new IllegalArgumentException("train and test must share their id mappings, got "
                    + train.userIds() + "/" + train.itemIds() + " and " + test.userIds() + "/"
                    + test.itemIds());
        }
        int numUsers = train.numUsers();
        int[] users = new int[numUsers];
        int[] items = new int[numUsers];
        int n = 0;
        for (int u = 0; u < numUsers; u++) {
            int count = test.itemCount(u);
            if (count == 0) {
                continue;
            }
            if (count > 1) {
                throw new IllegalArgumentException("test must hold one item per user (leave-one-out),"
                        + " but user \"" + test.userIds().rawId(u) + "\" (index " + u + ") has "
                        + count + " distinct test items");
            }
            users[n] = u;
            items[n] = test.itemsOf(u)[0];
            n++;
        }
        return new HeldOut(numUsers, train.numItems(), Arrays.copyOf(users, n), Arrays.copyOf(items, n));
    }

    /** Fails unless the scorer knows every evaluated user and exactly this item space. */
    void check(Scorer scorer) {
        Objects.requireNonNull(scorer, "scorer");
        if (scorer.numItems() != numItems) {
            throw new IllegalArgumentException("scorer knows " + scorer.numItems()
                    + " items but the evaluation data has " + numItems);
        }
        if (users.length > 0 && users[users.length - 1] >= scorer.numUsers()) {
            int first = Arrays.stream(users).filter(u -> u >= scorer.numUsers()).findFirst().getAsInt();
            throw new IllegalArgumentException("scorer knows " + scorer.numUsers()
                    + " users but test user index " + first + " has a held-out item");
        }
    }
}
