package io.github.ncf.core.model;

import java.util.Arrays;

/**
 * The distinct values of a slice of an index array and, per entry, the position of its value among
 * them: {@code values[positions[k]] == ids[from + k]}. Factorised pair scoring computes per-user and
 * per-item tensors once per distinct index and gathers them per pair.
 */
final class Distinct {

    /** The distinct indices, in order of first appearance. */
    final int[] values;
    /** Per entry of the slice, the position of its index in {@link #values}. */
    final int[] positions;

    private Distinct(int[] values, int[] positions) {
        this.values = values;
        this.positions = positions;
    }

    /**
     * Finds the distinct indices of {@code ids[from, to)}.
     *
     * @param ids indices, each in {@code [0, bound)} (the caller has checked them)
     * @param from first entry, inclusive
     * @param to last entry, exclusive
     * @param bound the number of possible indices
     * @return the distinct indices and each entry's position among them
     */
    static Distinct of(int[] ids, int from, int to, int bound) {
        int n = to - from;
        int[] positions = new int[n];
        int[] values = new int[Math.min(n, bound)];
        int count = 0;
        if (bound <= 8L * n + 1024) {
            // A slot per possible index: linear time, and small next to the slice.
            int[] slot = new int[bound];
            Arrays.fill(slot, -1);
            for (int k = 0; k < n; k++) {
                int id = ids[from + k];
                int s = slot[id];
                if (s < 0) {
                    s = count++;
                    slot[id] = s;
                    values[s] = id;
                }
                positions[k] = s;
            }
        } else {
            // Few entries over a large index space (e.g. millions of users): hash instead.
            java.util.HashMap<Integer, Integer> slot = new java.util.HashMap<>(2 * n);
            for (int k = 0; k < n; k++) {
                int id = ids[from + k];
                Integer s = slot.get(id);
                if (s == null) {
                    s = count++;
                    slot.put(id, s);
                    values[s] = id;
                }
                positions[k] = s;
            }
        }
        return new Distinct(Arrays.copyOf(values, count), positions);
    }
}
