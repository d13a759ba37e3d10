package io.github.ncf.data.sampling;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.SplitMix64;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Draws negatives for implicit-feedback training on plain arrays, without DJL: for every training
 * positive {@code (u, i)}, {@code numNegatives} distinct items drawn uniformly from the items that
 * {@code u} has no training row with (optionally also excluding {@code u}'s held-out test items),
 * afresh every epoch.
 *
 * <p>An epoch is a pure function of {@code (seed, epoch)}, whatever the thread count. The positives
 * are put in a fresh uniformly random order each epoch, like a shuffling data loader (a cache-friendly
 * Rao-Sandelius shuffle: each positive goes to a random bucket, then each bucket is shuffled in
 * place). Negatives are drawn walking the positives user by user, so each user's excluded items stay
 * in cache, in fixed chunks of {@value #CHUNK} positives, each chunk with its own generator keyed by
 * {@code (seed, epoch, chunk)}. Each positive's negatives are a uniform random subset of the user's
 * candidate items: when at least half the items are candidates, items are drawn uniformly and redrawn
 * if excluded (a bitmap test) or repeated; otherwise Floyd's algorithm picks candidate ranks, each
 * mapped to its item by a binary search over the user's sorted excluded items, so users with very few
 * candidates cost no more than others (both draws are {@link DistinctItems}'). A sampler is immutable
 * and may be used from several threads.
 *
 * <pre>{@code
 * NegativeSampler sampler = NegativeSampler.builder().train(split.train()).numNegatives(4).build();
 * EpochSamples samples = null;
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     samples = sampler.sampleInto(epoch, samples);   // 495,285 rows on MovieLens-100k
 * }
 * }</pre>
 */
public final class NegativeSampler {

    /** The default number of negatives per positive, as in He et al. and the reference lab. */
    public static final int DEFAULT_NUM_NEGATIVES = 4;
    /** Positives per independently seeded chunk; fixed so results do not depend on thread count. */
    public static final int CHUNK = 1 << 14;

    private static final long SHUFFLE_KEY = 0x53485546464C45L;
    /**
     * Average positives per shuffle bucket: large enough that the buckets' write streams stay few
     * (about 300 for 20 million positives), small enough that a bucket's rows (1.3 MB per column with
     * 4 negatives) stay in the last-level cache while they are shuffled.
     */
    private static final int BUCKET_SLOTS = 1 << 16;

    private final Interactions train;
    private final int numNegatives;
    private final long seed;
    private final boolean shuffle;
    private final int threads;
    private final boolean excludesTest;
    private final int numItems;
    // Positives grouped by user (user u's are [groupStart[u], groupStart[u + 1]) in original row
    // order), so that drawing walks each user's excluded items while they are in cache.
    private final int[] groupStart;
    private final int[] groupItems;
    private final int[] groupRows; // original row of each grouped positive; only kept without shuffle
    // Excluded items of user u, ascending and distinct: excluded[offsets[u] .. offsets[u + 1]).
    private final int[] excluded;
    private final int[] offsets;
    private final ForkJoinPool pool;

    private NegativeSampler(Builder b) {
        this.train = b.train;
        this.numNegatives = b.numNegatives;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.threads = b.threads;
        this.numItems = train.numItems();
        int users = train.numUsers();
        this.groupStart = new int[users + 1];
        for (int u = 0; u < users; u++) {
            groupStart[u + 1] = groupStart[u] + train.rowCount(u);
        }
        this.groupItems = new int[train.size()];
        this.groupRows = shuffle ? null : new int[train.size()];
        for (int u = 0; u < users; u++) {
            for (int k = 0, g = groupStart[u]; g < groupStart[u + 1]; k++, g++) {
                int row = train.userRow(u, k);
                groupItems[g] = train.item(row);
                if (groupRows != null) {
                    groupRows[g] = row;
                }
            }
        }
        if (b.test == null) {
            this.excludesTest = false;
            this.excluded = train.userItemIndex();
            this.offsets = train.userItemOffsets();
        } else {
            this.excludesTest = true;
            int[][] merged = merge(train, b.test);
            this.excluded = merged[0];
            this.offsets = merged[1];
        }
        checkCandidates(b.test);
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    private static int[][] merge(Interactions train, Interactions test) {
        if (!train.userIds().equals(test.userIds()) || !train.itemIds().equals(test.itemIds())) {
            throw new IllegalArgumentException("test must share train's id mappings (the halves of one Split), got "
                    + test + " for " + train);
        }
        int users = train.numUsers();
        int[][] perUser = new int[users][];
        int[] off = new int[users + 1];
        for (int u = 0; u < users; u++) {
            perUser[u] = DistinctItems.union(train.itemsOf(u), test.itemsOf(u));
            off[u + 1] = off[u] + perUser[u].length;
        }
        int[] out = new int[off[users]];
        for (int u = 0; u < users; u++) {
            System.arraycopy(perUser[u], 0, out, off[u], perUser[u].length);
        }
        return new int[][] {out, off};
    }

    private void checkCandidates(Interactions test) {
        for (int u = 0; u < train.numUsers(); u++) {
            if (train.rowCount(u) == 0) {
                continue;
            }
            int candidates = candidateCount(u);
            if (candidates < numNegatives) {
                throw new IllegalArgumentException("user \"" + train.userIds().rawId(u) + "\" (index " + u
                        + ") has " + candidates + " candidate negative items (" + numItems + " items, "
                        + train.itemCount(u) + " in training"
                        + (test == null ? "" : ", " + (offsets[u + 1] - offsets[u] - train.itemCount(u))
                                + " more excluded test items")
                        + "), fewer than numNegatives=" + numNegatives);
            }
        }
    }

    /**
     * Returns a builder with {@link #DEFAULT_NUM_NEGATIVES} negatives, seed {@link Seeds#DEFAULT},
     * shuffling on and one thread.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of candidate negative items of a user: all items minus the user's distinct
     * training items (and excluded test items).
     *
     * @param user the user index
     * @return the number of candidates
     */
    public int candidateCount(int user) {
        return numItems - (offsets[user + 1] - offsets[user]);
    }

    /**
     * Returns whether an item can never be a negative of a user (a training positive, or an excluded
     * test item).
     *
     * @param user the user index
     * @param item the item index
     * @return true if excluded
     */
    public boolean isExcluded(int user, int item) {
        return Arrays.binarySearch(excluded, offsets[user], offsets[user + 1], item) >= 0;
    }

    /** @return the training interactions whose rows are the positives */
    public Interactions train() {
        return train;
    }

    /** @return the number of positives per epoch (training rows) */
    public int positives() {
        return groupItems.length;
    }

    /** @return the number of negatives drawn per positive */
    public int numNegatives() {
        return numNegatives;
    }

    /** @return {@code 1 + numNegatives()} */
    public int rowsPerPositive() {
        return 1 + numNegatives;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return whether the positives are put in a fresh random order each epoch */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the number of threads used to draw an epoch */
    public int threads() {
        return threads;
    }

    /** @return whether held-out test items are excluded from the negatives */
    public boolean excludesTestItems() {
        return excludesTest;
    }

    /**
     * Draws an epoch into new arrays.
     *
     * @param epoch the epoch, at least 0
     * @return the samples
     */
    public EpochSamples sample(int epoch) {
        return sampleInto(epoch, null);
    }

    /**
     * Draws an epoch, reusing the arrays of {@code reuse} when it has the right shape (otherwise, or
     * when it is null, new arrays are allocated).
     *
     * @param epoch the epoch, at least 0
     * @param reuse samples of an earlier epoch of this sampler, or null (samples made with {@link
     *     EpochSamples#of} are never refilled)
     * @return the filled samples: {@code reuse} itself when it could be reused
     */
    public EpochSamples sampleInto(int epoch, EpochSamples reuse) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        int r = rowsPerPositive();
        EpochSamples out = reuse != null && reuse.sampled() && reuse.positives() == positives()
                && reuse.rowsPerPositive() == r ? reuse : new EpochSamples(positives(), r);
        int p = positives();
        // slotOf[g] is the slot of grouped positive g: a fresh uniform permutation each epoch, or the
        // original row without shuffling. Drawing then walks positives user by user and scatters.
        int[] slotOf = out.scratch();
        int buckets = Math.max(1, (p + BUCKET_SLOTS - 1) / BUCKET_SLOTS);
        int[] bucketStart = null;
        if (shuffle) {
            bucketStart = assignBuckets(epoch, slotOf, p, buckets);
        } else {
            System.arraycopy(groupRows, 0, slotOf, 0, p);
        }
        int chunks = (p + CHUNK - 1) / CHUNK;
        int[] starts = bucketStart;
        run(chunks, c -> fillChunk(epoch, c, slotOf, out.users(), out.items()), epoch);
        if (shuffle) {
            run(buckets, b -> shuffleBucket(epoch, b, starts[b], starts[b + 1], out.users(), out.items()), epoch);
        }
        out.epoch(epoch);
        return out;
    }

    private void run(int tasks, java.util.function.IntConsumer task, int epoch) {
        if (pool == null || tasks == 1) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        try {
            pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(task)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling epoch " + epoch, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sampling epoch " + epoch + " failed", e.getCause());
        }
    }

    /**
     * First half of a cache-friendly uniform shuffle (Rao-Sandelius): every positive goes to a
     * uniformly random bucket, and the buckets' slots are laid out one after the other; {@link
     * #shuffleBucket} then shuffles each bucket in place. The positives' slots are written to
     * {@code slotOf}; the result is the buckets' start slots.
     */
    private int[] assignBuckets(int epoch, int[] slotOf, int p, int buckets) {
        SplitMix64 rng = SplitMix64.of(seed, epoch, SHUFFLE_KEY);
        int[] start = new int[buckets + 1];
        for (int g = 0; g < p; g++) {
            int b = rng.nextInt(buckets);
            slotOf[g] = b;
            start[b + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        int[] cursor = Arrays.copyOf(start, buckets);
        for (int g = 0; g < p; g++) {
            slotOf[g] = cursor[slotOf[g]]++;
        }
        return start;
    }

    /** Fisher-Yates over the slots [from, to) of one bucket, moving whole slots of rows. */
    private void shuffleBucket(int epoch, int bucket, int from, int to, int[] users, int[] items) {
        SplitMix64 rng = SplitMix64.of(seed, epoch, SHUFFLE_KEY, bucket);
        int r = rowsPerPositive();
        for (int i = to - from - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            if (j == i) {
                continue;
            }
            int a = (from + i) * r;
            int b = (from + j) * r;
            for (int k = 0; k < r; k++) {
                int tu = users[a + k];
                users[a + k] = users[b + k];
                users[b + k] = tu;
                int ti = items[a + k];
                items[a + k] = items[b + k];
                items[b + k] = ti;
            }
        }
    }

    private void fillChunk(int epoch, int chunk, int[] slotOf, int[] users, int[] items) {
        int r = rowsPerPositive();
        int from = chunk * CHUNK;
        int to = Math.min(from + CHUNK, positives());
        SplitMix64 rng = SplitMix64.of(seed, epoch, chunk);
        int[] picked = new int[numNegatives];
        // Marks the current user's excluded items, for O(1) membership tests.
        DistinctItems draws = new DistinctItems(numItems);
        // The user owning grouped positive `from`: the last u with groupStart[u] <= from.
        int u = upperBound(groupStart, from) - 1;
        while (groupStart[u + 1] <= from) {
            u++;
        }
        int lo = offsets[u];
        int hi = offsets[u + 1];
        draws.mark(excluded, lo, hi);
        int candidates = numItems - (hi - lo);
        boolean reject = 2L * candidates >= numItems;
        for (int g = from; g < to; g++) {
            if (g >= groupStart[u + 1]) {
                draws.unmark(excluded, lo, hi);
                do {
                    u++;
                } while (g >= groupStart[u + 1]);
                lo = offsets[u];
                hi = offsets[u + 1];
                draws.mark(excluded, lo, hi);
                candidates = numItems - (hi - lo);
                reject = 2L * candidates >= numItems;
            }
            int base = slotOf[g] * r;
            Arrays.fill(users, base, base + r, u);
            items[base] = groupItems[g];
            if (reject) {
                // At least half the items are candidates: under two draws per negative.
                draws.drawRejecting(rng, numNegatives, items, base + 1);
            } else {
                // Few candidates: exactly numNegatives draws, however few there are.
                DistinctItems.drawByRank(rng, excluded, lo, hi, candidates, numNegatives, picked, items,
                        base + 1);
            }
        }
    }

    /** Returns the first index whose value is greater than key, in a non-decreasing array. */
    private static int upperBound(int[] a, int key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "NegativeSampler{positives=" + positives() + ", numNegatives=" + numNegatives + ", seed=" + seed
                + ", shuffle=" + shuffle + ", excludeTestItems=" + excludesTest + ", threads=" + threads + "}";
    }

    /** Configures a {@link NegativeSampler}; reusable after {@link #build()}. */
    public static final class Builder {

        private Interactions train;
        private Interactions test;
        private int numNegatives = DEFAULT_NUM_NEGATIVES;
        private long seed = Seeds.DEFAULT;
        private boolean shuffle = true;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Sets the training interactions: every row is a positive, and every (user, item) pair in it
         * is excluded from that user's negatives. Required.
         *
         * @param train the training interactions
         * @return this builder
         */
        public Builder train(Interactions train) {
            this.train = Objects.requireNonNull(train, "train must not be null");
            return this;
        }

        /**
         * Also excludes each user's test items from the negatives, so a held-out item is never
         * trained as a negative. {@code test} must share train's id mappings. Default: not excluded,
         * as in the reference lab.
         *
         * @param test the test interactions, or null to stop excluding
         * @return this builder
         */
        public Builder excludeTestItems(Interactions test) {
            this.test = test;
            return this;
        }

        /**
         * Sets the negatives per positive; default {@value NegativeSampler#DEFAULT_NUM_NEGATIVES}.
         *
         * @param numNegatives at least 1
         * @return this builder
         */
        public Builder numNegatives(int numNegatives) {
            if (numNegatives < 1) {
                throw new IllegalArgumentException("numNegatives must be >= 1, got " + numNegatives);
            }
            this.numNegatives = numNegatives;
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
         * Sets whether positives are put in a fresh random order each epoch; default true.
         *
         * @param shuffle true to shuffle
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Sets how many threads draw an epoch; the draws do not depend on it. Default 1.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Builds the sampler, checking that every user with a training row has at least {@code
         * numNegatives} candidate items.
         *
         * @return the sampler
         * @throws IllegalStateException if no training interactions were given
         * @throws IllegalArgumentException if a user has too few candidates (the message names the user
         *     and the counts) or test does not share train's id mappings
         */
        public NegativeSampler build() {
            if (train == null) {
                throw new IllegalStateException("train(Interactions) must be set before build()");
            }
            return new NegativeSampler(this);
        }
    }
}
