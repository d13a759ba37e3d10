package io.github.ncf.eval.protocol;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.sampling.DistinctItems;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sampled leave-one-out protocol of the NCF paper (He et al., WWW 2017, section 4.1): each test
 * user's held-out item is ranked among {@code N} (default 99) items the user never interacted with.
 *
 * <p>The negatives are distinct, exclude every item the user has in training <em>or</em> test (and
 * in any set given to {@link Builder#exclude(Interactions...)}), and are drawn <b>once</b>, when the protocol is built, by {@link DistinctItems#candidates(long, int,
 * int[], int, int)} from a generator seeded per user with {@code (seed, user)}; the same seed gives the
 * same candidates, whichever scorer or epoch is evaluated later, and anyone calling that method with
 * the same arguments (a Spark executor, say) draws the same ones. The candidates can also come
 * from one of the NCF authors' {@code .test.negative} files: {@link #of(TestNegativeFile)}.
 *
 * <p><b>Validation and test.</b> When selecting on a validation split, rank {@code
 * split.validation()} with {@code split.train()} as training: candidates avoid training and validation
 * items and the test rows are never read. The test ranking adds {@code exclude(split.validation())}, so
 * that no candidate is an item the user interacted with.
 *
 * <p><b>Rank and ties.</b> The rank is the number of negatives scored strictly higher than the
 * held-out item; ties count in its favour and are reported in {@link Ranks#ties()}.
 *
 * <p><b>Caution.</b> Sampled metrics are much higher than full-ranking ones (HR@10 ~0.65 against ~0.13
 * for NeuMF on ML-100k) and can even order models differently (Krichene and Rendle, "On Sampled
 * Metrics for Item Recommendation", KDD 2020); report them beside {@link FullRanking}.
 *
 * <p>All pairs of all users are scored with {@link Scorer#score(int[], int[], float[])} in a few big
 * batches of {@link Builder#pairsPerBatch(int)} pairs.
 *
 * <pre>{@code
 * SampledRanking sampled = SampledRanking.builder()
 *         .train(split.train()).test(split.test()).negatives(99).seed(42L).build();
 * Ranks ranks = sampled.rank(model);
 * // With a validation split:
 * SampledRanking validation = SampledRanking.builder()
 *         .train(split.train()).test(split.validation()).build();
 * SampledRanking test = SampledRanking.builder()
 *         .train(split.train()).test(split.test()).exclude(split.validation()).build();
 * }</pre>
 */
public final class SampledRanking implements EvaluationProtocol {

    /** The default number of sampled negatives per user, as in the NCF paper. */
    public static final int DEFAULT_NEGATIVES = 99;
    /**
     * The default number of (user, item) pairs per {@link Scorer#score} call. Measured on ML-100k with
     * NeuMF (one intra-op thread): 8,192 to 32,768 pairs per call were 2-4x faster than 65,536 or
     * more, whose per-pair intermediates no longer fit in cache.
     */
    public static final int DEFAULT_PAIRS_PER_BATCH = 1 << 14;

    private final String name;
    private final HeldOut heldOut;
    // Candidates of the user at position p are pairItems[offsets[p] .. offsets[p + 1]); the first is
    // the held-out item. pairUsers repeats the user alongside, ready for Scorer.score.
    private final int[] offsets;
    private final int[] pairUsers;
    private final int[] pairItems;
    private final int pairsPerBatch;
    private final int threads;
    private final int negatives;
    private final long seed;
    private final int duplicateNegatives;
    private final int negativesInTraining;

    private SampledRanking(String name, HeldOut heldOut, int[] offsets, int[] pairItems,
            int pairsPerBatch, int threads, int negatives, long seed, int duplicateNegatives,
            int negativesInTraining) {
        this.name = name;
        this.heldOut = heldOut;
        this.offsets = offsets;
        this.pairItems = pairItems;
        this.pairUsers = new int[pairItems.length];
        for (int p = 0; p < heldOut.users.length; p++) {
            Arrays.fill(pairUsers, offsets[p], offsets[p + 1], heldOut.users[p]);
        }
        this.pairsPerBatch = pairsPerBatch;
        this.threads = threads;
        this.negatives = negatives;
        this.seed = seed;
        this.duplicateNegatives = duplicateNegatives;
        this.negativesInTraining = negativesInTraining;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int numUsers() {
        return heldOut.numUsers;
    }

    @Override
    public int numItems() {
        return heldOut.numItems;
    }

    @Override
    public int[] users() {
        return heldOut.users.clone();
    }

    @Override
    public int[] testItems() {
        return heldOut.items.clone();
    }

    @Override
    public int evaluatedUsers() {
        return heldOut.users.length;
    }

    @Override
    public int skippedUsers() {
        return heldOut.skipped;
    }

    /**
     * Returns the number of negatives per user: as configured for sampled candidates; for candidates
     * read from a file, the largest count found on a line.
     *
     * @return negatives per user
     */
    public int negatives() {
        return negatives;
    }

    /** @return the sampling seed, or -1 for candidates read from a file */
    public long seed() {
        return seed;
    }

    /** @return the number of (user, item) pairs per {@link Scorer#score} call */
    public int pairsPerBatch() {
        return pairsPerBatch;
    }

    /** @return the number of threads that call the scorer at once */
    public int threads() {
        return threads;
    }

    /**
     * Returns a protocol with the same users and candidates that calls the scorer from several
     * threads at once, each on its own chunks of pairs; ranks do not depend on it. Scorers are
     * thread-safe by contract; with a PyTorch model each thread runs torch's intra-op thread count
     * (see {@code ProcessTuning}).
     *
     * @param threads at least 1
     * @return the protocol, sharing this one's candidates
     * @throws IllegalArgumentException if threads is less than 1
     */
    public SampledRanking withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new SampledRanking(name, heldOut, offsets, pairItems, pairsPerBatch, threads, negatives,
                seed, duplicateNegatives, negativesInTraining);
    }

    /**
     * Returns the number of negatives repeated on the same line of a {@code .test.negative} file; they
     * are kept as given and each copy counts in the rank. Always 0 for sampled candidates.
     *
     * @return the number of repeated negatives
     */
    public int duplicateNegatives() {
        return duplicateNegatives;
    }

    /**
     * Returns the number of negatives of a {@code .test.negative} file that are training items of
     * their user; they are kept as given. Always 0 for sampled candidates.
     *
     * @return the number of negatives that are training positives
     */
    public int negativesInTraining() {
        return negativesInTraining;
    }

    /**
     * Returns the candidates of the user at a position: the held-out item first, then the negatives.
     *
     * @param position the user's position in {@link #users()}
     * @return a new array of item indices
     */
    public int[] candidates(int position) {
        Objects.checkIndex(position, heldOut.users.length);
        return Arrays.copyOfRange(pairItems, offsets[position], offsets[position + 1]);
    }

    @Override
    public Ranks rank(Scorer scorer) {
        heldOut.check(scorer);
        int total = pairItems.length;
        float[] scores = new float[total];
        // With several threads, cut the pairs into at least one chunk per thread.
        int chunk = Math.max(1, Math.min(pairsPerBatch, (total + threads - 1) / threads));
        int chunks = (total + chunk - 1) / chunk;
        int workers = Math.min(threads, chunks);
        if (chunks == 1) {
            scorer.score(pairUsers, pairItems, scores);
        } else {
            Parallel.run(workers, w -> {
                float[] out = new float[chunk];
                for (int k = w; k < chunks; k += workers) {
                    int from = k * chunk;
                    int to = Math.min(total, from + chunk);
                    scorer.score(Arrays.copyOfRange(pairUsers, from, to),
                            Arrays.copyOfRange(pairItems, from, to), out);
                    System.arraycopy(out, 0, scores, from, to - from);
                }
            });
        }
        int n = heldOut.users.length;
        int[] ranks = new int[n];
        int[] ties = new int[n];
        int[] candidates = new int[n];
        for (int p = 0; p < n; p++) {
            int first = offsets[p];
            int end = offsets[p + 1];
            float target = scores[first];
            int higher = 0;
            int equal = 0;
            for (int k = first + 1; k < end; k++) {
                float v = scores[k];
                if (v > target) {
                    higher++;
                } else if (v == target) {
                    equal++;
                } else if (v != v || target != target) {
                    throw new IllegalStateException("scorer returned NaN for user " + heldOut.users[p]
                            + ", item " + (v != v ? pairItems[k] : pairItems[first]));
                }
            }
            if (target != target) {
                throw new IllegalStateException("scorer returned NaN for user " + heldOut.users[p]
                        + ", item " + pairItems[first] + " (the held-out item)");
            }
            ranks[p] = higher;
            ties[p] = equal;
            candidates[p] = end - first;
        }
        return Ranks.of(heldOut.users, heldOut.items, ranks, ties, candidates);
    }

    /**
     * Returns the protocol over the candidates of a {@code .test.negative} file, as they were read:
     * each listed user's held-out item ranked against the negatives on its line.
     *
     * @param file the parsed file
     * @return the protocol, named {@code "test-negative"}, with {@link #seed()} -1
     */
    public static SampledRanking of(TestNegativeFile file) {
        Objects.requireNonNull(file, "file");
        HeldOut heldOut = HeldOut.of(file.numUsers(), file.numItems(), file.usersArray(),
                file.heldOutArray());
        return new SampledRanking("test-negative", heldOut, file.offsetsArray(), file.pairItemsArray(),
                DEFAULT_PAIRS_PER_BATCH, 1, file.maxNegatives(), -1L, file.duplicateNegatives(),
                file.negativesInTraining());
    }

    @Override
    public String toString() {
        return "SampledRanking{name=" + name + ", users=" + evaluatedUsers() + ", skipped="
                + skippedUsers() + ", negatives=" + negatives + ", seed=" + seed + ", threads=" + threads
                + (seed < 0 ? ", duplicateNegatives=" + duplicateNegatives + ", negativesInTraining="
                        + negativesInTraining : "")
                + "}";
    }

    /** Builds a {@link SampledRanking} by sampling negatives; reusable. */
    public static final class Builder {

        private Interactions train;
        private Interactions test;
        private Interactions[] excluded = new Interactions[0];
        private int negatives = DEFAULT_NEGATIVES;
        private long seed = Seeds.DEFAULT;
        private int pairsPerBatch = DEFAULT_PAIRS_PER_BATCH;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Sets the training interactions; their items are never sampled as negatives.
         *
         * @param train the training half of the split
         * @return this builder
         */
        public Builder train(Interactions train) {
            this.train = Objects.requireNonNull(train, "train");
            return this;
        }

        /**
         * Sets the held-out interactions to rank: at most one distinct item per user, never sampled as
         * a negative ({@code split.test()}, or {@code split.validation()} when selecting on
         * validation).
         *
         * @param test the held-out interactions, sharing the training half's id mappings
         * @return this builder
         */
        public Builder test(Interactions test) {
            this.test = Objects.requireNonNull(test, "test");
            return this;
        }

        /**
         * Also keeps these interactions' items out of each user's candidates, besides the training
         * and test items. For the test ranking of a split with validation: {@code
         * exclude(split.validation())}, so that no candidate is an item the user interacted with.
         * Replaces the sets given by an earlier call; with none, only training and test items are
         * excluded.
         *
         * @param more interactions sharing the training interactions' id mappings
         * @return this builder
         */
        public Builder exclude(Interactions... more) {
            Objects.requireNonNull(more, "more");
            Interactions[] copy = more.clone();
            for (int k = 0; k < copy.length; k++) {
                Objects.requireNonNull(copy[k], "exclude[" + k + "]");
            }
            this.excluded = copy;
            return this;
        }

        /**
         * Sets the number of negatives per user.
         *
         * @param negatives at least 1 (default {@value SampledRanking#DEFAULT_NEGATIVES})
         * @return this builder
         */
        public Builder negatives(int negatives) {
            if (negatives < 1) {
                throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
            }
            this.negatives = negatives;
            return this;
        }

        /**
         * Sets the sampling seed.
         *
         * @param seed any value, negative ones included (default {@link Seeds#DEFAULT})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how many pairs are scored per call.
         *
         * @param pairsPerBatch at least 1 (default {@value SampledRanking#DEFAULT_PAIRS_PER_BATCH})
         * @return this builder
         */
        public Builder pairsPerBatch(int pairsPerBatch) {
            if (pairsPerBatch < 1) {
                throw new IllegalArgumentException("pairsPerBatch must be >= 1, got " + pairsPerBatch);
            }
            this.pairsPerBatch = pairsPerBatch;
            return this;
        }

        /**
         * Sets how many threads call the scorer at once (see {@link SampledRanking#withThreads}).
         *
         * @param threads at least 1 (default 1: the calling thread alone)
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
         * Samples the negatives and builds the protocol.
         *
         * @return the protocol, named {@code "sampled-N"}
         * @throws IllegalStateException if train or test was not set
         * @throws IllegalArgumentException if train, test and the excluded sets do not share id
         *     mappings, a user has more than one test item, or a user has fewer than {@code negatives}
         *     items outside its excluded ones
         */
        public SampledRanking build() {
            if (train == null || test == null) {
                throw new IllegalStateException("train and test must be set, got train="
                        + (train == null ? "none" : train) + ", test=" + (test == null ? "none" : test));
            }
            HeldOut heldOut = HeldOut.from(train, test);
            for (int k = 0; k < excluded.length; k++) {
                Interactions more = excluded[k];
                if (!train.userIds().equals(more.userIds()) || !train.itemIds().equals(more.itemIds())) {
                    throw new IllegalArgumentException("exclude[" + k + "] must share train's id mappings,"
                            + " got " + more.userIds() + "/" + more.itemIds() + " for " + train.userIds()
                            + "/" + train.itemIds());
                }
            }
            int n = heldOut.users.length;
            int per = negatives + 1;
            int[] offsets = new int[n + 1];
            for (int p = 0; p < n; p++) {
                offsets[p + 1] = offsets[p] + per;
            }
            int[] pairItems = new int[offsets[n]];
            DistinctItems draws = new DistinctItems(heldOut.numItems);
            for (int p = 0; p < n; p++) {
                int user = heldOut.users[p];
                int[] excludedItems = excludedItems(user);
                int available = heldOut.numItems - excludedItems.length;
                if (available < negatives) {
                    throw new IllegalArgumentException("user \"" + train.userIds().rawId(user)
                            + "\" (index " + user + ") has only " + available
                            + " items outside its " + excludedItems.length + " excluded ones (training,"
                            + " test" + (excluded.length > 0 ? " and " + excluded.length + " more sets" : "")
                            + "), fewer than negatives=" + negatives);
                }
                pairItems[offsets[p]] = heldOut.items[p];
                int[] drawn = draws.candidates(seed, user, excludedItems, negatives);
                System.arraycopy(drawn, 0, pairItems, offsets[p] + 1, negatives);
            }
            return new SampledRanking("sampled-" + negatives, heldOut, offsets, pairItems,
                    pairsPerBatch, threads, negatives, seed, 0, 0);
        }

        /** The user's training, test and further excluded items, ascending and distinct. */
        private int[] excludedItems(int user) {
            int[][] sets = new int[2 + excluded.length][];
            sets[0] = train.itemsOf(user);
            sets[1] = test.itemsOf(user);
            for (int k = 0; k < excluded.length; k++) {
                sets[2 + k] = excluded[k].itemsOf(user);
            }
            return DistinctItems.union(sets);
        }
    }
}
