package io.github.ncf.eval.protocol;

import io.github.ncf.core.ExactRanking;
import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.ScreenedScorer;
import io.github.ncf.core.TopK;
import io.github.ncf.data.Interactions;
import java.util.Arrays;
import java.util.Objects;

/**
 * The full-ranking leave-one-out protocol (the reference lab's): every item is scored for the user,
 * the user's known items (training, and validation at test time) are masked out, and the held-out
 * item is ranked against all the rest.
 *
 * <p><b>Rank and ties.</b> The rank of the held-out item is the number of unmasked items scored
 * strictly higher than it. Items with exactly its score do not push it down, so ties are resolved in
 * its favour; they are counted in {@link Ranks#ties()}. A scorer that gives every item the same score
 * therefore ranks every held-out item first: look at the tie counts before trusting such a result.
 * The held-out item itself is never masked, even if the user also has a training row for it.
 *
 * <p><b>Speed.</b> Users are scored in batches of {@link Builder#usersPerBatch(int)} through {@link
 * Scorer#scoreAllItems(int[], float[])}, which models implement with a factorised forward pass; ranks
 * are then computed in Java in one pass over the scores per user, without sorting, and corrected for
 * the (few) masked items. A {@link ScreenedScorer} (the NCF models) is ranked through an {@link
 * ExactScreen} that {@link #rank(Scorer)} opens and closes on each call; {@link
 * #rank(ScreenedScorer, ExactScreen)} ranks through one the caller holds instead.
 *
 * <p><b>Cut-off.</b> Metrics cut at K (HR@K, NDCG@K, MRR@K) need no rank beyond K. With {@link
 * Builder#rankCutoff(int)} (or {@link #withRankCutoff(int)}; {@code ProtocolEvaluator} sets the
 * largest K of its metrics) a user whose held-out item has at least that many items certainly above it
 * gets the rank {@code cutoff} (see {@link Ranks#cutoff()}); every rank below it, and its ties, is
 * the uncut rank. A screen that can stop early ({@link ExactScreen#stopsAtCutoff()}: the NCF models'
 * Java screen) visits items from the most to the least popular among the known interactions and stops
 * there, which for a trained model is after a tile or two of the catalogue. The NaN check covers the
 * items screened.
 *
 * <pre>{@code
 * FullRanking full = FullRanking.builder().train(split.train()).test(split.test()).build();
 * Ranks ranks = full.rank(model);
 * int[][] top10 = full.topK(model, 10);   // never contains a training item
 * // With a validation split: select on validation, then rank test once with validation masked too.
 * FullRanking validation = FullRanking.builder().known(split.train()).test(split.validation()).build();
 * FullRanking test = FullRanking.builder().known(split.trainAndValidation()).test(split.test()).build();
 * }</pre>
 */
public final class FullRanking implements EvaluationProtocol {

    /**
     * The default budget of scores per {@link Scorer#scoreAllItems} call (2^23 floats, 32 MiB): the
     * number of users per call is this divided by the number of items, so all 943 ML-100k users go
     * in one call (models precompute the item side once per call) while ML-20M takes 313 per call.
     */
    public static final int DEFAULT_SCORES_PER_BATCH = 1 << 23;

    private final HeldOut heldOut;
    private final int[] maskOffsets;
    private final int[] maskItems;
    private final int usersPerBatch;
    private final int threads;
    private final boolean exact;
    private final int cutoff;
    /** Items from the most to the least popular among the known interactions, ties by index. */
    private final int[] itemOrder;

    private FullRanking(Builder b) {
        this.heldOut = HeldOut.from(b.train, b.test);
        int[][] mask = mask(b.train, heldOut);
        this.maskItems = mask[0];
        this.maskOffsets = mask[1];
        this.usersPerBatch = b.usersPerBatch > 0 ? b.usersPerBatch
                : Math.max(1, DEFAULT_SCORES_PER_BATCH / Math.max(1, heldOut.numItems));
        this.threads = b.threads;
        this.exact = b.exact;
        this.cutoff = b.cutoff;
        this.itemOrder = popularityOrder(b.train.userItemIndex(), heldOut.numItems);
    }

    private FullRanking(FullRanking base, int cutoff) {
        this.heldOut = base.heldOut;
        this.maskItems = base.maskItems;
        this.maskOffsets = base.maskOffsets;
        this.usersPerBatch = base.usersPerBatch;
        this.threads = base.threads;
        this.exact = base.exact;
        this.itemOrder = base.itemOrder;
        this.cutoff = cutoff;
    }

