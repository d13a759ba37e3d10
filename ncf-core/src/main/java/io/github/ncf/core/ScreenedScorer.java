package io.github.ncf.core;

/**
 * A {@link Scorer} that can rank exactly and fast: it opens an {@link ExactScreen}, whose fast
 * scores of all items come with a certified bound on their distance from a reference score that
 * depends on the (user, item) pair alone. {@link ExactRanking} uses the pair to compute ranks and
 * top-K lists equal to those of the reference scores. The NCF models implement it; the full-ranking
 * protocol and the {@code Recommender} use it where a scorer offers it.
 *
 * <pre>{@code
 * try (ExactScreen screen = model.openScreen()) {
 *     float[] scores = new float[screen.numItems()];
 *     screen.screenAllItems(new int[] {user}, scores);
 *     int[] top10 = ExactRanking.topK(screen.reference(user), scores, 0, screen.numItems(),
 *             masked, 0, masked.length, 10, null);
 * }
 * }</pre>
 */
public interface ScreenedScorer extends Scorer {

    /**
     * Opens a screen over the scorer's parameters as they are now; later changes to them (training)
     * are not seen by it.
     *
     * @return the screen, to be closed by the caller; safe to use from several threads at once
     */
    ExactScreen openScreen();

    /**
     * Opens a screen, as {@link #openScreen()}, that visits items in the given order where it can
     * stop early ({@link ExactScreen#rank} with a cut-off): the items likeliest to rank high first,
     * such as the most popular in training, let a ranking stop after few items. Scores, ranks and
     * top-K lists do not depend on the order.
     *
     * @param itemOrder every item index once, the first visited first; not kept (copied)
     * @return the screen, to be closed by the caller; this default ignores the order and returns
     *     {@link #openScreen()}
     * @throws IllegalArgumentException if itemOrder is not a permutation of the items
     */
    default ExactScreen openScreen(int[] itemOrder) {
        return openScreen();
    }
}
