package io.github.ncf.data.split;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.SplitMix64;
import java.util.Objects;

/**
 * Splits interactions by holding out one interaction per user, the leave-one-out protocol of He et
 * al. (WWW 2017) and of the reference lab.
 *
 * <p>With {@link SortOrder#TIMESTAMP} (the default) the held-out row is the user's latest by
 * timestamp, and among rows sharing that timestamp the last in original row order, exactly what a
 * stable sort by timestamp followed by "take the last row" gives; on MovieLens-100k this tie rule
 * changes the test set (and the metrics) noticeably. With {@link SortOrder#RANDOM} the row is drawn
 * uniformly from the user's rows with a generator keyed by the seed and the user index, so the split
 * is reproducible and independent of row order elsewhere. Users with a single row stay whole in
 * training; the {@link Split} reports how many.
 *
 * <pre>{@code
 * LeaveOneOutSplitter splitter = LeaveOneOutSplitter.builder().build();   // TIMESTAMP
 * Split split = splitter.split(data);
 * System.out.println(split);   // Split{LeaveOneOutSplitter{order=TIMESTAMP}, train=99057 rows, ...}
 * }</pre>
 */
public final class LeaveOneOutSplitter {

    /** The default seed of {@link SortOrder#RANDOM} splits. */
    public static final long DEFAULT_SEED = 42L;

    private final SortOrder order;
    private final long seed;

    private LeaveOneOutSplitter(Builder builder) {
        this.order = builder.order;
        this.seed = builder.seed;
    }

    /**
     * Returns a new builder with order {@link SortOrder#TIMESTAMP} and seed {@link #DEFAULT_SEED}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the order that picks the held-out row.
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
     * Splits the interactions. Training rows keep their original order; test rows are in user-index
     * order. Both halves share the id mappings of {@code data}.
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
                    + data + ") carry none; use SortOrder.RANDOM");
        }
        int numUsers = data.numUsers();
        int[] testRows = new int[numUsers];
        int heldOut = 0;
        int keptWhole = 0;
        int withoutRows = 0;
        boolean[] isTest = new boolean[data.size()];
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
            int row = order == SortOrder.TIMESTAMP ? latestRow(data, u, count) : randomRow(data, u, count);
            testRows[heldOut++] = row;
            isTest[row] = true;
        }
        int[] trainRows = new int[data.size() - heldOut];
        int w = 0;
        for (int r = 0; r < isTest.length; r++) {
            if (!isTest[r]) {
                trainRows[w++] = r;
            }
        }
        Interactions train = data.select(trainRows);
        Interactions test = data.select(java.util.Arrays.copyOf(testRows, heldOut));
        int leaked = 0;
        for (int k = 0; k < test.size(); k++) {
            if (train.contains(test.user(k), test.item(k))) {
                leaked++;
            }
        }
        return new Split(train, test, heldOut, keptWhole, withoutRows, leaked, toString());
    }

    private static int latestRow(Interactions data, int user, int count) {
        int best = data.userRow(user, 0);
        long bestTime = data.timestamp(best);
        for (int k = 1; k < count; k++) {
            int row = data.userRow(user, k);
            long t = data.timestamp(row);
            // ">=" keeps the later row among equal timestamps: userRow walks rows in original order.
            if (t >= bestTime) {
                best = row;
                bestTime = t;
            }
        }
        return best;
    }

    private int randomRow(Interactions data, int user, int count) {
        return data.userRow(user, SplitMix64.of(seed, user).nextInt(count));
    }

    @Override
    public String toString() {
        return order == SortOrder.RANDOM
                ? "LeaveOneOutSplitter{order=RANDOM, seed=" + seed + "}"
                : "LeaveOneOutSplitter{order=TIMESTAMP}";
    }

    /** Configures a {@link LeaveOneOutSplitter}; reusable after {@link #build()}. */
    public static final class Builder {

        private SortOrder order = SortOrder.TIMESTAMP;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /**
         * Sets which row is held out; default {@link SortOrder#TIMESTAMP}.
         *
         * @param order the order
         * @return this builder
         */
        public Builder order(SortOrder order) {
            this.order = Objects.requireNonNull(order, "order must not be null");
            return this;
        }

        /**
         * Sets the seed of {@link SortOrder#RANDOM} splits; default {@link #DEFAULT_SEED}.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
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
