package io.github.ncf.eval.baseline;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.SplitMix64;
import java.util.Objects;

/**
 * The random baseline: each (user, item) pair gets a pseudo-random score in {@code [0, 1)} that is a
 * pure function of {@code (seed, user, item)}, so repeated and batched calls agree and any thread
 * order gives the same scores. Under full ranking its expected HR@10 is about {@code 10 / candidates}.
 *
 * <pre>{@code
 * Scorer random = RandomScorer.builder().numUsers(943).numItems(1682).seed(7L).build();
 * }</pre>
 */
public final class RandomScorer implements Scorer {


    private final int numUsers;
    private final int numItems;
    private final long seed;

    private RandomScorer(Builder b) {
        this.numUsers = b.numUsers;
        this.numItems = b.numItems;
        this.seed = b.seed;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /**
     * Returns the score of one pair.
     *
     * @param user the user index
     * @param item the item index
     * @return a score in {@code [0, 1)} determined by seed, user and item alone
     */
    public float score(int user, int item) {
        Objects.checkIndex(user, numUsers);
        Objects.checkIndex(item, numItems);
        long h = SplitMix64.mix(SplitMix64.mix(seed) ^ SplitMix64.mix(((long) user << 32 | item)
                + 0x9E3779B97F4A7C15L));
        // 24 random bits make every float in [0, 1) on the grid 2^-24 equally likely.
        return (h >>> 40) * 0x1.0p-24f;
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        if (items.length != users.length || out.length < users.length) {
            throw new IllegalArgumentException("users, items and out must hold as many entries: users="
                    + users.length + ", items=" + items.length + ", out=" + out.length);
        }
        for (int k = 0; k < users.length; k++) {
            out[k] = score(users[k], items[k]);
        }
    }

    @Override
    public String toString() {
        return "RandomScorer{users=" + numUsers + ", items=" + numItems + ", seed=" + seed + "}";
    }

    /** Builds a {@link RandomScorer}; reusable. */
    public static final class Builder {

        private int numUsers = -1;
        private int numItems = -1;
        private long seed = Seeds.DEFAULT;

        private Builder() {
        }

        /**
         * Sets the number of users.
         *
         * @param numUsers at least 1
         * @return this builder
         */
        public Builder numUsers(int numUsers) {
            if (numUsers < 1) {
                throw new IllegalArgumentException("numUsers must be >= 1, got " + numUsers);
            }
            this.numUsers = numUsers;
            return this;
        }

        /**
         * Sets the number of items.
         *
         * @param numItems at least 1
         * @return this builder
         */
        public Builder numItems(int numItems) {
            if (numItems < 1) {
                throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
            }
            this.numItems = numItems;
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param seed any value (default {@link Seeds#DEFAULT})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the scorer.
         *
         * @return the scorer
         * @throws IllegalStateException if numUsers or numItems was not set
         */
        public RandomScorer build() {
            if (numUsers < 0 || numItems < 0) {
                throw new IllegalStateException("numUsers and numItems must be set, got numUsers="
                        + numUsers + ", numItems=" + numItems);
            }
            return new RandomScorer(this);
        }
    }
}
