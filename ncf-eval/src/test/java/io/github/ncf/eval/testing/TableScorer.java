package io.github.ncf.eval.testing;

import io.github.ncf.core.Scorer;

/** A scorer reading a hand-written score table, so ranks can be worked out on paper. */
public final class TableScorer implements Scorer {

    private final float[][] table;
    private int scoreCalls;
    private int scoreAllCalls;

    /**
     * Creates the scorer.
     *
     * @param table {@code table[user][item]} is the score
     */
    public TableScorer(float[][] table) {
        this.table = table;
    }

    @Override
    public int numUsers() {
        return table.length;
    }

    @Override
    public int numItems() {
        return table[0].length;
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        scoreCalls++;
        for (int k = 0; k < users.length; k++) {
            out[k] = table[users[k]][items[k]];
        }
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        scoreAllCalls++;
        Scorer.super.scoreAllItems(users, out);
    }

    /** @return how many times {@link #score} was called, by the default scoreAllItems included */
    public int scoreCalls() {
        return scoreCalls;
    }

    /** @return how many times {@link #scoreAllItems} was called */
    public int scoreAllCalls() {
        return scoreAllCalls;
    }
}
