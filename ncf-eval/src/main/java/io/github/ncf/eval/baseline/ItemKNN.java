package io.github.ncf.eval.baseline;

import io.github.ncf.core.Scorer;
import io.github.ncf.core.TopK;
import io.github.ncf.data.Interactions;
import java.util.Arrays;
import java.util.Objects;

/**
 * Item-based top-N recommendation with cosine similarity (Sarwar et al., "Item-Based Collaborative
 * Filtering Recommendation Algorithms", WWW 2001; Deshpande and Karypis, "Item-Based Top-N
 * Recommendation Algorithms", TOIS 2004): each item keeps its {@code k} most similar items, and a
 * user's score for item {@code j} is the sum of {@code sim(i, j)} over those of {@code j}'s
 * neighbours {@code i} that the user has in training.
 *
 * <pre>{@code
 * ItemKNN knn = ItemKNN.builder().k(20).fit(split.train());
 * EvaluationResult r = evaluator.evaluate(knn);
 * }</pre>
 *
 * <p>Similarity is the cosine of binary interaction vectors, {@code |U_i & U_j| / sqrt(|U_i| |U_j|)}
 * over distinct users; an item is never its own neighbour, items sharing no user are never
 * neighbours, and among equal similarities the lower item index wins, so the neighbourhoods are
 * deterministic. Fitting counts co-occurrences item by item into one dense row and picks the
 * neighbours with {@link TopK} (time {@code sum over users of items^2} plus {@code items^2}, memory
 * {@code items x (k + 1)}); nothing of size items squared is kept, so the catalogue size is limited
 * by time only. Thread-safe once fitted.
 */
public final class ItemKNN implements Scorer {

    /** The default number of neighbours per item, chosen on ML-100k's validation split. */
    public static final int DEFAULT_K = 20;

    private final int k;
    private final int numItems;
    private final UserHistories histories;
    // Neighbours of item i, ascending by item: items[offsets[i] .. offsets[i + 1]) with their sims.
    private final int[] offsets;
    private final int[] neighbours;
    private final float[] similarities;
    // The transpose: the items j having i among their neighbours are reverseItems[reverseOffsets[i] ..].
    private final int[] reverseOffsets;
    private final int[] reverseItems;
    private final float[] reverseSimilarities;

    private ItemKNN(Builder b, Interactions train) {
        this.k = b.k;
        this.numItems = train.numItems();
        this.histories = new UserHistories(train);
        Neighbourhoods hoods = neighbourhoods(train, k);
        this.offsets = hoods.offsets;
        this.neighbours = hoods.items;
        this.similarities = hoods.similarities;
        this.reverseOffsets = new int[numItems + 1];
        for (int p = 0; p < neighbours.length; p++) {
            reverseOffsets[neighbours[p] + 1]++;
        }
        for (int i = 0; i < numItems; i++) {
            reverseOffsets[i + 1] += reverseOffsets[i];
        }
        this.reverseItems = new int[neighbours.length];
        this.reverseSimilarities = new float[neighbours.length];
        int[] fill = Arrays.copyOf(reverseOffsets, numItems);
        for (int j = 0; j < numItems; j++) {
            for (int p = offsets[j]; p < offsets[j + 1]; p++) {
                int at = fill[neighbours[p]]++;
                reverseItems[at] = j;
                reverseSimilarities[at] = similarities[p];
            }
        }
    }

    /** @return a new builder with {@code k} {@value #DEFAULT_K} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits ItemKNN with the default {@code k}.
     *
     * @param train the training interactions
     * @return the fitted scorer
     */
    public static ItemKNN fit(Interactions train) {
        return builder().fit(train);
    }

    /** @return the number of neighbours kept per item */
    public int k() {
        return k;
    }

    /**
     * Returns an item's neighbours.
     *
     * @param item the item index
     * @return its neighbours' item indices, ascending; at most {@code k}
     */
    public int[] neighbours(int item) {
        Objects.checkIndex(item, numItems);
        return Arrays.copyOfRange(neighbours, offsets[item], offsets[item + 1]);
    }

    /**
     * Returns the similarity of an item to one of its neighbours.
     *
     * @param item the item index
     * @param neighbour another item index
     * @return the cosine similarity if {@code neighbour} is among {@code item}'s neighbours, else 0
     */
    public float similarity(int item, int neighbour) {
        Objects.checkIndex(item, numItems);
        Objects.checkIndex(neighbour, numItems);
        int p = Arrays.binarySearch(neighbours, offsets[item], offsets[item + 1], neighbour);
        return p >= 0 ? similarities[p] : 0f;
    }

    /** Every item's neighbours, ascending by item, in one compressed index. */
    private record Neighbourhoods(int[] offsets, int[] items, float[] similarities) {
    }

