package io.github.ncf.core.serve;

import io.github.ncf.core.ExactRanking;
import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.data.IdMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recommends items by raw ids with a trained {@link NcfModel}: the top K items for a user, by
 * score, with the user's training items left out by default.
 *
 * <p>A user the model does not know is an {@link IllegalArgumentException}, unless the popularity
 * fallback is on: then the user gets the items with the most training interactions (counts saved
 * with the model), marked {@link ScoreKind#POPULARITY}. Ties in score go to the lower item
 * index (the order items first appeared in the training data), so results are deterministic. A
 * {@code Recommender} is immutable and safe to call from many threads at once.
 *
 * <p>Recommendations are exact and depend on the user alone: the top K of the model's reference
 * scores ({@link NcfModel#openScreen()}), which do not change with the other users of a call, found
 * through {@link ExactRanking} from the fast scores of all items; the scores returned are the
 * reference scores. The item side of the model is computed once, at the first recommendation, and
 * kept: a recommender serves the parameters as they were then (build a new one after training the
 * model further). Its native memory is freed when the model is closed.
 *
 * <pre>{@code
 * try (NcfModel model = NcfModel.load(Path.of("models/neumf"))) {
 *     Recommender recommender = Recommender.builder(model).popularityFallback(true).build();
 *     List<Recommendation> top10 = recommender.recommend("196", 10);
 * }
 * }</pre>
 */
public final class Recommender {

    /** Users scored per factorised call in batched recommending; bounds the score buffer. */
    private static final int USERS_PER_CALL = 256;

    private final NcfModel model;
    private final boolean excludeTrainingItems;
    private final boolean popularityFallback;
    private final int[] popularityOrder;
    private final int[] itemCounts;
    private volatile ExactScreen screen;

    private Recommender(Builder b) {
        this.model = b.model;
        this.excludeTrainingItems = b.excludeTrainingItems;
        this.popularityFallback = b.popularityFallback;
        this.itemCounts = model.itemCounts();
        Integer[] order = new Integer[itemCounts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, c) -> itemCounts[a] != itemCounts[c]
                ? Integer.compare(itemCounts[c], itemCounts[a]) : Integer.compare(a, c));
        this.popularityOrder = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Returns a builder over a model; training items are excluded and the fallback is off by
     * default.
     *
     * @param model the model; it must stay open while the recommender is used
     * @return a new builder
     */
    public static Builder builder(NcfModel model) {
        return new Builder(model);
    }

    /** @return whether the users' training items are left out of recommendations */
    public boolean excludesTrainingItems() {
        return excludeTrainingItems;
    }

    /** @return whether unknown users get the most popular items instead of an error */
    public boolean hasPopularityFallback() {
        return popularityFallback;
    }

    /**
     * Returns whether the model knows a user.
     *
     * @param rawUserId the raw user id
     * @return true if the user has an embedding
     */
    public boolean knows(String rawUserId) {
        return model.userIds().contains(rawUserId);
    }

    /**
     * Returns the top {@code k} items for a user, best first. Fewer than k come back if fewer items
     * are left after excluding the training items.
     *
     * @param rawUserId the raw user id
     * @param k how many items, at least 1
     * @return the recommendations, best first
     * @throws IllegalArgumentException if {@code k < 1}, or the user is unknown and the fallback is off
     */
    public List<Recommendation> recommend(String rawUserId, int k) {
        return recommend(List.of(rawUserId), k).get(0);
    }

    /**
     * Returns the top {@code k} items for each of many users, scored in batches.
     *
     * @param rawUserIds the raw user ids
     * @param k how many items per user, at least 1
     * @return one list per user, in the order of {@code rawUserIds}
     * @throws IllegalArgumentException if {@code k < 1}, or a user is unknown and the fallback is off (the
     *     message names the first unknown user)
     */
    public List<List<Recommendation>> recommend(List<String> rawUserIds, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        IdMapping users = model.userIds();
        int[] index = new int[rawUserIds.size()];
        int known = 0;
        for (int b = 0; b < index.length; b++) {
            String raw = Objects.requireNonNull(rawUserIds.get(b), "rawUserIds[" + b + "]");
            Optional<Integer> found = users.find(raw);
            if (found.isPresent()) {
                index[b] = found.get();
                known++;
            } else if (popularityFallback) {
                index[b] = -1;
            } else {
                throw unknownUser(raw);
            }
        }
        List<List<Recommendation>> result = new ArrayList<>(Collections.nCopies(index.length, null));
        int numItems = model.numItems();
        int[] batchPos = new int[Math.min(USERS_PER_CALL, Math.max(known, 1))];
        int[] batchUsers = new int[batchPos.length];
        float[] scores = new float[batchPos.length * numItems];
        int n = 0;
        for (int b = 0; b <= index.length; b++) {
            boolean flush = b == index.length ? n > 0 : n == batchPos.length;
            if (flush) {
                int[] us = n == batchUsers.length ? batchUsers : Arrays.copyOf(batchUsers, n);
                ExactScreen s = screen();
                s.screenAllItems(us, scores);
                for (int j = 0; j < n; j++) {
                    result.set(batchPos[j], topK(s, us[j], scores, j * numItems, k));
                }
                n = 0;
            }
            if (b == index.length) {
                break;
            }
            if (index[b] < 0) {
                result.set(b, popular(k));
            } else {
                batchPos[n] = b;
                batchUsers[n] = index[b];
                n++;
            }
        }
        return result;
    }

    /**
     * Scores given items for a user, in the order given (training items are scored too).
     *
     * @param rawUserId the raw user id
     * @param rawItemIds the raw item ids
     * @return one entry per item, in the order of {@code rawItemIds}
     * @throws IllegalArgumentException if an item is unknown, or the user is unknown and the
     *     fallback is off
     */
    public List<Recommendation> score(String rawUserId, List<String> rawItemIds) {
        IdMapping items = model.itemIds();
        int[] itemIndex = new int[rawItemIds.size()];
        for (int j = 0; j < itemIndex.length; j++) {
            String raw = Objects.requireNonNull(rawItemIds.get(j), "rawItemIds[" + j + "]");
            itemIndex[j] = items.find(raw).orElseThrow(() -> new IllegalArgumentException(
                    "unknown item id \"" + raw + "\" (the model knows " + items.size() + " items)"));
        }
        Optional<Integer> user = model.userIds().find(rawUserId);
        List<Recommendation> out = new ArrayList<>(itemIndex.length);
        if (user.isEmpty()) {
            if (!popularityFallback) {
                throw unknownUser(rawUserId);
            }
            for (int i : itemIndex) {
                out.add(new Recommendation(items.rawId(i), itemCounts[i], ScoreKind.POPULARITY));
            }
            return out;
        }
        int[] users = new int[itemIndex.length];
        Arrays.fill(users, user.get());
        float[] scores = new float[itemIndex.length];
        model.score(users, itemIndex, scores);
        for (int j = 0; j < itemIndex.length; j++) {
            out.add(new Recommendation(items.rawId(itemIndex[j]), scores[j], ScoreKind.LOGIT));
        }
        return out;
    }

    private IllegalArgumentException unknownUser(String raw) {
        return new IllegalArgumentException("unknown user id \"" + raw + "\" (the model knows "
                + model.userIds().size() + " users; build the Recommender with"
                + " popularityFallback(true) to serve unknown users the most popular items)");
    }

    private List<Recommendation> popular(int k) {
        IdMapping items = model.itemIds();
        int n = Math.min(k, popularityOrder.length);
        List<Recommendation> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int i = popularityOrder[j];
            out.add(new Recommendation(items.rawId(i), itemCounts[i], ScoreKind.POPULARITY));
        }
        return out;
    }

    /**
     * The model's screen, opened at the first recommendation: the item side is computed once, and
     * the parameters of that moment are served from then on.
     */
    private ExactScreen screen() {
        ExactScreen s = screen;
        if (s == null) {
            synchronized (this) {
                if (screen == null) {
                    screen = model.openScreen();
                }
                s = screen;
            }
        }
        return s;
    }

    /** Selects the k best items of one user's score row, masking training items if asked. */
    private List<Recommendation> topK(ExactScreen s, int user, float[] scores, int offset, int k) {
        int[] excluded = excludeTrainingItems ? model.trainingItems(user) : new int[0];
        float[] best = new float[k];
        int[] items = ExactRanking.topK(s.reference(user), scores, offset, model.numItems(), excluded,
                0, excluded.length, k, best);
        IdMapping ids = model.itemIds();
        List<Recommendation> out = new ArrayList<>(items.length);
        for (int j = 0; j < items.length; j++) {
            out.add(new Recommendation(ids.rawId(items[j]), best[j], ScoreKind.LOGIT));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Recommender{model=" + model + ", excludeTrainingItems=" + excludeTrainingItems
                + ", popularityFallback=" + popularityFallback + "}";
    }

    /** Builds a {@link Recommender}. */
    public static final class Builder {

        private final NcfModel model;
        private boolean excludeTrainingItems = true;
        private boolean popularityFallback;

        private Builder(NcfModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Sets whether each user's training items are left out of {@code recommend} (default
         * true).
         *
         * @param exclude true to leave them out
         * @return this builder
         */
        public Builder excludeTrainingItems(boolean exclude) {
            this.excludeTrainingItems = exclude;
            return this;
        }

        /**
         * Sets whether unknown users get the most popular training items instead of an error
         * (default false).
         *
         * @param fallback true to serve unknown users by popularity
         * @return this builder
         */
        public Builder popularityFallback(boolean fallback) {
            this.popularityFallback = fallback;
            return this;
        }

        /**
         * Builds the recommender.
         *
         * @return a new recommender
         */
        public Recommender build() {
            return new Recommender(this);
        }
    }
}
