package io.github.ncf.data.split;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.SplitMix64;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits interactions by holding out one interaction per user for testing, and optionally one more
 * for validation: the leave-one-out protocol of He et al. (WWW 2017) and of the reference lab.
 *
 * <p>With {@link SortOrder#TIMESTAMP} (the default) the held-out row is the user's latest by
 * timestamp, and among rows sharing that timestamp the last in original row order, exactly what a
 * stable sort by timestamp followed by "take the last row" gives; on MovieLens-100k this tie rule
 * changes the test set (and the metrics) noticeably. With {@link SortOrder#FILE_ORDER} it is the
 * user's last row in file order, timestamps or not. With {@link SortOrder#RANDOM} the row is drawn
 * uniformly from the user's rows with a generator keyed by the seed and the user index, so the split
 * is reproducible and independent of row order elsewhere. Users with a single row stay whole in
 * training; the {@link Split} reports how many.
 *
 * <p>With {@link Builder#validation(boolean) validation(true)} the splitter also holds out, for each
 * user with at least three rows, a validation row: the latest of the rows left after the test row,
 * by the same order and tie rule (for {@code RANDOM}, the next draw of the same user's generator).
 * Model selection (early stopping, hyperparameters) reads the validation rows; the test rows are
 * then evaluated once. Users with exactly two rows get a test row only and are counted in {@link
 * Split#usersWithoutValidation()}. The test rows are the same whether or not validation is on.
 *
 * <pre>{@code
 * LeaveOneOutSplitter splitter = LeaveOneOutSplitter.builder().validation(true).build();
 * Split split = splitter.split(data);
 * System.out.println(split);   // Split{LeaveOneOutSplitter{order=TIMESTAMP, validation=true}, ...}
 * }</pre>
 */
public final class LeaveOneOutSplitter {

    private final SortOrder order;
    private final long seed;
    private final boolean validation;

    private LeaveOneOutSplitter(Builder builder) {
        this.order = builder.order;
        this.seed = builder.seed;
        this.validation = builder.validation;
    }

    /**
     * Returns a new builder with order {@link SortOrder#TIMESTAMP}, seed {@link Seeds#DEFAULT} and
     * no validation hold-out.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the order that picks the held-out rows.
     *
     * @return the sort order
     */
    public SortOrder order() {
        return order;
    }

    /**
     * Returns the seed, used only by {@link SortOrder#RANDOM}.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns whether a validation row is held out besides the test row.
     *
     * @return true if the split has a validation part
     */
    public boolean validation() {
        return validation;
    }

    /**
     * Splits the interactions. Training rows keep their original order; test and validation rows
     * are in user-index order. All parts share the id mappings of {@code data}.
     *
     * @param data the interactions to split
     * @return the split
     * @throws IllegalArgumentException if the order is {@link SortOrder#TIMESTAMP} and the data carry
     *     no timestamps
     */
    public Split split(Interactions data) {
        Objects.requireNonNull(data, "data");
        if (order == SortOrder.TIMESTAMP && !data.hasTimestamps()) {
            throw new IllegalArgumentException("order TIMESTAMP needs timestamps, but the data ("
                    + data + ") carry none; use SortOrder.FILE_ORDER (the last row in file order)"
                    + " or SortOrder.RANDOM");
        }
        int numUsers = data.numUsers();
        int[] testRows = new int[numUsers];
        int[] validationRows = new int[numUsers];
        int heldOut = 0;
        int validated = 0;
        int withoutValidation = 0;
        int keptWhole = 0;
        int withoutRows = 0;
        boolean[] isHeldOut = new boolean[data.size()];
        for (int u = 0; u < numUsers; u++) {
            int count = data.rowCount(u);
            if (count == 0) {
                withoutRows++;
                continue;
            }
            if (count == 1) {
                keptWhole++;
                continue;
            }
            int[] drawn = order == SortOrder.RANDOM ? randomPositions(seed, u, count, validation) : null;
            int test = drawn != null ? data.userRow(u, drawn[0]) : pick(data, u, count, -1);
            testRows[heldOut++] = test;
            isHeldOut[test] = true;
            if (validation) {
                if (count >= 3) {
                    int valid = drawn != null ? data.userRow(u, drawn[1]) : pick(data, u, count, test);
                    validationRows[validated++] = valid;
                    isHeldOut[valid] = true;
                } else {
                    withoutValidation++;
                }
            }
        }
        int[] trainRows = new int[data.size() - heldOut - validated];
        int w = 0;
        for (int r = 0; r < isHeldOut.length; r++) {
            if (!isHeldOut[r]) {
                trainRows[w++] = r;
            }
        }
        Interactions train = data.select(trainRows);
        Interactions test = data.select(Arrays.copyOf(testRows, heldOut));
        Interactions valid = null;
        Interactions known = train;
        if (validation) {
            int[] validRows = Arrays.copyOf(validationRows, validated);
            valid = data.select(validRows);
            int[] knownRows = Arrays.copyOf(trainRows, trainRows.length + validated);
            System.arraycopy(validRows, 0, knownRows, trainRows.length, validated);
            known = data.select(knownRows);
        }
        int leaked = 0;
        for (int k = 0; k < test.size(); k++) {
            if (known.contains(test.user(k), test.item(k))) {
                leaked++;
            }
        }
        return new Split(train, valid, known, test, heldOut, keptWhole, withoutRows,
                withoutValidation, leaked, toString());
    }

    /** Picks the user's held-out row among its rows other than {@code skip} (-1: none), by time or file order. */
    private int pick(Interactions data, int user, int count, int skip) {
        return order == SortOrder.TIMESTAMP ? latestRow(data, user, count, skip) : lastRow(data, user, count, skip);
    }

    /**
     * Draws the positions, among a user's rows in original order, of the rows a {@link
     * SortOrder#RANDOM} split holds out: the test row, then (with validation and at least three rows)
     * the validation row, drawn from the remaining rows with the same generator {@code
     * SplitMix64.of(seed, user)}. Public so that a distributed split draws exactly these rows.
     *
     * @param seed the splitter's seed
     * @param user the user's dense index
     * @param count the user's number of rows, at least 2
     * @param validation whether a validation row is drawn too (only with at least 3 rows)
     * @return the test position, followed by the validation position when one is drawn
     * @throws IllegalArgumentException if count is less than 2
     */
    public static int[] randomPositions(long seed, int user, int count, boolean validation) {
        if (count < 2) {
            throw new IllegalArgumentException("count must be >= 2, got " + count);
        }
        SplitMix64 rng = SplitMix64.of(seed, user);
        int test = rng.nextInt(count);
        if (!validation || count < 3) {
            return new int[] {test};
        }
        int k = rng.nextInt(count - 1);
        // The test row is skipped by shifting the later rows down one place.
        return new int[] {test, k >= test ? k + 1 : k};
    }

    private static int latestRow(Interactions data, int user, int count, int skip) {
        int best = -1;
        long bestTime = Long.MIN_VALUE;
        for (int k = 0; k < count; k++) {
            int row = data.userRow(user, k);
            if (row == skip) {
                continue;
            }
            long t = data.timestamp(row);
            // ">=" keeps the later row among equal timestamps: userRow walks rows in original order.
            if (best < 0 || t >= bestTime) {
                best = row;
                bestTime = t;
            }
        }
        return best;
    }

    private static int lastRow(Interactions data, int user, int count, int skip) {
        int last = data.userRow(user, count - 1);
        return last != skip ? last : data.userRow(user, count - 2);
    }

    @Override
    public String toString() {
        String v = validation ? ", validation=true" : "";
        return order == SortOrder.RANDOM
                ? "LeaveOneOutSplitter{order=RANDOM, seed=" + seed + v + "}"
                : "LeaveOneOutSplitter{order=" + order + v + "}";
    }

    /** Configures a {@link LeaveOneOutSplitter}; reusable after {@link #build()}. */
    public static final class Builder {

        private SortOrder order = SortOrder.TIMESTAMP;
        private long seed = Seeds.DEFAULT;
        private boolean validation;

        private Builder() {
        }

        /**
         * Sets which rows are held out; default {@link SortOrder#TIMESTAMP}.
         *
         * @param order the order
         * @return this builder
         */
        public Builder order(SortOrder order) {
            this.order = Objects.requireNonNull(order, "order must not be null");
            return this;
        }

        /**
         * Sets the seed of {@link SortOrder#RANDOM} splits; default {@link Seeds#DEFAULT}.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets whether a validation row is held out per user besides the test row; default false.
         *
         * @param validation true to hold out a validation row for every user with at least three rows
         * @return this builder
         */
        public Builder validation(boolean validation) {
            this.validation = validation;
            return this;
        }

        /**
         * Builds the splitter.
         *
         * @return the splitter
         */
        public LeaveOneOutSplitter build() {
            return new LeaveOneOutSplitter(this);
        }
    }
}
