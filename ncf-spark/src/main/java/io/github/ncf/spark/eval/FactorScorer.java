package io.github.ncf.spark.eval;

import io.github.ncf.core.Scorer;
import io.github.ncf.eval.baseline.FactorScores;
import java.util.Objects;

/**
 * A matrix-factorisation scorer: the score of (user, item) is the dot product of their factor
 * vectors; users and items without factors (absent from training) score 0. Serializable, so it
 * travels to executors with the task; it is its own {@link ScorerSource}.
 *
 * <pre>{@code
 * FactorScorer als = AlsBaseline.builder().build().fit(split.trainAndValidation());
 * SparkEvaluation r = SparkEvaluator.builder().scorer(als).build().test(split);
 * }</pre>
 */
public final class FactorScorer implements Scorer, ScorerSource {

    private static final long serialVersionUID = 1L;

    /** Users, rows of the user factors. */
    private final int numUsers;
    /** Items, rows of the item factors. */
    private final int numItems;
    /** Factors per row. */
    private final int rank;
    /** User factors, row-major. */
    private final float[] userFactors;
    /** Item factors, row-major. */
    private final float[] itemFactors;

    /**
     * Creates a scorer from row-major factor matrices; the arrays are not copied.
     *
     * @param numUsers users, rows of {@code userFactors}
     * @param numItems items, rows of {@code itemFactors}
     * @param rank factors per row, at least 1
     * @param userFactors {@code numUsers * rank} values
     * @param itemFactors {@code numItems * rank} values
     * @throws IllegalArgumentException if a size does not match
     */
    public FactorScorer(int numUsers, int numItems, int rank, float[] userFactors, float[] itemFactors) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
        Objects.requireNonNull(userFactors, "userFactors");
        Objects.requireNonNull(itemFactors, "itemFactors");
        if (userFactors.length != (long) numUsers * rank || itemFactors.length != (long) numItems * rank) {
            throw new IllegalArgumentException("factor arrays must hold numUsers * rank = " + (long) numUsers * rank
                    + " and numItems * rank = " + (long) numItems * rank + " values, got " + userFactors.length
                    + " and " + itemFactors.length);
        }
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.rank = rank;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
    }

    /** @return the number of factors per user and item */
    public int rank() {
        return rank;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        FactorScores.scorePairs(userFactors, itemFactors, rank, users, items, out);
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        FactorScores.scoreAllItems(userFactors, itemFactors, rank, numItems, users, out);
    }

    @Override
    public Scorer scorer() {
        return this;
    }

    @Override
    public String toString() {
        return "FactorScorer{users=" + numUsers + ", items=" + numItems + ", rank=" + rank + "}";
    }
}
