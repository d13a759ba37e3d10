package io.github.ncf.spark;

import java.util.Objects;

/**
 * The result of a {@link SparkSplitter}: training, optional validation and test interactions sharing
 * one pair of id tables, with the counts a single-machine {@code Split} reports.
 *
 * <pre>{@code
 * SparkSplit split = SparkSplitter.of(LeaveOneOutSplitter.builder().build()).split(data);
 * long testRows = split.test().rows().count();   // one per user with at least two rows
 * }</pre>
 */
public final class SparkSplit {

    private final SparkInteractions train;
    private final SparkInteractions validation;
    private final SparkInteractions trainAndValidation;
    private final SparkInteractions test;
    private final int usersHeldOut;
    private final int usersKeptWhole;
    private final int usersWithoutRows;
    private final int usersWithoutValidation;
    private final int testItemsAlsoKnown;
    private final String splitter;

    SparkSplit(SparkInteractions train, SparkInteractions validation, SparkInteractions trainAndValidation,
            SparkInteractions test, int usersHeldOut, int usersKeptWhole, int usersWithoutRows,
            int usersWithoutValidation, int testItemsAlsoKnown, String splitter) {
        this.train = Objects.requireNonNull(train, "train");
        this.validation = validation;
        this.trainAndValidation = Objects.requireNonNull(trainAndValidation, "trainAndValidation");
        this.test = Objects.requireNonNull(test, "test");
        this.usersHeldOut = usersHeldOut;
        this.usersKeptWhole = usersKeptWhole;
        this.usersWithoutRows = usersWithoutRows;
        this.usersWithoutValidation = usersWithoutValidation;
        this.testItemsAlsoKnown = testItemsAlsoKnown;
        this.splitter = splitter;
    }

    /** @return the training rows (neither held-out row) */
    public SparkInteractions train() {
        return train;
    }

    /** @return whether the split holds out validation rows */
    public boolean hasValidation() {
        return validation != null;
    }

    /**
     * Returns the validation rows, one per user with at least three rows.
     *
     * @return the validation rows
     * @throws IllegalStateException if the split was made without validation
     */
    public SparkInteractions validation() {
        if (validation == null) {
            throw new IllegalStateException("this split has no validation rows; build the splitter with"
                    + " validation(true)");
        }
        return validation;
    }

    /** @return the training and validation rows: what is known at test time (the training rows without validation) */
    public SparkInteractions trainAndValidation() {
        return trainAndValidation;
    }

    /** @return the test rows, one per user with at least two rows */
    public SparkInteractions test() {
        return test;
    }

    /** @return how many users have a test row */
    public int usersHeldOut() {
        return usersHeldOut;
    }

    /** @return how many users have a single row and stay whole in training */
    public int usersKeptWhole() {
        return usersKeptWhole;
    }

    /** @return how many users of the id table have no row */
    public int usersWithoutRows() {
        return usersWithoutRows;
    }

    /** @return how many users have a test row but, with exactly two rows, no validation row */
    public int usersWithoutValidation() {
        return usersWithoutValidation;
    }

    /** @return how many test rows name an item the user also has in training or validation */
    public int testItemsAlsoInTrain() {
        return testItemsAlsoKnown;
    }

    @Override
    public String toString() {
        return "SparkSplit{" + splitter + ", usersHeldOut=" + usersHeldOut + ", usersKeptWhole="
                + usersKeptWhole + ", usersWithoutRows=" + usersWithoutRows
                + (validation != null ? ", usersWithoutValidation=" + usersWithoutValidation : "")
                + ", testItemsAlsoInTrain=" + testItemsAlsoKnown + "}";
    }
}
