package io.github.ncf.data.synthetic;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.SplitMix64;
import java.util.Arrays;

/**
 * A seeded generator of implicit-feedback interactions with power-law item popularity and planted
 * latent structure, from a few rows for tests to MovieLens-20M size (138,493 users, 26,744 items,
 * 20,000,263 interactions) for benchmarks.
 *
 * <p>The model: item {@code i} has popularity weight {@code 1 / (rank(i) + 1)^popularityExponent}
 * (ranks are a seeded permutation, so item ids do not reveal popularity) and one of {@code latentDim}
 * topics; user {@code u} has a primary and a secondary topic. Each of a user's interactions is, with
 * probability {@code affinity} (default 0.8), drawn by popularity among the items of the user's
 * primary topic (80%) or secondary topic (20%), and otherwise by popularity among all items. With
 * the defaults on {@link #small()}, recommending the most popular unseen items of a user's dominant
 * training topic has a leave-one-out HR@10 about 2.7 times that of plain popularity (0.198 against
 * 0.072), a gap a model has to learn. A user's items are distinct.
 * Users' interaction counts follow a Pareto law above a minimum (20, as in MovieLens, when there are
 * enough interactions) and are capped at half the items; they sum exactly to {@code interactions}.
 * A user who draws {@value #MAX_MISSES} items in a row that they already have gets their remaining
 * items uniformly (only heavy users, whose likely items are exhausted, reach this). Rows come user
 * by user with strictly increasing timestamps, so a user's latest row is their last.
 *
 * <p>Memory is bounded by the output: rows are generated straight into the primitive arrays that
 * {@link Interactions#wrap} takes over; a user's draws come from a generator keyed by {@code (seed,
 * user)}. The planted topics are available through {@link #itemTopic(int)} and {@link
 * #userTopic(int)} for tests and diagnostics.
 *
 * <pre>{@code
 * Interactions data = SyntheticInteractions.ml20mSize().generate();
 * Interactions custom = SyntheticInteractions.builder().users(500).items(300).interactions(20_000)
 *         .latentDim(8).popularityExponent(0.8).seed(7).build().generate();
 * }</pre>
 */
public final class SyntheticInteractions {

    /** The first timestamp, 2000-01-01T00:00:00Z in seconds. */
    public static final long FIRST_TIMESTAMP = 946_684_800L;

    private static final long POPULARITY_KEY = 1;
    private static final long ITEM_TOPIC_KEY = 2;
    private static final long USER_TOPIC_KEY = 3;
    private static final long COUNT_KEY = 4;
    private static final long DRAW_KEY = 5;
    private static final double PARETO_ALPHA = 1.5;
    /**
     * Consecutive repeated draws after which a user's remaining items are drawn uniformly: heavy users
     * exhaust their likely items, and popularity draws would mostly repeat.
     */
    private static final int MAX_MISSES = 8;
    /** Share of topic-following draws that use the primary topic; the rest use the secondary. */
    private static final double PRIMARY_SHARE = 0.8;

    private final int users;
    private final int items;
    private final long interactions;
    private final long seed;
    private final int latentDim;
    private final double popularityExponent;
    private final double affinity;

    private SyntheticInteractions(Builder b) {
        this.users = b.users;
        this.items = b.items;
        this.interactions = b.interactions;
        this.seed = b.seed;
        this.latentDim = b.latentDim;
        this.popularityExponent = b.popularityExponent;
        this.affinity = b.affinity;
    }

    /**
     * Returns a builder with the {@link #small()} sizes and default parameters.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this generator's settings, to vary one of them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().users(users).items(items).interactions(interactions).seed(seed)
                .latentDim(latentDim).popularityExponent(popularityExponent).affinity(affinity);
    }

    /**
     * 60 users, 40 items, 1,200 interactions, 4 topics: for unit tests.
     *
     * @return the generator
     */
    public static SyntheticInteractions tiny() {
        return builder().users(60).items(40).interactions(1_200).latentDim(4).build();
    }

    /**
     * 1,000 users, 800 items, 50,000 interactions, 8 topics.
     *
     * @return the generator
     */
    public static SyntheticInteractions small() {
        return builder().users(1_000).items(800).interactions(50_000).latentDim(8).build();
    }

    /**
     * MovieLens-1M size: 6,040 users, 3,706 items, 1,000,209 interactions.
     *
     * @return the generator
     */
    public static SyntheticInteractions ml1mSize() {
        return builder().users(6_040).items(3_706).interactions(1_000_209).latentDim(16).build();
    }

    /**
     * MovieLens-20M size: 138,493 users, 26,744 items, 20,000,263 interactions.
     *
     * @return the generator
     */
    public static SyntheticInteractions ml20mSize() {
        return builder().users(138_493).items(26_744).interactions(20_000_263).latentDim(32).build();
    }

    /** @return the number of users */
    public int users() {
        return users;
    }

