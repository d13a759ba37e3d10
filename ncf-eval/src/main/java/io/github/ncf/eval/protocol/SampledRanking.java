package io.github.ncf.eval.protocol;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.SplitMix64;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sampled leave-one-out protocol of the NCF paper (He et al., WWW 2017, section 4.1): each test
 * user's held-out item is ranked among {@code N} (default 99) items the user never interacted with.
 *
 * <p>The negatives are distinct, exclude every item the user has in training <em>or</em> test, and
 * are drawn <b>once</b>, when the protocol is built, from a generator seeded per user with {@code
 * (seed, user)}; the same seed gives the same candidates, whichever scorer or epoch is evaluated
 * later. They can also be read from the NCF authors' {@code .test.negative} files with {@link
 * #fromTestNegativeFile(Path, Interactions, IdFormat)}.
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
 * }</pre>
 */
public final class SampledRanking implements EvaluationProtocol {

    /** The default number of sampled negatives per user, as in the NCF paper. */
    public static final int DEFAULT_NEGATIVES = 99;
    /** The default seed of the negative sampling. */
    public static final long DEFAULT_SEED = 42L;
    /**
     * The default number of (user, item) pairs per {@link Scorer#score} call. Measured on ML-100k with
     * NeuMF (one intra-op thread): 8,192 to 32,768 pairs per call were 2-4x faster than 65,536 or
     * more, whose per-pair intermediates no longer fit in cache.
     */
    public static final int DEFAULT_PAIRS_PER_BATCH = 1 << 14;

