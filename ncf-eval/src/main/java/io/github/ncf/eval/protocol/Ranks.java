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

    private Ranks(int[] users, int[] items, int[] ranks, int[] ties, int[] candidates) {
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
        return new Ranks(users.clone(), items.clone(), ranks.clone(), ties.clone(), candidates.clone());
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

    /** @return the tie counts, a copy */
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

    /** @return the number of users whose held-out item tied with at least one candidate */
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
                && Arrays.equals(ties, other.ties) && Arrays.equals(candidates, other.candidates);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(users) * 31 + Arrays.hashCode(ranks);
    }

    @Override
    public String toString() {
        return "Ranks{users=" + users.length + ", usersWithTies=" + usersWithTies() + "}";
    }
}
