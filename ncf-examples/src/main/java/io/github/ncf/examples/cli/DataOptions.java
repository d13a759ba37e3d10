package io.github.ncf.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose and read a data set, shared by every training command. */
public final class DataOptions {

    @Option(names = "--dataset", defaultValue = "ml-100k", paramLabel = "DATASET",
            converter = DatasetSpec.Converter.class,
            description = "ml-100k (default), ml-1m, ml-20m, ml-25m, csv:PATH or synthetic:SIZE "
                    + "(SIZE: small = seconds, 1m, 20m; tiny for tests).")
    DatasetSpec dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding the MovieLens folders (e.g. DIR/ml-100k/u.data). "
                    + "Default: $NCF_DATA_DIR, then the cache ~/.ncf/data.")
    Path dataDir;

    @Option(names = "--csv-delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "csv: column delimiter (default ','; use '\\t' for tabs).")
    String csvDelimiter;

    @Option(names = "--csv-header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "csv: whether the first line is a header (default: yes).")
    boolean csvHeader;

    @Option(names = "--csv-user-column", defaultValue = "0", paramLabel = "N",
            description = "csv: 0-based column of the user id (default 0).")
    int csvUserColumn;

    @Option(names = "--csv-item-column", defaultValue = "1", paramLabel = "N",
            description = "csv: 0-based column of the item id (default 1).")
    int csvItemColumn;

    @Option(names = "--csv-rating-column", paramLabel = "N",
            description = "csv: 0-based column of the rating (default: none).")
    Integer csvRatingColumn;

    @Option(names = "--csv-timestamp-column", paramLabel = "N",
            description = "csv: 0-based column of the timestamp (default: none; the split then holds out "
                    + "each user's last row in file order).")
    Integer csvTimestampColumn;

    @Option(names = "--min-rating", paramLabel = "R",
            description = "Count only ratings >= R as positives (default: every rating); rows below are "
                    + "counted and reported.")
    Float minRating;

    /** Creates the options; picocli fills them. */
    public DataOptions() {
    }

    /** @return the chosen data set */
    public DatasetSpec dataset() {
        return dataset;
    }

    /** @return the data folder given with {@code --data-dir}, or null */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the CSV delimiter, with {@code \t} read as a tab */
    public String csvDelimiter() {
        return "\\t".equals(csvDelimiter) ? "\t" : csvDelimiter;
    }
}
