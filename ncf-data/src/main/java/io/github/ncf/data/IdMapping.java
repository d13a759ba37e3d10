package io.github.ncf.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A two-way mapping between raw ids, as they appear in the source files, and dense 0-based indices.
 *
 * <p>Indices are assigned in order of first appearance, so the same file always yields the same
 * mapping. An {@code IdMapping} is immutable and safe to share between threads; the train and test
 * halves of a split share one.
 *
 * <pre>{@code
 * IdMapping users = IdMapping.of(List.of("196", "186", "22"));
 * int index = users.index("186");   // 1
 * String raw = users.rawId(2);      // "22"
 * }</pre>
 */
public final class IdMapping {

    private final String[] rawIds;
    private final Map<String, Integer> indexByRawId;

    private IdMapping(String[] rawIds) {
        this.rawIds = rawIds;
        this.indexByRawId = new HashMap<>(Math.max(16, rawIds.length * 2));
        for (int i = 0; i < rawIds.length; i++) {
            String id = Objects.requireNonNull(rawIds[i], "raw id at index " + i + " is null");
            Integer previous = indexByRawId.put(id, i);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "duplicate raw id \"" + id + "\" at indices " + previous + " and " + i);
            }
        }
    }

    /**
     * Creates a mapping whose index {@code i} is {@code rawIds.get(i)}.
     *
     * @param rawIds the raw ids in index order; must be distinct and non-null
     * @return the mapping
     * @throws IllegalArgumentException if an id occurs twice
     */
    public static IdMapping of(List<String> rawIds) {
        return new IdMapping(rawIds.toArray(new String[0]));
    }

    /**
     * Creates a mapping whose index {@code i} is {@code rawIds[i]}; the array is copied.
     *
     * @param rawIds the raw ids in index order; must be distinct and non-null
     * @return the mapping
     * @throws IllegalArgumentException if an id occurs twice
     */
    public static IdMapping of(String... rawIds) {
        return new IdMapping(rawIds.clone());
    }

    /**
     * Creates the mapping of raw ids {@code "first"}, {@code "first+1"}, ..., as numbers in decimal,
     * to indices 0, 1, ...; used for synthetic data whose ids are 1..N as in MovieLens.
     *
     * @param first the raw id of index 0
     * @param count how many ids
     * @return the mapping
     */
    public static IdMapping sequential(long first, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = Long.toString(first + i);
        }
        return new IdMapping(ids);
    }

    /**
     * Returns the number of ids.
     *
     * @return the number of ids, which is one more than the largest index
     */
    public int size() {
        return rawIds.length;
    }

    /**
     * Returns the dense index of a raw id.
     *
     * @param rawId the raw id
     * @return the index
     * @throws IllegalArgumentException if the id is unknown
     */
    public int index(String rawId) {
        Integer index = indexByRawId.get(rawId);
        if (index == null) {
            throw new IllegalArgumentException("unknown id \"" + rawId + "\" (" + size() + " ids known)");
        }
        return index;
    }

    /**
     * Returns the dense index of a raw id, or empty if the id is unknown.
     *
     * @param rawId the raw id
     * @return the index, if known
     */
    public Optional<Integer> find(String rawId) {
        return Optional.ofNullable(indexByRawId.get(rawId));
    }

    /**
     * Returns whether a raw id is known.
     *
     * @param rawId the raw id
     * @return true if the id has an index
     */
    public boolean contains(String rawId) {
        return indexByRawId.containsKey(rawId);
    }

    /**
     * Returns the raw id of a dense index.
     *
     * @param index the index, in {@code [0, size())}
     * @return the raw id
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public String rawId(int index) {
        Objects.checkIndex(index, rawIds.length);
        return rawIds[index];
    }

    /**
     * Returns all raw ids in index order.
     *
     * @return an unmodifiable list of the raw ids
     */
    public List<String> rawIds() {
        return List.of(rawIds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdMapping other && Arrays.equals(rawIds, other.rawIds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rawIds);
    }

    @Override
    public String toString() {
        return "IdMapping{size=" + rawIds.length + "}";
    }
}
