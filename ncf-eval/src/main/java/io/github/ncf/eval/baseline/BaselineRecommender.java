package io.github.ncf.eval.baseline;

import io.github.ncf.core.Scorer;
import io.github.ncf.core.TopK;
import io.github.ncf.core.serve.Recommendation;
import io.github.ncf.core.serve.ScoreKind;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Recommends items by raw ids with any {@link Scorer} (the baselines EASE, ItemKNN, iALS,
 * ItemPopularity, or a trained model) and the interactions it was fitted on, which give the id
 * mappings and each user's known items: the top K items for a user, known items left out by default.
 *
 * <p>The counterpart of {@code Recommender}, which serves a saved {@code NcfModel} with the ids and
 * counts stored in it; a baseline carries no ids, so they come from its training interactions. Ties
 * go to the lower item index, as in {@code Recommender} and the evaluation protocols (the same
 * {@link TopK}). Scores are marked {@link ScoreKind#SCORE}: they order one user's items and mean
 * nothing across models. Immutable and safe to share between threads if the scorer is.
 *
 * <pre>{@code
 * Interactions train = split.trainAndValidation();
 * EASE ease = EASE.builder().lambda(100).fit(train);
 * BaselineRecommender r = BaselineRecommender.builder(ease, train).build();
 * List<Recommendation> top10 = r.recommend("196", 10);
 * }</pre>
 */
public final class BaselineRecommender {

    private final Scorer scorer;
    private final IdMapping users;
    private final IdMapping items;
    private final int[] offsets;
    private final int[] known;
    private final boolean excludeKnownItems;

    private BaselineRecommender(Builder b) {
        this.scorer = b.scorer;
        this.users = b.train.userIds();
        this.items = b.train.itemIds();
        this.offsets = b.train.userItemOffsets();
        this.known = b.train.userItemIndex();
        this.excludeKnownItems = b.excludeKnownItems;
    }

    /**
     * Returns a builder; known items are excluded by default.
     *
     * @param scorer the fitted model
     * @param train the interactions it was fitted on (same users and items, in the same index order)
     * @return a new builder
     * @throws IllegalArgumentException if the scorer's user or item count differs from the interactions'
     */
    public static Builder builder(Scorer scorer, Interactions train) {
        return new Builder(scorer, train);
    }

    /**
     * Returns whether a user is known.
     *
     * @param rawUserId the raw user id
     * @return true if the training interactions hold the user
     */
    public boolean knows(String rawUserId) {
        return users.contains(rawUserId);
    }

    /**
     * Returns the top {@code k} items for a user, best first (fewer if fewer are left after excluding
     * the user's known items).
     *
     * @param rawUserId the raw user id
     * @param k how many items, at least 1
     * @return the recommendations, best first
     * @throws IllegalArgumentException if {@code k < 1} or the user is unknown (the message names it)
     */
    public List<Recommendation> recommend(String rawUserId, int k) {
        return recommend(List.of(rawUserId), k).get(0);
    }

    /**
     * Returns the top {@code k} items for each of many users, scored together.
     *
     * @param rawUserIds the raw user ids
     * @param k how many items per user, at least 1
     * @return one list per user, in the order given
     * @throws IllegalArgumentException if {@code k < 1} or a user is unknown (the first one is named)
     */
    public List<List<Recommendation>> recommend(List<String> rawUserIds, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int[] index = new int[rawUserIds.size()];
        for (int b = 0; b < index.length; b++) {
            index[b] = user(Objects.requireNonNull(rawUserIds.get(b), "rawUserIds[" + b + "]"));
        }
        int numItems = scorer.numItems();
        float[] scores = new float[index.length * numItems];
        scorer.scoreAllItems(index, scores);
        List<List<Recommendation>> out = new ArrayList<>(index.length);
        int[] none = new int[0];
        for (int b = 0; b < index.length; b++) {
            int u = index[b];
            int[] best = excludeKnownItems
                    ? TopK.select(scores, b * numItems, numItems, known, offsets[u], offsets[u + 1], k)
                    : TopK.select(scores, b * numItems, numItems, none, 0, 0, k);
            List<Recommendation> top = new ArrayList<>(best.length);
            for (int i : best) {
                top.add(new Recommendation(items.rawId(i), scores[b * numItems + i], ScoreKind.SCORE));
            }
            out.add(top);
        }
        return out;
    }

    /**
     * Scores given items for a user, in the order given (known items are scored too).
     *
     * @param rawUserId the raw user id
     * @param rawItemIds the raw item ids
     * @return one entry per item, in the order given
     * @throws IllegalArgumentException if the user or an item is unknown (the message names it)
     */
    public List<Recommendation> score(String rawUserId, List<String> rawItemIds) {
        int u = user(rawUserId);
        int[] itemIndex = new int[rawItemIds.size()];
        for (int j = 0; j < itemIndex.length; j++) {
            String raw = Objects.requireNonNull(rawItemIds.get(j), "rawItemIds[" + j + "]");
            itemIndex[j] = items.find(raw).orElseThrow(() -> new IllegalArgumentException("unknown item id \""
                    + raw + "\" (the training interactions hold " + items.size() + " items)"));
        }
        int[] us = new int[itemIndex.length];
        Arrays.fill(us, u);
        float[] scores = new float[itemIndex.length];
        scorer.score(us, itemIndex, scores);
        List<Recommendation> out = new ArrayList<>(itemIndex.length);
        for (int j = 0; j < itemIndex.length; j++) {
            out.add(new Recommendation(items.rawId(itemIndex[j]), scores[j], ScoreKind.SCORE));
        }
        return out;
    }

    private int user(String raw) {
        return users.find(raw).orElseThrow(() -> new IllegalArgumentException("unknown user id \"" + raw
                + "\" (the training interactions hold " + users.size() + " users)"));
    }

    @Override
    public String toString() {
        return "BaselineRecommender{scorer=" + scorer + ", excludeKnownItems=" + excludeKnownItems + "}";
    }

    /** Builds a {@link BaselineRecommender}. */
    public static final class Builder {

        private final Scorer scorer;
        private final Interactions train;
        private boolean excludeKnownItems = true;

        private Builder(Scorer scorer, Interactions train) {
            this.scorer = Objects.requireNonNull(scorer, "scorer");
            this.train = Objects.requireNonNull(train, "train");
            if (scorer.numUsers() != train.numUsers() || scorer.numItems() != train.numItems()) {
                throw new IllegalArgumentException("scorer must have the interactions' " + train.numUsers()
                        + " users and " + train.numItems() + " items, got " + scorer.numUsers() + " users and "
                        + scorer.numItems() + " items");
            }
        }

        /**
         * Sets whether each user's known (training) items are left out of {@code recommend}.
         *
         * @param exclude true (the default) to leave them out
         * @return this builder
         */
        public Builder excludeKnownItems(boolean exclude) {
            this.excludeKnownItems = exclude;
            return this;
        }

        /**
         * Builds the recommender.
         *
         * @return a new recommender
         */
        public BaselineRecommender build() {
            return new BaselineRecommender(this);
        }
    }
}
