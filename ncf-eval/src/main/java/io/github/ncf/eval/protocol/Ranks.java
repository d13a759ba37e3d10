package io.github.ncf.eval.protocol;

import java.util.Arrays;

/**
 * The outcome of ranking every evaluated user's held-out item: one 0-based rank per user, with the
 * number of candidates that tied with the held-out item and the number of candidates ranked against.
 *
 * <p>The rank counts candidates scored strictly higher than the held-out item, so ties are resolved in
 * the held-out item's favour; {@code rank + ties} is the pessimistic rank. Immutable: arrays are
 * copied in and out.
 *
 * <pre>{@code
 * Ranks ranks = protocol.rank(scorer);
 * int firstUsersRank = ranks.rank(0);
 * }</pre>
 */
public final class Ranks {

    private final int[] users;
    private final int[] items;
    private final int[] ranks;
    private final int[] ties;
    private final int[] candidates;
    private final int cutoff;

    private Ranks(int[] users, int[] items, int[] ranks, int[] ties, int[] candidates, int cutoff) {
        int n = users.length;
        if (items.length != n || ranks.length != n || ties.length != n || candidates.length != n) {
            throw new IllegalArgumentException("arrays differ in length: users=" + n + ", items="
                    + items.length + ", ranks=" + ranks.length + ", ties=" + ties.length
                    + ", candidates=" + candidates.length);
        }
        this.users = users;
        this.items = items;
        this.ranks = ranks;
        this.ties = ties;
        this.candidates = candidates;
        this.cutoff = cutoff;
    }

    /**
     * Creates ranks from per-user arrays, all of one length; the arrays are copied.
     *
     * @param users the evaluated users
     * @param items each user's held-out item
     * @param ranks each user's 0-based rank (candidates scored strictly higher)
     * @param ties each user's number of other candidates scored exactly as high as the held-out item
     * @param candidates each user's number of candidates, the held-out item included
     * @return the ranks
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Ranks of(int[] users, int[] items, int[] ranks, int[] ties, int[] candidates) {
        return new Ranks(users.clone(), items.clone(), ranks.clone(), ties.clone(), candidates.clone(),
                Integer.MAX_VALUE);
    }

    /**
     * Creates ranks cut at {@code cutoff}: a rank of {@code cutoff} or more is stored as {@code
     * cutoff} with 0 ties, other ranks and ties as given; the arrays are copied.
     *
     * @param users the evaluated users
     * @param items each user's held-out item
     * @param ranks each user's 0-based rank, or any count of at least {@code cutoff} where counting
     *     stopped there
     * @param ties each user's number of other candidates scored exactly as high as the held-out item
     *     (ignored for ranks at the cut-off)
     * @param candidates each user's number of candidates, the held-out item included
     * @param cutoff the cut-off, at least 1; {@link Integer#MAX_VALUE} for uncut ranks
     * @return the ranks
     * @throws IllegalArgumentException if the arrays differ in length or cutoff is less than 1
     */
    public static Ranks of(int[] users, int[] items, int[] ranks, int[] ties, int[] candidates, int cutoff) {
        if (cutoff < 1) {
            throw new IllegalArgumentException("cutoff must be >= 1, got " + cutoff);
        }
        int[] r = ranks.clone();
        int[] t = ties.clone();
        for (int p = 0; p < r.length && p < t.length; p++) {
            if (r[p] >= cutoff) {
                r[p] = cutoff;
                t[p] = 0;
            }
        }
        return new Ranks(users.clone(), items.clone(), r, t, candidates.clone(), cutoff);
    }

    /**
     * Returns the cut-off: a rank equal to it means "this or more", with its ties not counted.
     *
     * @return the cut-off; {@link Integer#MAX_VALUE} when ranks are not cut
     */
    public int cutoff() {
        return cutoff;
    }

    /** @return the number of users */
    public int size() {
        return users.length;
    }

    /** @return the users, a copy */
    public int[] users() {
        return users.clone();
    }

    /** @return the held-out items, a copy */
    public int[] items() {
        return items.clone();
    }

    /** @return the 0-based ranks, a copy */
    public int[] ranks() {
        return ranks.clone();
    }

    /** @return the tie counts, a copy; 0 for ranks at the {@link #cutoff()} */
    public int[] ties() {
        return ties.clone();
    }

    /** @return the candidate counts (held-out item included), a copy */
    public int[] candidates() {
        return candidates.clone();
    }

    /**
     * Returns one user's rank.
     *
     * @param position the user's position, in {@code [0, size())}
     * @return the 0-based rank
     */
    public int rank(int position) {
        return ranks[position];
    }

    /**
     * Returns one user's tie count.
     *
     * @param position the user's position, in {@code [0, size())}
     * @return the number of other candidates with exactly the held-out item's score
     */
    public int ties(int position) {
        return ties[position];
    }

    /**
     * Returns how many users' held-out items tied with at least one candidate; users at the {@link
     * #cutoff()} have no tie count and are not among them.
     *
     * @return the number of users with ties
     */
    public int usersWithTies() {
        int count = 0;
        for (int t : ties) {
            if (t > 0) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ranks other && Arrays.equals(users, other.users)
                && Arrays.equals(items, other.items) && Arrays.equals(ranks, other.ranks)
                && Arrays.equals(ties, other.ties) && Arrays.equals(candidates, other.candidates)
                && cutoff == other.cutoff;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(users) * 31 + Arrays.hashCode(ranks);
    }

    @Override
    public String toString() {
        return "Ranks{users=" + users.length + ", usersWithTies=" + usersWithTies()
                + (cutoff == Integer.MAX_VALUE ? "" : ", cutoff=" + cutoff) + "}";
    }
}
