package io.github.ncf.data.sampling;

/**
 * One epoch of training samples as flat primitive arrays, laid out positive-major: slot {@code s}
 * (the {@code s}-th positive of the epoch's shuffled order) occupies rows {@code [s * R, (s + 1) * R)}
 * with {@code R = rowsPerPositive()}: first the positive (label 1), then its negatives (label 0).
 *
 * <p>The arrays are exposed without copying so that a trainer can slice batches from them directly
 * (a batch of {@code b} positives is rows {@code [s * R, (s + b) * R)}); callers must not modify
 * them. An instance can be handed back to {@link NegativeSampler#sampleInto(int, EpochSamples)} to
 * be refilled for another epoch without allocating.
 *
 * <pre>{@code
 * EpochSamples epoch = sampler.sample(0);
 * for (int s = 0; s < epoch.positives(); s += 256) {
 *     int from = s * epoch.rowsPerPositive();
 *     int to = Math.min(s + 256, epoch.positives()) * epoch.rowsPerPositive();
 *     // users()[from..to), items()[from..to), labels()[from..to) form one batch of 1,280 rows
 * }
 * }</pre>
 */
public final class EpochSamples {

    private final int[] users;
    private final int[] items;
    private final float[] labels;
    private final int positives;
    private final int rowsPerPositive;
    private int epoch = -1;
    private int[] scratch;

    private final boolean sampled;

    EpochSamples(int positives, int rowsPerPositive) {
        this.positives = positives;
        this.rowsPerPositive = rowsPerPositive;
        int rows = Math.multiplyExact(positives, rowsPerPositive);
        this.users = new int[rows];
        this.items = new int[rows];
        this.labels = new float[rows];
        for (int s = 0; s < positives; s++) {
            labels[s * rowsPerPositive] = 1f;
        }
        this.sampled = true;
    }

    private EpochSamples(int[] users, int[] items, float[] labels, int rowsPerPositive) {
        this.users = users;
        this.items = items;
        this.labels = labels;
        this.rowsPerPositive = rowsPerPositive;
        this.positives = users.length / rowsPerPositive;
        this.sampled = false;
    }

    /**
     * Wraps rows drawn elsewhere (tests, custom samplers) in the same positive-major layout; the
     * arrays are not copied. {@link NegativeSampler#sampleInto} never refills such an instance.
     *
     * <pre>{@code
     * EpochSamples rows = EpochSamples.of(new int[] {0, 0}, new int[] {3, 7}, new float[] {1, 0}, 2);
     * }</pre>
     *
     * @param users user index of each row
     * @param items item index of each row
     * @param labels label of each row, 1 for a positive and 0 for a negative
     * @param rowsPerPositive rows per positive: 1 + the number of negatives per positive, at least 1
     * @return the samples
     * @throws IllegalArgumentException if the arrays differ in length, or their length is not a
     *     multiple of rowsPerPositive, or rowsPerPositive is less than 1
     */
    public static EpochSamples of(int[] users, int[] items, float[] labels, int rowsPerPositive) {
        java.util.Objects.requireNonNull(users, "users");
        java.util.Objects.requireNonNull(items, "items");
        java.util.Objects.requireNonNull(labels, "labels");
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
        return new EpochSamples(users, items, labels, rowsPerPositive);
    }

    /** @return whether a {@link NegativeSampler} made these arrays (and may refill them) */
    boolean sampled() {
        return sampled;
    }

    /**
     * Returns the user index of every row; shared, not copied.
     *
     * @return the user column
     */
    public int[] users() {
        return users;
    }

    /**
     * Returns the item index of every row; shared, not copied.
     *
     * @return the item column
     */
    public int[] items() {
        return items;
    }

    /**
     * Returns the label of every row, 1 for the positive at the start of each slot and 0 for its
     * negatives; shared, not copied.
     *
     * @return the label column
     */
    public float[] labels() {
        return labels;
    }

    /**
     * Returns the number of positives (slots) in the epoch.
     *
     * @return the number of positives
     */
    public int positives() {
        return positives;
    }

    /**
     * Returns {@code 1 + numNegatives}, the rows of one slot.
     *
     * @return rows per positive
     */
    public int rowsPerPositive() {
        return rowsPerPositive;
    }

    /**
     * Returns the total number of rows (samples), {@code positives() * rowsPerPositive()}.
     *
     * @return the number of rows
     */
    public int rows() {
        return users.length;
    }

    /**
     * Returns the epoch these arrays were drawn for, or -1 if not yet filled.
     *
     * @return the epoch
     */
    public int epoch() {
        return epoch;
    }

    void epoch(int epoch) {
        this.epoch = epoch;
    }

    /** Working space of the sampler (the slot of each positive), kept to avoid reallocating. */
    int[] scratch() {
        if (scratch == null) {
            scratch = new int[positives];
        }
        return scratch;
    }

    @Override
    public String toString() {
        return "EpochSamples{epoch=" + epoch + ", positives=" + positives + ", rowsPerPositive="
                + rowsPerPositive + ", rows=" + rows() + "}";
    }
}