    /** @return the number of items */
    public int items() {
        return items;
    }

    /** @return the number of interactions */
    public long interactions() {
        return interactions;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the number of latent topics */
    public int latentDim() {
        return latentDim;
    }

    /** @return the exponent of the item popularity power law */
    public double popularityExponent() {
        return popularityExponent;
    }

    /** @return the probability that a draw follows the user's topics */
    public double affinity() {
        return affinity;
    }

    /**
     * Returns the planted topic of an item.
     *
     * @param item the item index
     * @return a topic in {@code [0, latentDim())}
     */
    public int itemTopic(int item) {
        return SplitMix64.of(seed, ITEM_TOPIC_KEY, item).nextInt(latentDim);
    }

    /**
     * Returns the planted primary topic of a user.
     *
     * @param user the user index
     * @return a topic in {@code [0, latentDim())}
     */
    public int userTopic(int user) {
        return SplitMix64.of(seed, USER_TOPIC_KEY, user).nextInt(latentDim);
    }

    private int userSecondTopic(int user) {
        SplitMix64 rng = SplitMix64.of(seed, USER_TOPIC_KEY, user);
        rng.nextInt(latentDim);
        return rng.nextInt(latentDim);
    }

    /**
     * Returns each user's number of interactions: at least the minimum, at most half the items,
     * summing to {@link #interactions()}.
     *
     * @return a new array of length {@link #users()}
     */
    public int[] userCounts() {
        int cap = Math.max(1, items / 2);
        int min = (int) Math.max(1, Math.min(20, interactions / users / 2));
        int[] counts = new int[users];
        double[] w = new double[users];
        SplitMix64 rng = SplitMix64.of(seed, COUNT_KEY);
        for (int u = 0; u < users; u++) {
            // Pareto(1, alpha) minus its minimum, so the lightest users stay near the minimum count.
            w[u] = Math.pow(1.0 - rng.nextDouble(), -1.0 / PARETO_ALPHA) - 1.0;
            counts[u] = min;
        }
        long left = interactions - (long) min * users;
        boolean[] full = new boolean[users];
        while (left > 0) {
            double sum = 0;
            int open = 0;
            for (int u = 0; u < users; u++) {
                if (!full[u]) {
                    sum += w[u];
                    open++;
                }
            }
            long given = 0;
            for (int u = 0; u < users && given < left; u++) {
                if (full[u]) {
                    continue;
                }
                long add = (long) Math.floor(left * (w[u] / sum));
                if (left < open) {
                    add = 1; // the last few: one each, in user order
                }
                add = Math.min(add, Math.min(cap - counts[u], left - given));
                counts[u] += (int) add;
                given += add;
                if (counts[u] == cap) {
                    full[u] = true;
                }
            }
            left -= given;
            if (given == 0) {
                throw new IllegalStateException("cannot place " + left + " interactions under the cap " + cap);
            }
        }
        return counts;
    }

    /**
     * Generates the interactions: users "1".."users", items "1".."items" as raw ids, strictly
     * increasing timestamps, no ratings.
     *
     * @return the interactions
     */
    public Interactions generate() {
        int n = Math.toIntExact(interactions);
        double[] weight = new double[items];
        int[] rank = new int[items];
        for (int i = 0; i < items; i++) {
            rank[i] = i;
        }
        SplitMix64.of(seed, POPULARITY_KEY).shuffle(rank, items);
        for (int i = 0; i < items; i++) {
            weight[i] = Math.pow(rank[i] + 1.0, -popularityExponent);
        }
        // Items grouped by topic, with one alias table per topic over the group's weights.
        int[] topicStart = new int[latentDim + 1];
        int[] topicOf = new int[items];
        for (int i = 0; i < items; i++) {
            topicOf[i] = itemTopic(i);
            topicStart[topicOf[i] + 1]++;
        }
        for (int t = 0; t < latentDim; t++) {
            topicStart[t + 1] += topicStart[t];
        }
        int[] byTopic = new int[items];
        double[] byTopicWeight = new double[items];
        int[] fill = Arrays.copyOf(topicStart, latentDim);
        for (int i = 0; i < items; i++) {
            int slot = fill[topicOf[i]]++;
            byTopic[slot] = i;
            byTopicWeight[slot] = weight[i];
        }
        AliasTable global = new AliasTable(weight, 0, items);
        AliasTable[] topics = new AliasTable[latentDim];
        for (int t = 0; t < latentDim; t++) {
            topics[t] = topicStart[t + 1] > topicStart[t] ? new AliasTable(byTopicWeight, topicStart[t], topicStart[t + 1]) : null;
        }

        int[] counts = userCounts();
        int[] userCol = new int[n];
        int[] itemCol = new int[n];
        long[] time = new long[n];
        int[] mark = new int[items];
        Arrays.fill(mark, -1);
        int row = 0;
        for (int u = 0; u < users; u++) {
            SplitMix64 rng = SplitMix64.of(seed, DRAW_KEY, u);
            int primary = userTopic(u);
            int secondary = userSecondTopic(u);
            int misses = 0;
            boolean uniform = false;
            for (int k = 0; k < counts[u]; ) {
                int item;
                if (uniform) {
                    item = rng.nextInt(items);
                } else if (rng.nextDouble() < affinity) {
                    int t = rng.nextDouble() < PRIMARY_SHARE ? primary : secondary;
                    item = topics[t] == null ? global.draw(rng) : byTopic[topicStart[t] + topics[t].draw(rng)];
                } else {
                    item = global.draw(rng);
                }
                if (mark[item] == u) {
                    // A user who keeps drawing items they already have has exhausted their likely
                    // items; the rest of their items are drawn uniformly (at most half are taken).
                    uniform |= ++misses >= MAX_MISSES;
                    continue;
                }
                mark[item] = u;
                misses = 0;
                userCol[row] = u;
                itemCol[row] = item;
                time[row] = FIRST_TIMESTAMP + row;
                row++;
                k++;
            }
        }
        return Interactions.wrap(IdMapping.sequential(1, users), IdMapping.sequential(1, items),
                userCol, itemCol, time, null);
    }

    @Override
    public String toString() {
        return "SyntheticInteractions{users=" + users + ", items=" + items + ", interactions=" + interactions
                + ", seed=" + seed + ", latentDim=" + latentDim + ", popularityExponent=" + popularityExponent
                + ", affinity=" + affinity + "}";
    }

    /** Configures a {@link SyntheticInteractions}; reusable after {@link #build()}. */
    public static final class Builder {

        private int users = 1_000;
        private int items = 800;
        private long interactions = 50_000;
        private long seed = Seeds.DEFAULT;
        private int latentDim = 8;
        private double popularityExponent = 0.8;
        private double affinity = 0.8;

        private Builder() {
        }

        /**
         * Sets the number of users; default 1,000.
         *
         * @param users at least 1
         * @return this builder
         */
        public Builder users(int users) {
            if (users < 1) {
                throw new IllegalArgumentException("users must be >= 1, got " + users);
            }
            this.users = users;
            return this;
        }

        /**
         * Sets the number of items; default 800.
         *
         * @param items at least 2
         * @return this builder
         */
        public Builder items(int items) {
            if (items < 2) {
                throw new IllegalArgumentException("items must be >= 2, got " + items);
            }
            this.items = items;
            return this;
        }

        /**
         * Sets the number of interactions; default 50,000.
         *
         * @param interactions at least 1, at most {@link Integer#MAX_VALUE} - 8
         * @return this builder
         */
        public Builder interactions(long interactions) {
            if (interactions < 1 || interactions > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("interactions must be in [1, " + (Integer.MAX_VALUE - 8)
                        + "], got " + interactions);
            }
            this.interactions = interactions;
            return this;
        }

        /**
         * Sets the seed; default {@link Seeds#DEFAULT}.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of latent topics; default 8.
         *
         * @param latentDim at least 1
         * @return this builder
         */
        public Builder latentDim(int latentDim) {
            if (latentDim < 1) {
                throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
            }
            this.latentDim = latentDim;
            return this;
        }

        /**
         * Sets the exponent of the item popularity power law; 0 is uniform, 1 is Zipf; default 0.8,
         * which puts about a third of MovieLens-20M-sized data on the top 1% of items.
         *
         * @param exponent a finite number >= 0
         * @return this builder
         */
        public Builder popularityExponent(double exponent) {
            if (!(exponent >= 0) || Double.isInfinite(exponent)) {
                throw new IllegalArgumentException("popularityExponent must be finite and >= 0, got " + exponent);
            }
            this.popularityExponent = exponent;
            return this;
        }

        /**
         * Sets the probability that a draw follows the user's topics rather than global popularity;
         * 0 gives pure popularity; default 0.8.
         *
         * @param affinity in [0, 1]
         * @return this builder
         */
        public Builder affinity(double affinity) {
            if (!(affinity >= 0 && affinity <= 1)) {
                throw new IllegalArgumentException("affinity must be in [0, 1], got " + affinity);
            }
            this.affinity = affinity;
            return this;
        }

        /**
         * Builds the generator.
         *
         * @return the generator
         * @throws IllegalArgumentException if the interactions do not fit: more than users times half
         *     the items, or fewer than the users
         */
        public SyntheticInteractions build() {
            long cap = (long) users * Math.max(1, items / 2);
            if (interactions > cap) {
                throw new IllegalArgumentException("interactions " + interactions + " exceed users (" + users
                        + ") x half the items (" + Math.max(1, items / 2) + ") = " + cap);
            }
            if (interactions < users) {
                throw new IllegalArgumentException("interactions " + interactions
                        + " must be >= users " + users + " (every user has at least one)");
            }
            return new SyntheticInteractions(this);
        }
    }
}
