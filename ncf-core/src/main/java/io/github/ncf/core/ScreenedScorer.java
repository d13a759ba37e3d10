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
}
