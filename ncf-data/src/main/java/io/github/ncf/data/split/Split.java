package io.github.ncf.data.split;

import io.github.ncf.data.Interactions;
import java.util.Objects;

/**
 * The result of a leave-one-out split: training and test interactions sharing one pair of id
 * mappings, with counts of what happened to each user.
 *
 * <p>Every user with at least two rows has exactly one test row; users with a single row stay whole
 * in training ({@link #usersKeptWhole()}), and users of the id mapping without any row are counted in
 * {@link #usersWithoutRows()}, so {@code usersHeldOut + usersKeptWhole + usersWithoutRows ==
 * numUsers}.
 *
 * <pre>{@code
 * Split split = LeaveOneOutSplitter.builder().build().split(data);
 * Interactions train = split.train();   // 99,057 rows on MovieLens-100k
 * Interactions test = split.test();     // 943 rows, one per user
 * }</pre>
 */
public final class Split {

    private final Interactions train;
    private final Interactions test;
    private final int usersHeldOut;
    private final int usersKeptWhole;
    private final int usersWithoutRows;
    private final int testItemsAlsoInTrain;
    private final String splitter;

    Split(Interactions train, Interactions test, int usersHeldOut, int usersKeptWhole,
            int usersWithoutRows, int testItemsAlsoInTrain, String splitter) {
        this.train = Objects.requireNonNull(train, "train");
        this.test = Objects.requireNonNull(test, "test");
        this.usersHeldOut = usersHeldOut;
        this.usersKeptWhole = usersKeptWhole;
        this.usersWithoutRows = usersWithoutRows;
        this.testItemsAlsoInTrain = testItemsAlsoInTrain;
        this.splitter = splitter;
    }

    /**
     * Returns the training interactions, in original row order.
     *
     * @return the training half
     */
    public Interactions train() {
        return train;
    }

    /**
     * Returns the test interactions, one row per held-out user, in user-index order.
     *
     * @return the test half
     */
    public Interactions test() {
        return test;
    }

    /**
     * Returns how many users have a test row.
     *
     * @return the number of users held out
     */
    public int usersHeldOut() {
        return usersHeldOut;
    }

    /**
     * Returns how many users have a single interaction and therefore stay whole in training, with no
     * test row.
     *
     * @return the number of users kept whole
     */
    public int usersKeptWhole() {
        return usersKeptWhole;
    }

    /**
     * Returns how many users of the id mapping have no row at all (and so appear in neither half).
     *
     * @return the number of users without rows
     */
    public int usersWithoutRows() {
        return usersWithoutRows;
    }

    /**
     * Returns how many test rows name an item that the same user also has in training, which happens
     * only when the source repeats a (user, item) pair. Zero on MovieLens.
     *
     * @return the number of test rows whose item is also a training positive of the user
     */
    public int testItemsAlsoInTrain() {
        return testItemsAlsoInTrain;
    }

    @Override
    public String toString() {
        return "Split{" + splitter + ", train=" + train.size() + " rows, test=" + test.size()
                + " rows, usersHeldOut=" + usersHeldOut + ", usersKeptWhole=" + usersKeptWhole
                + ", usersWithoutRows=" + usersWithoutRows
                + ", testItemsAlsoInTrain=" + testItemsAlsoInTrain + "}";
    }
}
