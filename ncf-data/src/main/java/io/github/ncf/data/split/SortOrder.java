package io.github.ncf.data.split;

/**
 * Which of a user's interactions a {@link LeaveOneOutSplitter} holds out.
 *
 * <pre>{@code
 * LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).seed(7).build();
 * }</pre>
 */
public enum SortOrder {
    /**
     * The latest interaction by timestamp; among rows sharing the latest timestamp, the last one in
     * original (file) order, as a stable sort by timestamp followed by "take the last row" does.
     */
    TIMESTAMP,
    /** One interaction drawn uniformly at random from the user's rows, reproducibly from a seed. */
    RANDOM,
    /**
     * The user's last row in original (file) order, whatever the timestamps say; needs no
     * timestamps, so it suits logs that are already in time order and files without a time column.
     */
    FILE_ORDER
}