    /** Finds every item's top-k neighbours. */
    private static Neighbourhoods neighbourhoods(Interactions train, int k) {
        int n = train.numItems();
        int[] userOffsets = train.userItemOffsets();
        int[] userItems = train.userItemIndex();
        // Item -> distinct users, transposed from the per-user index.
        int[] itemStart = new int[n + 1];
        for (int item : userItems) {
            itemStart[item + 1]++;
        }
        for (int i = 0; i < n; i++) {
            itemStart[i + 1] += itemStart[i];
        }
        int[] itemUsers = new int[userItems.length];
        int[] fill = Arrays.copyOf(itemStart, n);
        for (int u = 0; u < train.numUsers(); u++) {
            for (int p = userOffsets[u]; p < userOffsets[u + 1]; p++) {
                itemUsers[fill[userItems[p]]++] = u;
            }
        }
        int[] offsets = new int[n + 1];
        int[] items = new int[(int) Math.min((long) n * k, Integer.MAX_VALUE - 8)];
        float[] sims = new float[items.length];
        int[] co = new int[n];
        int[] touched = new int[n];
        float[] row = new float[n];
        int[] self = new int[1];
        for (int i = 0; i < n; i++) {
            int touchedCount = 0;
            for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                int u = itemUsers[p];
                for (int q = userOffsets[u]; q < userOffsets[u + 1]; q++) {
                    int j = userItems[q];
                    if (co[j]++ == 0) {
                        touched[touchedCount++] = j;
                    }
                }
            }
            double normI = Math.sqrt(itemStart[i + 1] - itemStart[i]);
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                row[j] = (float) (co[j] / (normI * Math.sqrt(itemStart[j + 1] - itemStart[j])));
            }
            self[0] = i;
            // Best first, the lower item among equals; items sharing no user (similarity 0) are dropped.
            int[] best = TopK.select(row, 0, n, self, 0, 1, k);
            int kept = 0;
            while (kept < best.length && row[best[kept]] > 0) {
                kept++;
            }
            int[] chosen = Arrays.copyOf(best, kept);
            Arrays.sort(chosen);
            offsets[i + 1] = offsets[i] + kept;
            for (int p = 0; p < kept; p++) {
                items[offsets[i] + p] = chosen[p];
                sims[offsets[i] + p] = row[chosen[p]];
            }
            for (int t = 0; t < touchedCount; t++) {
                row[touched[t]] = 0f;
                co[touched[t]] = 0;
            }
        }
        return new Neighbourhoods(offsets, Arrays.copyOf(items, offsets[n]), Arrays.copyOf(sims, offsets[n]));
    }

    @Override
    public int numUsers() {
        return histories.numUsers();
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        UserHistories.checkPairs(this, users, items, out);
        for (int q = 0; q < users.length; q++) {
            int user = users[q];
            int target = items[q];
            float s = 0;
            for (int p = offsets[target]; p < offsets[target + 1]; p++) {
                if (histories.contains(user, neighbours[p])) {
                    s += similarities[p];
                }
            }
            out[q] = s;
        }
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        UserHistories.checkAll(this, users, out);
        int n = numItems;
        for (int b = 0; b < users.length; b++) {
            int base = b * n;
            Arrays.fill(out, base, base + n, 0f);
            // Each of the user's items adds its similarity to the targets that count it a neighbour.
            for (int p = histories.from(users[b]); p < histories.to(users[b]); p++) {
                int i = histories.item(p);
                for (int at = reverseOffsets[i]; at < reverseOffsets[i + 1]; at++) {
                    out[base + reverseItems[at]] += reverseSimilarities[at];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ItemKNN{k=" + k + ", users=" + numUsers() + ", items=" + numItems + ", neighbours="
                + neighbours.length + "}";
    }

    /** Configures and fits {@link ItemKNN}; reusable, one builder can fit several training sets. */
    public static final class Builder {

        private int k = DEFAULT_K;

        private Builder() {
        }

        /**
         * Sets the number of neighbours kept per item.
         *
         * @param k at least 1 (default {@value ItemKNN#DEFAULT_K})
         * @return this builder
         */
        public Builder k(int k) {
            this.k = Checks.atLeastOne("k", k);
            return this;
        }

        /**
         * Fits ItemKNN to training interactions.
         *
         * @param train the training interactions; its users and items are the scorer's
         * @return the fitted scorer
         */
        public ItemKNN fit(Interactions train) {
            Objects.requireNonNull(train, "train");
            return new ItemKNN(this, train);
        }

        @Override
        public String toString() {
            return "ItemKNN.Builder{k=" + k + "}";
        }
    }
}
