package io.github.ncf.core.train;

import io.github.ncf.core.Scorer;
import io.github.ncf.core.train.internal.EpochSource;
import io.github.ncf.data.sampling.EpochSamples;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.SortOrder;
import io.github.ncf.data.split.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A test fixture for quality parity on MovieLens-100k, written to the reference notebook's letter:
 * by-time leave-one-out with file-order ties; each epoch the training positives in a fresh seeded
 * order, each followed by 4 distinct negatives drawn uniformly from the items the user has no
 * training interaction with; HR@10 and NDCG@10 by full ranking with training items masked, and by
 * ranking the test item among 99 seeded distinct non-interacted items (rank = items scored
 * strictly higher). Kept minimal and inside ncf-core's tests, which cannot depend on ncf-eval.
 */
final class Ml100kHarness {

    final Interactions train;
    final int[] testItem; // per user, -1 when the user has no test row
    final int numUsers;
    final int numItems;

    private Ml100kHarness(Split split) {
        this.train = split.train();
        Interactions test = split.test();
        this.numUsers = train.numUsers();
        this.numItems = train.numItems();
        testItem = new int[numUsers];
        Arrays.fill(testItem, -1);
        for (int r = 0; r < test.size(); r++) {
            testItem[test.user(r)] = test.item(r);
        }
    }

    /** @return the ml-100k folder under NCF_DATA_DIR, if the variable is set and the folder holds u.data */
    static Optional<Path> dataDir() {
        String env = System.getenv("NCF_DATA_DIR");
        if (env == null || env.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(env).resolve("ml-100k");
        return Files.isRegularFile(dir.resolve("u.data")) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * Loads ML-100k from NCF_DATA_DIR, or skips the calling test with a message naming it.
     *
     * @param test what the message calls the test
     */
    static Ml100kHarness loadOrSkip(String test) throws IOException {
        Optional<Path> dir = dataDir();
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.isPresent(),
                "NCF_DATA_DIR is unset or has no ml-100k/u.data; skipping the " + test);
        return load(dir.get());
    }

    static Ml100kHarness load(Path dir) throws IOException {
        Interactions all = MovieLensReader.read(MovieLensVariant.ML_100K, dir).interactions();
        Split split = LeaveOneOutSplitter.builder().order(SortOrder.TIMESTAMP).build().split(all);
        return new Ml100kHarness(split);
    }

    /** @return a source of reference epochs: shuffled positives, each with {@code negatives} fresh negatives */
    EpochSource sampler(int negatives, long seed) {
        int[] pu = train.usersArray();
        int[] pi = train.itemsArray();
        int p = pu.length;
        int r = 1 + negatives;
        return epoch -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
            int[] order = new int[p];
            for (int k = 0; k < p; k++) {
                order[k] = k;
            }
            for (int k = p - 1; k > 0; k--) {
                int j = rnd.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            int[] u = new int[p * r];
            int[] it = new int[p * r];
            float[] y = new float[p * r];
            for (int k = 0; k < p; k++) {
                int row = order[k];
                int user = pu[row];
                int base = k * r;
                u[base] = user;
                it[base] = pi[row];
                y[base] = 1f;
                for (int n = 1; n < r; n++) {
                    int cand;
                    boolean again;
                    do {
                        cand = rnd.nextInt(numItems);
                        again = train.contains(user, cand);
                        for (int q = 1; q < n && !again; q++) {
                            again = it[base + q] == cand;
                        }
                    } while (again);
                    u[base + n] = user;
                    it[base + n] = cand;
                }
            }
            return EpochSamples.of(u, it, y, r);
        };
    }

    /**
     * Evaluates at K = 10.
     *
     * @return {full HR, full NDCG, sampled HR, sampled NDCG}
     */
    double[] evaluate(Scorer scorer, long seed) {
        int n = numItems;
        int chunk = 64;
        double fullHr = 0;
        double fullNdcg = 0;
        int users = 0;
        float[] scores = new float[chunk * n];
        int[] batch = new int[chunk];
        int filled = 0;
        int[] ids = new int[chunk];
        for (int u = 0; u <= numUsers; u++) {
            if (u < numUsers && testItem[u] >= 0) {
                ids[filled++] = u;
            }
            if (filled == chunk || (u == numUsers && filled > 0)) {
                int[] req = Arrays.copyOf(ids, filled);
                scorer.scoreAllItems(req, scores);
                for (int b = 0; b < filled; b++) {
                    int user = req[b];
                    float target = scores[b * n + testItem[user]];
                    int rank = 0;
                    for (int i = 0; i < n; i++) {
                        if (i != testItem[user] && scores[b * n + i] > target && !train.contains(user, i)) {
                            rank++;
                        }
                    }
                    users++;
                    if (rank < 10) {
                        fullHr++;
                        fullNdcg += 1 / (Math.log(rank + 2) / Math.log(2));
                    }
                }
                filled = 0;
            }
        }
        double sHr = 0;
        double sNdcg = 0;
        for (int u = 0; u < numUsers; u++) {
            if (testItem[u] < 0) {
                continue;
            }
            SplittableRandom rnd = new SplittableRandom(seed * 7_919L + u);
            int[] cand = new int[100];
            cand[0] = testItem[u];
            int c = 1;
            while (c < 100) {
                int i = rnd.nextInt(n);
                boolean bad = i == testItem[u] || train.contains(u, i);
                for (int q = 1; q < c && !bad; q++) {
                    bad = cand[q] == i;
                }
                if (!bad) {
                    cand[c++] = i;
                }
            }
            int[] us = new int[100];
            Arrays.fill(us, u);
            float[] s = new float[100];
            scorer.score(us, cand, s);
            int rank = 0;
            for (int q = 1; q < 100; q++) {
                if (s[q] > s[0]) {
                    rank++;
                }
            }
            if (rank < 10) {
                sHr++;
                sNdcg += 1 / (Math.log(rank + 2) / Math.log(2));
            }
        }
        return new double[] {fullHr / users, fullNdcg / users, sHr / users, sNdcg / users};
    }
}