    /**
     * How users and items are written in a {@code .test.negative} file.
     *
     * <p>The NCF authors' files ({@code ml-1m.test.negative}, {@code (0,25)\t1064\t174...}) hold the
     * 0-based ids of <em>their</em> preprocessing, which are the raw ids of their {@code .train.rating}
     * file. Read that file into {@code Interactions} and use {@link #RAW}: this library assigns dense
     * indices in order of first appearance, which need not equal the authors' numbers.
     */
    public enum IdFormat {
        /** This library's dense 0-based indices of the training set's id mappings. */
        INDEX,
        /** Raw ids as in the source data, translated through the training set's id mappings. */
        RAW
    }

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
     * Reads candidates from a file in the NCF authors' {@code .test.negative} format: one line per
     * test user, {@code (user,item)} followed by tab-separated negatives, e.g. {@code
     * (0,25)\t1064\t174\t2791...}. Blank lines are ignored. Negatives repeated on a line, or that are
     * training items of the user, are kept as given and counted ({@link #duplicateNegatives()}, {@link
     * #negativesInTraining()}); a negative equal to the held-out item is an error.
     *
     * @param file the file to read
     * @param train the training interactions, for the id space and (with {@link IdFormat#RAW}) the id
     *     mappings
     * @param ids whether the file holds dense indices or raw ids
     * @return the protocol, named {@code "test-negative"}
     * @throws IllegalArgumentException naming file, line, field and value if a line is malformed,
     *     an id is unknown or out of range, or a user appears twice
     * @throws UncheckedIOException if the file cannot be read
     */
    public static SampledRanking fromTestNegativeFile(Path file, Interactions train, IdFormat ids) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(ids, "ids");
        String where = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<int[]> rows = new ArrayList<>();
        Map<Integer, Integer> lineOfUser = new HashMap<>();
        int duplicates = 0;
        int inTraining = 0;
        int maxNegatives = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String at = where + " line " + lineNo + ": ";
                String[] fields = trimmed.split("\t");
                String header = fields[0].strip();
                int comma = header.indexOf(',');
                if (!header.startsWith("(") || !header.endsWith(")") || comma < 0
                        || header.indexOf(',', comma + 1) >= 0) {
                    throw new IllegalArgumentException(at + "field \"(user,item)\" must look like"
                            + " \"(0,25)\", got \"" + header + "\"");
                }
                int user = parseId(at, "user", header.substring(1, comma).strip(), ids,
                        train.userIds());
                int item = parseId(at, "item", header.substring(comma + 1, header.length() - 1).strip(),
                        ids, train.itemIds());
                if (fields.length < 2) {
                    throw new IllegalArgumentException(at + "no negatives after \"" + header
                            + "\"; expected tab-separated item ids");
                }
                Integer previous = lineOfUser.putIfAbsent(user, lineNo);
                if (previous != null) {
                    throw new IllegalArgumentException(at + "field \"user\": user \""
                            + header.substring(1, comma).strip() + "\" already appeared on line "
                            + previous);
                }
                int[] row = new int[fields.length + 1];
                row[0] = user;
                row[1] = item;
                for (int f = 1; f < fields.length; f++) {
                    String field = "negative " + f;
                    int neg = parseId(at, field, fields[f].strip(), ids, train.itemIds());
                    if (neg == item) {
                        throw new IllegalArgumentException(at + "field \"" + field + "\" is the held-out"
                                + " item itself: \"" + fields[f].strip() + "\"");
                    }
                    for (int g = 2; g < f + 1; g++) {
                        if (row[g] == neg) {
                            duplicates++;
                            break;
                        }
                    }
                    if (train.contains(user, neg)) {
                        inTraining++;
                    }
                    row[f + 1] = neg;
                }
                maxNegatives = Math.max(maxNegatives, fields.length - 1);
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        rows.sort(Comparator.comparingInt(r -> r[0]));
        int n = rows.size();
        int[] users = new int[n];
        int[] items = new int[n];
        int[] offsets = new int[n + 1];
        for (int p = 0; p < n; p++) {
            users[p] = rows.get(p)[0];
            items[p] = rows.get(p)[1];
            offsets[p + 1] = offsets[p] + rows.get(p).length - 1;
        }
        int[] pairItems = new int[offsets[n]];
        for (int p = 0; p < n; p++) {
            int[] row = rows.get(p);
            System.arraycopy(row, 1, pairItems, offsets[p], row.length - 1);
        }
        HeldOut heldOut = HeldOut.of(train.numUsers(), train.numItems(), users, items);
        return new SampledRanking("test-negative", heldOut, offsets, pairItems, DEFAULT_PAIRS_PER_BATCH,
                1, maxNegatives, -1L, duplicates, inTraining);
    }

    private static int parseId(String at, String field, String value, IdFormat ids, IdMapping mapping) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(at + "field \"" + field + "\" is empty");
        }
        if (ids == IdFormat.RAW) {
            Integer index = mapping.find(value).orElse(null);
            if (index == null) {
                throw new IllegalArgumentException(at + "field \"" + field + "\": unknown raw id \""
                        + value + "\" (" + mapping.size() + " ids known)");
            }
            return index;
        }
        int index;
        try {
            index = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + "field \"" + field + "\" is not an integer: \""
                    + value + "\"", e);
        }
        if (index < 0 || index >= mapping.size()) {
            throw new IllegalArgumentException(at + "field \"" + field + "\" index " + index
                    + " is outside [0, " + mapping.size() + ")");
        }
        return index;
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
        private int negatives = DEFAULT_NEGATIVES;
        private long seed = DEFAULT_SEED;
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
         * Sets the test interactions: at most one distinct item per user, never sampled as a negative.
         *
         * @param test the test half of the split, sharing the training half's id mappings
         * @return this builder
         */
        public Builder test(Interactions test) {
            this.test = Objects.requireNonNull(test, "test");
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
         * @param seed any value, negative ones included (default {@value SampledRanking#DEFAULT_SEED})
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
         * @throws IllegalArgumentException if train and test do not share id mappings, a user has more
         *     than one test item, or a user has fewer than {@code negatives} items never interacted with
         */
        public SampledRanking build() {
            if (train == null || test == null) {
                throw new IllegalStateException("train and test must be set, got train="
                        + (train == null ? "none" : train) + ", test=" + (test == null ? "none" : test));
            }
            HeldOut heldOut = HeldOut.from(train, test);
            int n = heldOut.users.length;
            int per = negatives + 1;
            int[] offsets = new int[n + 1];
            for (int p = 0; p < n; p++) {
                offsets[p + 1] = offsets[p] + per;
            }
            int[] pairItems = new int[offsets[n]];
            boolean[] taken = new boolean[heldOut.numItems];
            for (int p = 0; p < n; p++) {
                sampleUser(heldOut.users[p], heldOut.items[p], pairItems, offsets[p], taken,
                        heldOut.numItems);
            }
            return new SampledRanking("sampled-" + negatives, heldOut, offsets, pairItems,
                    pairsPerBatch, threads, negatives, seed, 0, 0);
        }

        private void sampleUser(int user, int testItem, int[] out, int at, boolean[] taken,
                int numItems) {
            // Mark everything the user interacted with; these marks are cleared before returning.
            int[] trainItems = train.itemsOf(user);
            int[] testItems = test.itemsOf(user);
            int excluded = 0;
            for (int item : trainItems) {
                taken[item] = true;
                excluded++;
            }
            for (int item : testItems) {
                if (!taken[item]) {
                    taken[item] = true;
                    excluded++;
                }
            }
            int available = numItems - excluded;
            if (available < negatives) {
                for (int item : trainItems) {
                    taken[item] = false;
                }
                for (int item : testItems) {
                    taken[item] = false;
                }
                throw new IllegalArgumentException("user \"" + train.userIds().rawId(user)
                        + "\" (index " + user + ") has only " + available
                        + " items it never interacted with, fewer than negatives=" + negatives);
            }
            out[at] = testItem;
            SplitMix64 rng = SplitMix64.of(seed, user);
            if (available <= 4L * negatives) {
                // Dense case: list the candidates and take a partial Fisher-Yates shuffle.
                int[] pool = new int[available];
                int size = 0;
                for (int item = 0; item < numItems; item++) {
                    if (!taken[item]) {
                        pool[size++] = item;
                    }
                }
                for (int k = 0; k < negatives; k++) {
                    int j = k + rng.nextInt(available - k);
                    int tmp = pool[j];
                    pool[j] = pool[k];
                    pool[k] = tmp;
                    out[at + 1 + k] = pool[k];
                }
                for (int item : trainItems) {
                    taken[item] = false;
                }
                for (int item : testItems) {
                    taken[item] = false;
                }
                return;
            }
            // Sparse case: rejection sampling; at least three in four draws succeed.
            for (int k = 0; k < negatives; k++) {
                int item;
                do {
                    item = rng.nextInt(numItems);
                } while (taken[item]);
                taken[item] = true;
                out[at + 1 + k] = item;
            }
            for (int k = 0; k < negatives; k++) {
                taken[out[at + 1 + k]] = false;
            }
            for (int item : trainItems) {
                taken[item] = false;
            }
            for (int item : testItems) {
                taken[item] = false;
            }
        }
    }
}
