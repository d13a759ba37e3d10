package io.github.ncf.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A data set as named on the command line: a MovieLens release ({@code ml-100k}, {@code ml-1m},
 * {@code ml-20m}, {@code ml-25m}), any delimited file ({@code csv:PATH}) or synthetic data
 * ({@code synthetic:SIZE} with SIZE {@code tiny}, {@code small}, {@code 1m} or {@code 20m}).
 *
 * <pre>{@code
 * DatasetSpec spec = DatasetSpec.parse("synthetic:small");
 * }</pre>
 *
 * @param kind what sort of source
 * @param name the MovieLens release or synthetic size; for CSV the path as given
 * @param path the CSV file, or null
 */
public record DatasetSpec(Kind kind, String name, Path path) {

    /** The sort of data source. */
    public enum Kind {
        /** A GroupLens MovieLens release, read from its folder. */
        MOVIELENS,
        /** A delimited text file with user and item columns. */
        CSV,
        /** Generated interactions with planted structure. */
        SYNTHETIC
    }

    /** The MovieLens releases the program reads. */
    public static final List<String> MOVIELENS = List.of("ml-100k", "ml-1m", "ml-20m", "ml-25m");

    /** The synthetic sizes; {@code tiny} is meant for tests. */
    public static final List<String> SYNTHETIC_SIZES = List.of("tiny", "small", "1m", "20m");

    /**
     * Parses a data set name.
     *
     * @param text e.g. {@code ml-100k}, {@code csv:ratings.csv}, {@code synthetic:small}
     * @return the spec
     * @throws IllegalArgumentException naming the text and what is allowed
     */
    public static DatasetSpec parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (MOVIELENS.contains(lower)) {
            return new DatasetSpec(Kind.MOVIELENS, lower, null);
        }
        if (lower.startsWith("csv:")) {
            String p = t.substring(4);
            if (p.isBlank()) {
                throw new IllegalArgumentException("dataset csv:PATH needs a path, got \"" + text + "\"");
            }
            return new DatasetSpec(Kind.CSV, p, Path.of(p));
        }
        if (lower.startsWith("synthetic:")) {
            String size = lower.substring("synthetic:".length());
            if (!SYNTHETIC_SIZES.contains(size)) {
                throw new IllegalArgumentException("dataset synthetic:SIZE must have SIZE one of "
                        + SYNTHETIC_SIZES + ", got \"" + text + "\"");
            }
            return new DatasetSpec(Kind.SYNTHETIC, size, null);
        }
        throw new IllegalArgumentException("dataset must be one of " + MOVIELENS
                + ", csv:PATH or synthetic:SIZE, got \"" + text + "\"");
    }

    /** @return the name as the user would write it, used in reports */
    public String label() {
        return switch (kind) {
            case MOVIELENS -> name;
            case CSV -> "csv:" + name;
            case SYNTHETIC -> "synthetic:" + name;
        };
    }

    @Override
    public String toString() {
        return label();
    }

    /** Converts option values for picocli, turning parse errors into usage errors. */
    public static final class Converter extends ParsingConverter<DatasetSpec> {

        /** Creates the converter; picocli calls this. */
        public Converter() {
            super(DatasetSpec::parse);
        }
    }
}
