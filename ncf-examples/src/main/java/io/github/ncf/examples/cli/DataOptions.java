package io.github.ncf.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that choose, read and split a data set, shared by every training command and {@code evaluate}. */
public final class DataOptions {

    /** The options that only a {@code csv:PATH} data set reads. */
    private static final List<String> CSV_ONLY = List.of("--csv-delimiter", "--csv-header", "--csv-quoted",
            "--csv-user-column", "--csv-item-column", "--csv-rating-column", "--csv-timestamp-column");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

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

    @Option(names = "--csv-quoted", defaultValue = "false",
            description = "csv: fields may be quoted as in RFC 4180 (\"a,b\" is one field; \"\" inside is a quote).")
    boolean csvQuoted;

    @Option(names = "--csv-user-column", defaultValue = "0", paramLabel = "N",
            description = "csv: 0-based column of the user id (default 0).")
    Integer csvUserColumn;

    @Option(names = "--csv-item-column", defaultValue = "1", paramLabel = "N",
            description = "csv: 0-based column of the item id (default 1).")
    Integer csvItemColumn;

    @Option(names = "--csv-rating-column", paramLabel = "N",
            description = "csv: 0-based column of the rating (default: none).")
    Integer csvRatingColumn;

    @Option(names = "--csv-timestamp-column", paramLabel = "N",
            description = "csv: 0-based column of the timestamp (default: none; the split then holds out "
                    + "each user's last row in file order).")
    Integer csvTimestampColumn;

    @Option(names = "--split", paramLabel = "ORDER", converter = SplitOrder.Converter.class,
            description = "Which interaction per user is held out: time (the latest; default when the data have "
                    + "timestamps), file-order (the last row in the file; default for a csv without "
                    + "--csv-timestamp-column) or random (drawn with --seed).")
    SplitOrder split;

    @Option(names = "--validation", defaultValue = "false",
            description = "Also hold out a validation interaction per user (the latest before the test one); "
                    + "per-epoch metrics and the best epoch then read validation only, and test is evaluated "
                    + "once, after training.")
    boolean validation;

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

    /**
     * Returns the split order: the one given, else time when the data carry timestamps, else file order.
     *
     * @return the order
     */
    SplitOrder splitOrder() {
        if (split != null) {
            return split;
        }
        return dataset.kind() == DatasetSpec.Kind.CSV && csvTimestampColumn == null
                ? SplitOrder.FILE_ORDER : SplitOrder.TIME;
    }

    /** @return whether the split also holds out a validation interaction per user */
    boolean validation() {
        return validation;
    }

    /**
     * Checks every data option against the others, as usage errors naming the option, before any data is
     * read: columns, delimiter, a rating threshold without ratings, a time split without times, options
     * that the chosen data set would ignore, and that a CSV file or {@code --data-dir} exists.
     *
     * @throws IllegalArgumentException on the first bad value
     */
    void validate() {
        boolean csv = dataset.kind() == DatasetSpec.Kind.CSV;
        if (!csv) {
            for (String option : CSV_ONLY) {
                if (given(option)) {
                    throw new IllegalArgumentException(option + " applies only to --dataset csv:PATH, got --dataset "
                            + dataset.label());
                }
            }
        }
        if (dataDir != null && dataset.kind() != DatasetSpec.Kind.MOVIELENS) {
            throw new IllegalArgumentException("--data-dir applies only to MovieLens data sets, got --dataset "
                    + dataset.label());
        }
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("--data-dir " + dataDir + " is not a folder");
        }
        if (minRating != null && !Float.isFinite(minRating)) {
            throw new IllegalArgumentException("--min-rating must be a finite number, got " + minRating);
        }
        if (minRating != null && dataset.kind() == DatasetSpec.Kind.SYNTHETIC) {
            throw new IllegalArgumentException("--min-rating needs ratings, and " + dataset.label() + " has none");
        }
        if (csv) {
            validateCsv();
        }
    }

    private void validateCsv() {
        if (!Files.isRegularFile(dataset.path())) {
            throw new IllegalArgumentException("--dataset " + dataset.label() + ": no such file: " + dataset.path());
        }
        if (csvDelimiter.isEmpty()) {
            throw new IllegalArgumentException("--csv-delimiter must not be empty");
        }
        if (csvQuoted && csvDelimiter().length() != 1) {
            throw new IllegalArgumentException("--csv-quoted needs a one-character --csv-delimiter, got \""
                    + csvDelimiter + "\"");
        }
        String[] names = {"--csv-user-column", "--csv-item-column", "--csv-rating-column", "--csv-timestamp-column"};
        Integer[] columns = {csvUserColumn, csvItemColumn, csvRatingColumn, csvTimestampColumn};
        for (int a = 0; a < columns.length; a++) {
            if (columns[a] != null && columns[a] < 0) {
                throw new IllegalArgumentException(names[a] + " must be >= 0, got " + columns[a]);
            }
            for (int b = 0; b < a; b++) {
                if (columns[a] != null && columns[a].equals(columns[b])) {
                    throw new IllegalArgumentException(names[b] + " and " + names[a] + " must name different columns, "
                            + "both are " + columns[a]);
                }
            }
        }
        if (minRating != null && csvRatingColumn == null) {
            throw new IllegalArgumentException("--min-rating " + minRating + " needs --csv-rating-column");
        }
        if (split == SplitOrder.TIME && csvTimestampColumn == null) {
            throw new IllegalArgumentException("--split time needs --csv-timestamp-column; without timestamps use "
                    + "--split file-order or --split random");
        }
    }

    /**
     * Takes the data set and split order a saved model was trained with, where the command line did not
     * name them, so that {@code evaluate} re-splits the data as training did.
     *
     * @param dataset the model's data set as recorded, or null
     * @param order the model's split order as recorded, or null
     */
    void defaultTo(String dataset, String order) {
        if (dataset != null && !given("--dataset")) {
            this.dataset = DatasetSpec.parse(dataset);
        }
        if (order != null && !given("--split")) {
            this.split = SplitOrder.parse(order);
        }
    }

    boolean given(String option) {
        return command != null && command.commandLine() != null
                && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** @return the CSV delimiter, with {@code \t} read as a tab */
    public String csvDelimiter() {
        return "\\t".equals(csvDelimiter) ? "\t" : csvDelimiter;
    }
}
