package io.github.ncf.data.movielens;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads interactions from any delimited text file, given which columns hold the user, the item and,
 * optionally, the timestamp and the rating.
 *
 * <p>Rows are kept in file order and dense indices are assigned in order of first appearance. Every
 * row is a positive unless {@link Builder#minRating(float)} is set, in which case rows rated below it
 * are left out and counted in the {@link ReadReport}; blank lines and the header are counted too.
 * A malformed line stops the read with a {@link MalformedLineException} naming file, line, field and
 * value; so do bytes that are not valid in the file's encoding (naming the encoding and the byte).
 * A UTF-8 byte-order mark before the first line is dropped, with or without a header. Without a
 * timestamp column the interactions carry no timestamps ({@link ReadReport#timestamps()} is false):
 * file order is then the only order, and a leave-one-out split must be told to use it ({@link
 * io.github.ncf.data.split.SortOrder#FILE_ORDER}).
 *
 * <p>With {@link Builder#quoted(boolean) quoted(true)} fields follow RFC 4180, parsed by
 * commons-csv: a field in double quotes may hold the delimiter, line breaks and {@code ""} for a
 * quote. Otherwise every delimiter separates fields, the fast path for MovieLens-style files.
 *
 * <pre>{@code
 * DelimitedReader reader = DelimitedReader.builder()
 *         .delimiter(",").header(true)
 *         .userColumn(0).itemColumn(1).ratingColumn(2).timestampColumn(3)
 *         .minRating(4f)
 *         .build();
 * ReadResult result = reader.read(Path.of("ratings.csv"));
 * }</pre>
 */
public final class DelimitedReader {

    private final boolean quoted;
    private final Charset charset;
    /** The delimiter, header, columns, field count and threshold: the line rules, kept in one place. */
    private final DelimitedLines rules;

    private DelimitedReader(Builder b) {
        this.quoted = b.quoted;
        this.charset = b.charset;
        this.rules = new DelimitedLines(b.delimiter, b.header, b.userColumn, b.itemColumn, b.timestampColumn,
                b.ratingColumn, b.minRating, b.fieldCount);
    }

    /**
     * Returns a builder: delimiter tab, no header, user column 0, item column 1, no timestamp, no
     * rating, UTF-8.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns this reader's line rules, to parse lines one at a time with the same checks and
     * messages (readers on other engines use them).
     *
     * @return the rules
     * @throws UnsupportedOperationException if the reader honours quoting: a quoted field may span
     *     lines, so lines cannot be parsed one by one
     */
    public DelimitedLines lines() {
        if (quoted) {
            throw new UnsupportedOperationException("quoted fields may span lines and cannot be parsed one line"
                    + " at a time; read with quoted(false), or read the file with DelimitedReader.read");
        }
        return rules;
    }

    /** @return the file encoding */
    public Charset charset() {
        return charset;
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @return the interactions and the report
     * @throws MalformedLineException if a line cannot be read, including bytes that are not valid
     *     in the encoding (the message names the line, the byte and the encoding)
     * @throws java.nio.file.AccessDeniedException if the process may not read the file (the message
     *     says so and names it)
     * @throws java.nio.file.FileSystemException if the path is a directory (the message says so)
     * @throws IOException if the file cannot be read otherwise
     */
    public ReadResult read(Path file) throws IOException {
        try (LineSource lines = LineSource.open(file, charset)) {
            return read(lines);
        }
    }

    /**
     * Reads from a character stream; {@code name} is the file name used in messages and the report.
     * The reader is not closed.
     *
     * @param in the text
     * @param name the name shown in messages
     * @return the interactions and the report
     * @throws MalformedLineException if a line cannot be read
     * @throws IOException if reading fails
     */
    public ReadResult read(Reader in, String name) throws IOException {
        return read(LineSource.of(in, name));
    }

    private ReadResult read(LineSource lines) throws IOException {
        RowCollector.Builder b = RowCollector.builder().source(lines.name)
                .timestamps(rules.hasTimestamps()).ratings(rules.hasRatings());
        if (!Float.isInfinite(rules.minRating)) {
            b.minRating(rules.minRating);
        }
        RowCollector rows = b.build();
        if (quoted) {
            readQuoted(lines, rows);
        } else {
            readPlain(lines, rows);
        }
        return rows.finish(lines.terminated());
    }

    private void readPlain(LineSource lines, RowCollector rows) throws IOException {
        String[] fields = new String[rules.width()];
        String line;
        while ((line = lines.next()) != null) {
            long no = lines.number();
            if (no == 1 && rules.header()) {
                rows.header();
                continue;
            }
            if (line.isBlank()) {
                rows.blank();
                continue;
            }
            int n = Fields.split(line, rules.delimiter, fields);
            checkFieldCount(n, lines.name, no, line, !lines.terminated());
            add(rows, no, fields);
        }
    }

    private void readQuoted(LineSource lines, RowCollector rows) throws IOException {
        String[] fields = new String[rules.width()];
        try (CSVParser parser = CSVParser.parse(lines.asReader(), Fields.rfc4180(rules.delimiter.charAt(0)))) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long start = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof MalformedLineException m) {
                        throw m;
                    }
                    throw new MalformedLineException(lines.name, start, Fields.quotingProblem(e));
                }
                if (start == 1 && rules.header()) {
                    rows.header();
                    continue;
                }
                int n = record.size();
                if (n == 1 && record.get(0).isBlank()) {
                    rows.blank();
                    continue;
                }
                for (int k = 0; k < Math.min(n, fields.length); k++) {
                    fields[k] = record.get(k);
                }
                checkFieldCount(n, lines.name, start, String.join(rules.delimiter, record.toList()), false);
                add(rows, start, fields);
            }
        }
    }

    private void checkFieldCount(int n, String name, long line, String text, boolean unterminatedLast)
            throws MalformedLineException {
        rules.checkFieldCount(n, name, line, text, unterminatedLast);
    }

    private void add(RowCollector rows, long line, String[] fields) throws MalformedLineException {
        rows.add(line, fields[rules.userColumn], fields[rules.itemColumn],
                rules.timestampColumn >= 0 ? fields[rules.timestampColumn] : null,
                rules.ratingColumn >= 0 ? fields[rules.ratingColumn] : null);
    }

    @Override
    public String toString() {
        return "DelimitedReader{" + rules.describe() + (quoted ? ", quoted" : "")
                + (charset.equals(StandardCharsets.UTF_8) ? "" : ", " + charset.name()) + "}";
    }

    /** Configures a {@link DelimitedReader}; reusable after {@link #build()}. */
    public static final class Builder {

        private String delimiter = "\t";
        private boolean header;
        private boolean quoted;
        private int userColumn = 0;
        private int itemColumn = 1;
        private int timestampColumn = -1;
        private int ratingColumn = -1;
        private float minRating = Float.NEGATIVE_INFINITY;
        private int fieldCount;
        private Charset charset = StandardCharsets.UTF_8;

        private Builder() {
        }

        /**
         * Sets the field delimiter, one or more characters (MovieLens 1M uses {@code "::"}); default tab.
         *
         * @param delimiter the delimiter
         * @return this builder
         */
        public Builder delimiter(String delimiter) {
            if (delimiter == null || delimiter.isEmpty()) {
                throw new IllegalArgumentException("delimiter must be non-empty, got "
                        + (delimiter == null ? "null" : "\"\""));
            }
            this.delimiter = delimiter;
            return this;
        }

        /**
         * Sets whether the first line is a header to skip (and count); default false.
         *
         * @param header true if the file has a header line
         * @return this builder
         */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /**
         * Sets whether fields follow RFC 4180 quoting: a field enclosed in double quotes may hold
         * the delimiter and line breaks, and {@code ""} inside it stands for one quote (e.g. {@code
         * "Smith, Ann","say ""hi""",5}). Needs a one-character delimiter. Default false: quotes are
         * ordinary characters.
         *
         * @param quoted true to honour quotes
         * @return this builder
         */
        public Builder quoted(boolean quoted) {
            this.quoted = quoted;
            return this;
        }

        /**
         * Sets the 0-based column of the raw user id; default 0.
         *
         * @param column the column
         * @return this builder
         */
        public Builder userColumn(int column) {
            this.userColumn = column("userColumn", column);
            return this;
        }

        /**
         * Sets the 0-based column of the raw item id; default 1.
         *
         * @param column the column
         * @return this builder
         */
        public Builder itemColumn(int column) {
            this.itemColumn = column("itemColumn", column);
            return this;
        }

        /**
         * Sets the 0-based column of the integer timestamp; default none.
         *
         * @param column the column
         * @return this builder
         */
        public Builder timestampColumn(int column) {
            this.timestampColumn = column("timestampColumn", column);
            return this;
        }

        /**
         * Sets the 0-based column of the numeric rating; default none.
         *
         * @param column the column
         * @return this builder
         */
        public Builder ratingColumn(int column) {
            this.ratingColumn = column("ratingColumn", column);
            return this;
        }

        /**
         * Keeps only rows rated at least {@code minRating} as positives; the others are counted in
         * {@link ReadReport#rowsBelowThreshold()}. Needs a rating column. Default: every row is a
         * positive.
         *
         * @param minRating the threshold, a finite number
         * @return this builder
         */
        public Builder minRating(float minRating) {
            if (!Float.isFinite(minRating)) {
                throw new IllegalArgumentException("minRating must be finite, got " + minRating);
            }
            this.minRating = minRating;
            return this;
        }

        /**
         * Requires every line to have exactly this many fields; default 0, meaning at least as many as
         * the largest column used.
         *
         * @param count the exact field count, or 0
         * @return this builder
         */
        public Builder fieldCount(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("fieldCount must be >= 0, got " + count);
            }
            this.fieldCount = count;
            return this;
        }

        /**
         * Sets the file encoding; default UTF-8. Bytes that are not valid in it are an error naming
         * the line and the encoding.
         *
         * @param charset an ASCII-compatible charset (UTF-8, ISO-8859-1, windows-1252, ...)
         * @return this builder
         * @throws IllegalArgumentException if the charset does not encode ASCII as single bytes
         *     (UTF-16, UTF-32)
         */
        public Builder charset(Charset charset) {
            Objects.requireNonNull(charset, "charset must not be null");
            LineSource.requireAsciiCompatible(charset);
            this.charset = charset;
            return this;
        }

        private static int column(String name, int column) {
            if (column < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + column);
            }
            return column;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         * @throws IllegalArgumentException if two roles share a column, minRating is set without a
         *     rating column, quoting is asked for with a multi-character delimiter, or fieldCount is
         *     smaller than a column used
         */
        public DelimitedReader build() {
            int[] cols = {userColumn, itemColumn, timestampColumn, ratingColumn};
            String[] names = {"userColumn", "itemColumn", "timestampColumn", "ratingColumn"};
            for (int a = 0; a < cols.length; a++) {
                for (int b = a + 1; b < cols.length; b++) {
                    if (cols[a] >= 0 && cols[a] == cols[b]) {
                        throw new IllegalArgumentException(names[a] + " and " + names[b]
                                + " must differ, both are " + cols[a]);
                    }
                }
            }
            if (!Float.isInfinite(minRating) && ratingColumn < 0) {
                throw new IllegalArgumentException("minRating " + minRating + " needs a ratingColumn, got none");
            }
            if (quoted && delimiter.length() != 1) {
                throw new IllegalArgumentException("quoted fields need a one-character delimiter, got \""
                        + delimiter + "\"");
            }
            int largest = Math.max(Math.max(userColumn, itemColumn), Math.max(timestampColumn, ratingColumn));
            if (fieldCount > 0 && fieldCount <= largest) {
                throw new IllegalArgumentException("fieldCount " + fieldCount + " leaves out column " + largest);
            }
            return new DelimitedReader(this);
        }
    }
}
