package io.github.ncf.data.split;

import io.github.ncf.data.Interactions;
import java.util.Objects;

/**
 * The result of a leave-one-out split: training, optional validation and test interactions sharing
 * one pair of id mappings, with counts of what happened to each user.
 *
 * <p>Every user with at least two rows has exactly one test row; users with a single row stay whole
 * in training ({@link #usersKeptWhole()}), and users of the id mapping without any row are counted in
 * {@link #usersWithoutRows()}, so {@code usersHeldOut + usersKeptWhole + usersWithoutRows ==
 * numUsers}. When the splitter held out validation rows, users with exactly two rows have a test row
 * but no validation row ({@link #usersWithoutValidation()}).
 *
 * <p>Selection reads {@link #validation()} with {@link #train()} as what is known; the test protocol
 * reads {@link #test()} with {@link #trainAndValidation()} as what is known (masked in ranking).
 *
 * <pre>{@code
 * Split split = LeaveOneOutSplitter.builder().build().split(data);
 * Interactions train = split.train();   // 99,057 rows on MovieLens-100k
 * Interactions test = split.test();     // 943 rows, one per user
 * }</pre>
 */
public final class Split {

    private final Interactions train;
    private final Interactions validation;
    private final Interactions trainAndValidation;
    private final Interactions test;
    private final int usersHeldOut;
    private final int usersKeptWhole;
    private final int usersWithoutRows;
    private final int usersWithoutValidation;
    private final int testItemsAlsoInTrain;
    private final String splitter;

    Split(Interactions train, Interactions validation, Interactions trainAndValidation,
            Interactions test, int usersHeldOut, int usersKeptWhole, int usersWithoutRows,
            int usersWithoutValidation, int testItemsAlsoInTrain, String splitter) {
        this.train = Objects.requireNonNull(train, "train");
        this.validation = validation;
        this.trainAndValidation = Objects.requireNonNull(trainAndValidation, "trainAndValidation");
        this.test = Objects.requireNonNull(test, "test");
        this.usersWithoutValidation = usersWithoutValidation;
        this.usersHeldOut = usersHeldOut;
        this.usersKeptWhole = usersKeptWhole;
        this.usersWithoutRows = usersWithoutRows;
        this.testItemsAlsoInTrain = testItemsAlsoInTrain;
        this.splitter = splitter;
    }

    /**
     * Returns the training interactions, in original row order: every row that is neither a test nor
     * a validation row.
     *
     * @return the training part
     */
    public Interactions train() {
        return train;
    }

    /**
     * Returns whether the split holds out validation rows.
     *
     * @return true if {@link #validation()} may be called
     */
    public boolean hasValidation() {
        return validation != null;
    }

    /**
     * Returns the validation interactions, one row per user that has one, in user-index order.
     *
     * @return the validation part
     * @throws IllegalStateException if the split was made without validation
     */
    public Interactions validation() {
        if (validation == null) {
            throw new IllegalStateException("this split has no validation rows; split with "
                    + "LeaveOneOutSplitter.builder().validation(true)");
        }
        return validation;
    }

    /**
     * Returns what is known at test time: the training rows followed by the validation rows (the
     * training rows alone when the split has no validation part). The test protocol masks these.
     *
     * @return training and validation rows
     */
    public Interactions trainAndValidation() {
        return trainAndValidation;
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
     * Returns how many users have a test row but too few rows (exactly two) for a validation row;
     * zero when the split has no validation part.
     *
     * @return the number of held-out users without a validation row
     */
    public int usersWithoutValidation() {
        return usersWithoutValidation;
    }

    /**
     * Returns how many test rows name an item that the same user also has in training (or
     * validation), which happens
     * only when the source repeats a (user, item) pair. Zero on MovieLens.
     *
     * @return the number of test rows whose item is also a training positive of the user
     */
    public int testItemsAlsoInTrain() {
        return testItemsAlsoInTrain;
    }

    @Override
    public String toString() {
        String v = validation == null ? "" : ", validation=" + validation.size()
                + " rows, usersWithoutValidation=" + usersWithoutValidation;
        return "Split{" + splitter + ", train=" + train.size() + " rows, test=" + test.size()
                + " rows" + v + ", usersHeldOut=" + usersHeldOut + ", usersKeptWhole=" + usersKeptWhole
                + ", usersWithoutRows=" + usersWithoutRows
                + ", testItemsAlsoInTrain=" + testItemsAlsoInTrain + "}";
    }
}
