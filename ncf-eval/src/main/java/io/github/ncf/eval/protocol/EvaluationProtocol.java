package io.github.ncf.eval.protocol;

import io.github.ncf.core.Scorer;

/**
 * How a held-out item is ranked for each test user: against every item the user has not trained on
 * ({@link FullRanking}) or against a fixed set of sampled negatives ({@link SampledRanking}).
 *
 * <p>A protocol is built once per split and is immutable: its users, held-out items and (for sampled
 * protocols) candidates never change, so every scorer and every epoch is measured on exactly the same
 * task. Ties follow one rule everywhere: the rank of the held-out item is the number of its
 * candidates scored <em>strictly higher</em>; candidates with an equal score do not push it down (see
 * {@link Ranks#ties()} for how many there were).
 *
 * <pre>{@code
 * EvaluationProtocol full = FullRanking.builder().train(split.train()).test(split.test()).build();
 * Ranks ranks = full.rank(model);
 * }</pre>
 */
public interface EvaluationProtocol {

    /** @return a short name for reports, such as {@code "full"} or {@code "sampled-99"} */
    String name();

    /** @return the number of users in the id space; scorers must know at least the evaluated ones */
    int numUsers();

    /** @return the number of items in the id space; scorers must know exactly this many */
    int numItems();

    /** @return the evaluated users' indices, ascending; a copy */
    int[] users();

    /** @return each evaluated user's held-out item, in the order of {@link #users()}; a copy */
    int[] testItems();

    /** @return the number of users evaluated, the length of {@link #users()} */
    int evaluatedUsers();

    /**
     * Returns how many users of the id space are not evaluated because they have no test row (in a
     * leave-one-out split: users kept whole since they had a single interaction).
     *
     * @return the number of skipped users
     */
    int skippedUsers();

    /**
     * Ranks every evaluated user's held-out item with a scorer.
     *
     * @param scorer the model or baseline; must know every evaluated user and exactly {@link
     *     #numItems()} items
     * @return each user's 0-based rank, tie count and number of candidates
     * @throws IllegalArgumentException if the scorer does not know an evaluated user or its item
     *     count differs
     * @throws IllegalStateException if the scorer returns NaN for a candidate
     */
    Ranks rank(Scorer scorer);

    /**
     * Returns this protocol with its ranks cut at {@code cutoff} where cutting saves work (see {@link
     * Ranks#cutoff()}): ranks below the cut-off, and their ties, stay exactly those of {@link
     * #rank(Scorer)}, so metrics cut at {@code K <= cutoff} do not change. {@link FullRanking} stops
     * screening a user once {@code cutoff} items are certainly ranked higher.
     *
     * @param cutoff the cut-off, at least 1; {@link Integer#MAX_VALUE} for uncut ranks
     * @return a protocol with that cut-off; this default returns this protocol, whose ranks are uncut
     * @throws IllegalArgumentException if cutoff is less than 1
     */
    default EvaluationProtocol withRankCutoff(int cutoff) {
        if (cutoff < 1) {
            throw new IllegalArgumentException("cutoff must be >= 1, got " + cutoff);
        }
        return this;
    }
}
