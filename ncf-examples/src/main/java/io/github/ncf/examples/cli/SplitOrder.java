package io.github.ncf.examples.cli;

import io.github.ncf.data.split.SortOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which of each user's interactions the leave-one-out split holds out, as named by {@code --split}.
 *
 * <pre>{@code
 * SplitOrder order = SplitOrder.parse("file-order");   // FILE_ORDER
 * }</pre>
 */
public enum SplitOrder {
    /** The latest by timestamp, ties broken by file order: the paper's protocol. */
    TIME("time"),
    /** One drawn at random per user, reproducibly from {@code --seed}. */
    RANDOM("random"),
    /** The user's last row in the file: for data without timestamps. */
    FILE_ORDER("file-order");

    private final String id;

    SplitOrder(String id) {
        this.id = id;
    }

    /** @return the name on the command line and in reports: {@code time}, {@code random}, {@code file-order} */
    public String id() {
        return id;
    }

    /** @return the library's order for this choice */
    public SortOrder sortOrder() {
        return switch (this) {
            case TIME -> SortOrder.TIMESTAMP;
            case RANDOM -> SortOrder.RANDOM;
            case FILE_ORDER -> SortOrder.FILE_ORDER;
        };
    }

    /**
     * Parses a {@code --split} value.
     *
     * @param text {@code time}, {@code random} or {@code file-order}
     * @return the order
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static SplitOrder parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.id.equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--split must be one of time, random, file-order, got \""
                        + text + "\""));
    }

    /** Converts option values for picocli, turning parse errors into usage errors. */
    public static final class Converter extends ParsingConverter<SplitOrder> {

        /** Creates the converter; picocli calls this. */
        public Converter() {
            super(SplitOrder::parse);
        }
    }
}
