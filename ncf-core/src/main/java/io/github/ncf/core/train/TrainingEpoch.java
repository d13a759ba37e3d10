package io.github.ncf.core.train;

import java.util.Objects;

/**
 * One epoch of training rows as primitive arrays, laid out positive-major: the rows of positive
 * {@code p} are {@code [p * rowsPerPositive, (p + 1) * rowsPerPositive)}, the positive first and its
 * negatives after it. A batch of {@code b} positives is therefore one contiguous range of rows.
 *
 * <p>The arrays are not copied; the trainer only reads them.
 *
 * @param users user index of each row
 * @param items item index of each row
 * @param labels label of each row, 1 for a positive and 0 for a negative
 * @param rowsPerPositive rows per positive: 1 + the number of negatives per positive
 */
public record TrainingEpoch(int[] users, int[] items, float[] labels, int rowsPerPositive) {

    /**
     * Checks the arrays' lengths and the layout.
     *
     * @param users user index of each row
     * @param items item index of each row
     * @param labels label of each row
     * @param rowsPerPositive rows per positive
     * @throws IllegalArgumentException if the arrays differ in length, or their length is not a
     *     multiple of rowsPerPositive, or rowsPerPositive is less than 1
     */
    public TrainingEpoch {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(labels, "labels");
        if (rowsPerPositive < 1) {
            throw new IllegalArgumentException("rowsPerPositive must be >= 1, got " + rowsPerPositive);
        }
        if (items.length != users.length || labels.length != users.length) {
            throw new IllegalArgumentException("users, items and labels must have one length, got "
                    + users.length + ", " + items.length + " and " + labels.length);
        }
        if (users.length % rowsPerPositive != 0) {
            throw new IllegalArgumentException("rows (" + users.length
                    + ") must be a multiple of rowsPerPositive (" + rowsPerPositive + ")");
        }
    }

    /** @return the number of rows (positives and negatives) */
    public int rows() {
        return users.length;
    }

    /** @return the number of positives */
    public int positives() {
        return users.length / rowsPerPositive;
    }
}