    /** Items by descending count in {@code items}, ties to the lower index. */
    static int[] popularityOrder(int[] items, int numItems) {
        long[] count = new long[numItems];
        for (int item : items) {
            count[item]++;
        }
        long[] keys = new long[numItems];
        for (int i = 0; i < numItems; i++) {
            // Ascending keys: higher counts first, then lower indices.
            keys[i] = ((Integer.MAX_VALUE - count[i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[numItems];
        for (int p = 0; p < numItems; p++) {
            order[p] = (int) keys[p];
        }
        return order;
    }

    /**
     * Returns each user's masked items as CSR arrays {items, offsets}: the user's distinct training
     * items, ascending, without the user's held-out item. The training set's own arrays are shared
     * (read-only) unless some held-out item is also a training item of its user.
     */
    private static int[][] mask(Interactions train, HeldOut heldOut) {
        int[] items = train.userItemIndex();
        int[] offsets = train.userItemOffsets();
        boolean heldOutMasked = false;
        for (int p = 0; p < heldOut.users.length && !heldOutMasked; p++) {
            heldOutMasked = train.contains(heldOut.users[p], heldOut.items[p]);
        }
        if (!heldOutMasked) {
            return new int[][] {items, offsets};
        }
        int[] testItem = new int[offsets.length - 1];
        Arrays.fill(testItem, -1);
        for (int p = 0; p < heldOut.users.length; p++) {
            testItem[heldOut.users[p]] = heldOut.items[p];
        }
        int[] outItems = new int[items.length];
        int[] outOffsets = new int[offsets.length];
        int w = 0;
        for (int u = 0; u < testItem.length; u++) {
            for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                if (items[k] != testItem[u]) {
                    outItems[w++] = items[k];
                }
            }
            outOffsets[u + 1] = w;
        }
        return new int[][] {Arrays.copyOf(outItems, w), outOffsets};
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "full";
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

    /** @return the number of users scored per {@link Scorer#scoreAllItems} call */
    public int usersPerBatch() {
        return usersPerBatch;
    }

    /** @return the number of threads that call the scorer at once */
    public int threads() {
        return threads;
    }

    /**
     * Returns the order in which a screen opened by {@link #rank(Scorer)} visits items when ranks are
     * cut: every item once, from the most to the least frequent among the known interactions, ties
     * to the lower index. A caller holding its own screen ({@link #rank(ScreenedScorer,
     * ExactScreen)}) opens it with {@code scorer.openScreen(protocol.itemOrder())} to rank as fast;
     * the ranks do not depend on the order.
     *
     * @return the item order, a copy
     */
    public int[] itemOrder() {
        return itemOrder.clone();
    }

    /** @return the rank cut-off ({@link Integer#MAX_VALUE}: ranks are not cut) */
    public int rankCutoff() {
        return cutoff;
    }

    /**
     * Returns this protocol with ranks cut at {@code cutoff} (see "Cut-off" above); the users,
     * held-out items, masks and settings are shared, not recomputed.
     *
     * @param cutoff the cut-off, at least 1; {@link Integer#MAX_VALUE} for uncut ranks
     * @return this protocol if the cut-off is already that, else a copy with it
     * @throws IllegalArgumentException if cutoff is less than 1
     */
    @Override
    public FullRanking withRankCutoff(int cutoff) {
        if (cutoff < 1) {
            throw new IllegalArgumentException("cutoff must be >= 1, got " + cutoff);
        }
        return cutoff == this.cutoff ? this : new FullRanking(this, cutoff);
    }

    @Override
    public Ranks rank(Scorer scorer) {
        heldOut.check(scorer);
        try (ExactScreen screen = openScreen(scorer)) {
            return rankWith(scorer, screen);
        }
    }

    /**
     * Ranks the held-out items by the reference scores of a screen the caller holds, with the same
     * ranks as {@link #rank(Scorer)} gives with {@link Builder#exact(boolean) exact} on. Opening a
     * screen copies the model's weights and computes its item side (about a CPU second at 26,744
     * items), so a caller that ranks many sets of users with one model (a partition each, on Spark)
     * opens one screen and ranks every set through it.
     *
     * <pre>{@code
     * try (ExactScreen screen = model.openScreen()) {
     *     Ranks first = FullRanking.builder().known(known).test(partA).build().rank(model, screen);
     *     Ranks second = FullRanking.builder().known(known).test(partB).build().rank(model, screen);
     * }
     * }</pre>
     *
     * @param scorer the model being evaluated
     * @param screen a screen opened by {@code scorer.openScreen()} (or, to stop early as fast as {@link
     *     #rank(Scorer)} with a cut-off, {@code scorer.openScreen(itemOrder())}) on the parameters to be evaluated;
     *     a screen of another model or of parameters since changed gives that model's ranks. The
     *     caller keeps it: it is not closed here, and may be used from other threads meanwhile
     * @return the ranks, in the order of {@link #users()}
     * @throws IllegalArgumentException if the scorer does not fit the data or the screen scores a
     *     different number of items
     * @throws IllegalStateException if this protocol was built with {@code exact(false)}, which ranks
     *     the scorer's batch scores, not a screen's
     */
    public Ranks rank(ScreenedScorer scorer, ExactScreen screen) {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(screen, "screen");
        if (!exact) {
            throw new IllegalStateException("exact is false, so ranks come from the scorer's batch scores;"
                    + " rank(scorer) ranks them, a screen is for exact ranking (exact(true))");
        }
        heldOut.check(scorer);
        if (screen.numItems() != heldOut.numItems) {
            throw new IllegalArgumentException("screen must score the data's " + heldOut.numItems
                    + " items, got a screen of " + screen.numItems() + " items");
        }
        return rankWith(scorer, screen);
    }

    /** Ranks through the screen, or the scorer's batch scores when the screen is null. */
    private Ranks rankWith(Scorer scorer, ExactScreen screen) {
        int n = heldOut.users.length;
        int numItems = heldOut.numItems;
        int[] ranks = new int[n];
        int[] ties = new int[n];
        int[] candidates = new int[n];
        if (screen != null && cutoff != Integer.MAX_VALUE && screen.stopsAtCutoff()) {
            rankEachUser(screen, ranks, ties, candidates);
            return Ranks.of(heldOut.users, heldOut.items, ranks, ties, candidates, cutoff);
        }
        // With several threads, cut the users into at least one batch per thread.
        int batch = Math.max(1, Math.min(usersPerBatch, (n + threads - 1) / threads));
        int batches = (n + batch - 1) / batch;
        int workers = Math.min(threads, batches);
        Parallel.run(workers, w -> {
            float[] scores = new float[batch * numItems];
            int[] counts = new int[4];
            // Worker w takes batches w, w + workers, ...; each user's rank lands in its own slot.
            for (int k = w; k < batches; k += workers) {
                int from = k * batch;
                int size = Math.min(batch, n - from);
                int[] batchUsers = Arrays.copyOfRange(heldOut.users, from, from + size);
                scoreAllItems(scorer, screen, batchUsers, scores);
                for (int b = 0; b < size; b++) {
                    int p = from + b;
                    if (screen == null) {
                        rankOne(scores, b * numItems, heldOut.users[p], heldOut.items[p], p, ranks,
                                ties, candidates);
                    } else {
                        rankExact(screen, scores, b * numItems, heldOut.users[p], heldOut.items[p],
                                p, counts, ranks, ties, candidates);
                    }
                }
            }
        });
        return Ranks.of(heldOut.users, heldOut.items, ranks, ties, candidates, cutoff);
    }

    /** Ranks user by user through a screen that stops at the cut-off; threads take users in turn. */
    private void rankEachUser(ExactScreen screen, int[] ranks, int[] ties, int[] candidates) {
        int n = heldOut.users.length;
        int workers = Math.max(1, Math.min(threads, n));
        Parallel.run(workers, w -> {
            int[] counts = new int[4];
            for (int p = w; p < n; p += workers) {
                int user = heldOut.users[p];
                int testItem = heldOut.items[p];
                screen.rank(user, testItem, maskItems, maskOffsets[user], maskOffsets[user + 1], cutoff, counts);
                store(user, testItem, p, counts, ranks, ties, candidates);
            }
        });
    }

    /** The scorer's screen when ranks are exact and the scorer offers one, else null. */
    private ExactScreen openScreen(Scorer scorer) {
        if (!exact || !(scorer instanceof ScreenedScorer)) {
            return null;
        }
        ScreenedScorer screened = (ScreenedScorer) scorer;
        // The popularity order only matters where a screen may stop early.
        return cutoff != Integer.MAX_VALUE ? screened.openScreen(itemOrder) : screened.openScreen();
    }

    private static void scoreAllItems(Scorer scorer, ExactScreen screen, int[] users, float[] scores) {
        if (screen == null) {
            scorer.scoreAllItems(users, scores);
        } else {
            screen.screenAllItems(users, scores);
        }
    }

    private void rankExact(ExactScreen screen, float[] scores, int offset, int user, int testItem,
            int p, int[] counts, int[] ranks, int[] ties, int[] candidates) {
        ExactRanking.rank(screen.reference(user), scores, offset, heldOut.numItems, testItem,
                maskItems, maskOffsets[user], maskOffsets[user + 1], counts);
        store(user, testItem, p, counts, ranks, ties, candidates);
    }

    /** Checks one user's counts from an exact ranking and stores the rank, ties and candidates. */
    private void store(int user, int testItem, int p, int[] counts, int[] ranks, int[] ties, int[] candidates) {
        candidates[p] = heldOut.numItems - (maskOffsets[user + 1] - maskOffsets[user]);
        if (counts[0] >= cutoff) {
            // Counting stopped at the cut-off: no tie count, and the held-out item may not have been
            // screened.
            ranks[p] = cutoff;
            ties[p] = 0;
            return;
        }
        if (counts[2] > 0) {
            throw new IllegalStateException("scorer returned NaN for " + counts[2]
                    + " unmasked items of user " + user);
        }
        if (counts[1] < 1) {
            throw new IllegalStateException("the screen's bound does not hold for user " + user
                    + ", item " + testItem + ": its held-out item was decided without being scored");
        }
        ranks[p] = counts[0];
        ties[p] = counts[1] - 1; // the held-out item equals itself
    }

    private void rankOne(float[] scores, int offset, int user, int testItem, int p, int[] ranks,
            int[] ties, int[] candidates) {
        int numItems = heldOut.numItems;
        float target = scores[offset + testItem];
        if (Float.isNaN(target)) {
            throw new IllegalStateException("scorer returned NaN for user " + user + ", item "
                    + testItem + " (the held-out item)");
        }
        // One branch-light pass over all items, then undo the contribution of the masked ones:
        // users have far fewer training items than there are items.
        int higher = 0;
        int equal = 0;
        int nan = 0;
        for (int i = offset, end = offset + numItems; i < end; i++) {
            float v = scores[i];
            if (v > target) {
                higher++;
            } else if (v == target) {
                equal++;
            } else if (v != v) {
                nan++;
            }
        }
        int masked = 0;
        for (int k = maskOffsets[user], end = maskOffsets[user + 1]; k < end; k++) {
            int item = maskItems[k];
            masked++;
            float v = scores[offset + item];
            if (v > target) {
                higher--;
            } else if (v == target) {
                equal--;
            } else if (v != v) {
                nan--;
            }
        }
        if (nan > 0) {
            throw new IllegalStateException("scorer returned NaN for " + nan + " unmasked items of user "
                    + user);
        }
        ranks[p] = higher;
        ties[p] = equal - 1; // the held-out item equals itself
        candidates[p] = numItems - masked;
    }

    /**
     * Returns each evaluated user's top {@code k} items by score, best first, with the user's training
     * items masked out exactly as in {@link #rank(Scorer)}; equal scores are ordered by item index.
     *
     * @param scorer the model or baseline
     * @param k how many items per user, at least 1 (fewer if a user has fewer unmasked items)
     * @return one array of item indices per evaluated user, in the order of {@link #users()}
     * @throws IllegalArgumentException if k is less than 1 or the scorer does not fit the data
     */
    public int[][] topK(Scorer scorer, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        heldOut.check(scorer);
        int n = heldOut.users.length;
        int numItems = heldOut.numItems;
        int[][] result = new int[n][];
        int batch = Math.max(1, Math.min(usersPerBatch, n));
        float[] scores = new float[batch * numItems];
        try (ExactScreen screen = openScreen(scorer)) {
            for (int from = 0; from < n; from += batch) {
                int size = Math.min(batch, n - from);
                int[] batchUsers = Arrays.copyOfRange(heldOut.users, from, from + size);
                scoreAllItems(scorer, screen, batchUsers, scores);
                for (int b = 0; b < size; b++) {
                    int user = batchUsers[b];
                    result[from + b] = screen == null ? topOne(scores, b * numItems, user, k)
                            : ExactRanking.topK(screen.reference(user), scores, b * numItems, numItems,
                                    maskItems, maskOffsets[user], maskOffsets[user + 1], k, null);
                }
            }
        }
        return result;
    }

    private int[] topOne(float[] scores, int offset, int user, int k) {
        return TopK.select(scores, offset, heldOut.numItems, maskItems, maskOffsets[user],
                maskOffsets[user + 1], k);
    }

    @Override
    public String toString() {
        return "FullRanking{users=" + evaluatedUsers() + ", skipped=" + skippedUsers() + ", items="
                + numItems() + ", usersPerBatch=" + usersPerBatch + ", threads=" + threads + ", exact="
                + exact + (cutoff == Integer.MAX_VALUE ? "" : ", rankCutoff=" + cutoff) + "}";
    }

    /** Builds a {@link FullRanking}; reusable. */
    public static final class Builder {

        private Interactions train;
        private Interactions test;
        private int usersPerBatch = -1;
        private int threads = 1;
        private boolean exact = true;
        private int cutoff = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * Cuts ranks at {@code cutoff} (see "Cut-off" in the class comment): ranks below it and
         * their ties are exact, so metrics cut at {@code K <= cutoff} are unchanged, and a screen that
         * can stop early stops there.
         *
         * @param cutoff at least 1 (default {@link Integer#MAX_VALUE}: every rank is counted)
         * @return this builder
         */
        public Builder rankCutoff(int cutoff) {
            if (cutoff < 1) {
                throw new IllegalArgumentException("rankCutoff must be >= 1, got " + cutoff);
            }
            this.cutoff = cutoff;
            return this;
        }

        /**
         * Sets the interactions known when the held-out items are ranked: their items are masked per
         * user, and they give the id space. For a split with validation: {@code split.train()} when
         * ranking {@code split.validation()}, {@code split.trainAndValidation()} when ranking {@code
         * split.test()}, so that the test ranking masks the validation items too and the validation
         * ranking never reads test.
         *
         * @param known the interactions to mask, sharing the held-out interactions' id mappings
         * @return this builder
         */
        public Builder known(Interactions known) {
            this.train = Objects.requireNonNull(known, "known");
            return this;
        }

        /**
         * Sets the training interactions, whose items are masked out per user: the same as {@link
         * #known(Interactions)}, the natural name for a split without validation.
         *
         * @param train the training half of the split
         * @return this builder
         */
        public Builder train(Interactions train) {
            this.train = Objects.requireNonNull(train, "train");
            return this;
        }

        /**
         * Sets the held-out interactions to rank: at most one distinct item per user ({@code
         * split.test()}, or {@code split.validation()} when selecting on validation).
         *
         * @param test the held-out interactions, sharing the known interactions' id mappings
         * @return this builder
         */
        public Builder test(Interactions test) {
            this.test = Objects.requireNonNull(test, "test");
            return this;
        }

        /**
         * Sets how many users are scored per call; more is faster up to the scorer's memory limits.
         *
         * @param usersPerBatch users per batch, at least 1 (default: {@link
         *     FullRanking#DEFAULT_SCORES_PER_BATCH} divided by the number of items)
         * @return this builder
         */
        public Builder usersPerBatch(int usersPerBatch) {
            if (usersPerBatch < 1) {
                throw new IllegalArgumentException("usersPerBatch must be >= 1, got " + usersPerBatch);
            }
            this.usersPerBatch = usersPerBatch;
            return this;
        }

        /**
         * Sets how many threads call the scorer at once, each on its own batches of users; scorers
         * are thread-safe by contract. Ranks do not depend on it. With a PyTorch model, each thread
         * runs torch's intra-op thread count (see {@code ProcessTuning}).
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
         * Sets whether a scorer that offers an {@link ExactScreen} ({@link ScreenedScorer}: the NCF
         * models) is ranked by its reference scores, which depend on the pair alone, through the
         * screen ({@link ExactRanking}); otherwise, and for other scorers, the scores of {@link
         * Scorer#scoreAllItems} are ranked, whose float rounding may depend on which users are scored
         * together.
         *
         * @param exact true (the default) to rank by the reference scores where offered
         * @return this builder
         */
        public Builder exact(boolean exact) {
            this.exact = exact;
            return this;
        }

        /**
         * Builds the protocol.
         *
         * @return the protocol
         * @throws IllegalStateException if the known (train) or test interactions were not set
         * @throws IllegalArgumentException if they do not share id mappings or a user has more than
         *     one test item
         */
        public FullRanking build() {
            if (train == null || test == null) {
                throw new IllegalStateException("known (train) and test must be set, got known="
                        + (train == null ? "none" : train) + ", test=" + (test == null ? "none" : test));
            }
            return new FullRanking(this);
        }
    }
}
