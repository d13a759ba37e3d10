package io.github.ncf.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rewrites the advice in library error messages into the options of the {@code ncf} program: a CLI
 * user cannot call {@code SortOrder.RANDOM} or {@code popularityFallback(true)}, but can give
 * {@code --split random} or {@code --popular-fallback}.
 *
 * <pre>{@code
 * String line = CliWords.of("unknown user id \"7\" (build the Recommender with popularityFallback(true) ...)");
 * }</pre>
 */
public final class CliWords {

    /** Library phrase to CLI phrase; longer phrases first so that they win over their parts. */
    private static final Map<String, String> PHRASES = new LinkedHashMap<>();

    static {
        PHRASES.put("build the Recommender with popularityFallback(true)", "give --popular-fallback");
        PHRASES.put("popularityFallback(true)", "--popular-fallback");
        PHRASES.put("pass the folder explicitly (DataSource.builder().directory(path))",
                "give --data-dir DIR (a folder holding the release's folder)");
        PHRASES.put("DataSource.builder().directory(path)", "--data-dir DIR");
        PHRASES.put("LeaveOneOutSplitter.builder().validation(true)", "--validation");
        PHRASES.put("a modified copy with verify(false)", "a modified copy as --dataset csv:FILE with its --csv-* "
                + "columns (u.data: --csv-delimiter '\\t' --no-csv-header --csv-rating-column 2 "
                + "--csv-timestamp-column 3)");
        PHRASES.put("use SortOrder.RANDOM", "use --split file-order or --split random");
        PHRASES.put("order TIMESTAMP", "--split time");
        PHRASES.put("SortOrder.TIMESTAMP", "--split time");
        PHRASES.put("SortOrder.RANDOM", "--split random");
        PHRASES.put("SortOrder.FILE_ORDER", "--split file-order");
    }

    private CliWords() {
    }

    /**
     * Returns a message with library advice replaced by the options that do the same.
     *
     * @param message a message, possibly from the library; null gives null
     * @return the message in the program's words
     */
    public static String of(String message) {
        if (message == null) {
            return null;
        }
        String text = message;
        for (Map.Entry<String, String> e : PHRASES.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }
}
