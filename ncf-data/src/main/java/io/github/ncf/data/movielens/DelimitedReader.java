package io.github.ncf.data.movielens;

import io.github.ncf.data.Interactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads interactions from any delimited text file, given which columns hold the user, the item and,
 * optionally, the timestamp and the rating.
 *
 * <p>Rows are kept in file order and dense indices are assigned in order of first appearance. Every
 * row is a positive unless {@link Builder#minRating(float)} is set, in which case rows rated below it
 * are left out and counted in the {@link ReadReport}; blank lines and the header are counted too.
 * A malformed line stops the read with a {@link MalformedLineException} naming file, line, field and
 * value.
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

    private final String delimiter;
    private final boolean header;
    private final boolean quoted;
    private final int userColumn;
    private final int itemColumn;
    private final int timestampColumn;
    private final int ratingColumn;
    private final float minRating;
    private final int fieldCount;
    private final Charset charset;
    private final int needed;

    private DelimitedReader(Builder b) {
        this.delimiter = b.delimiter;
        this.header = b.header;
        this.quoted = b.quoted;
        this.userColumn = b.userColumn;
        this.itemColumn = b.itemColumn;
        this.timestampColumn = b.timestampColumn;
        this.ratingColumn = b.ratingColumn;
        this.minRating = b.minRating;
        this.fieldCount = b.fieldCount;
        this.charset = b.charset;
        this.needed = Math.max(Math.max(userColumn, itemColumn), Math.max(timestampColumn, ratingColumn)) + 1;
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
     * Reads a file.
     *
     * @param file the file
     * @return the interactions and the report
     * @throws MalformedLineException if a line cannot be read
     * @throws IOException if the file cannot be read
     */
    public ReadResult read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, charset)) {
            return read(in, file.getFileName().toString());
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
        BufferedReader reader = in instanceof BufferedReader br ? br : new BufferedReader(in, 1 << 16);
        Interactions.Builder builder = Interactions.builder();
        boolean hasTime = timestampColumn >= 0;
        boolean hasRating = ratingColumn >= 0;
        String[] fields = new String[Math.max(needed, fieldCount)];
        long lineNo = 0;
        long headerLines = 0;
        long blank = 0;
        long below = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && header) {
                headerLines++;
                continue;
            }
            if (line.isBlank()) {
                blank++;
                continue;
            }
            int n;
            if (quoted) {
                List<String> parts = Fields.splitQuoted(line, delimiter.charAt(0));
                if (parts == null) {
                    throw new MalformedLineException(name, lineNo, null, line, "has an unclosed quote");
                }
                n = parts.size();
                for (int k = 0; k < Math.min(n, fields.length); k++) {
                    fields[k] = parts.get(k);
                }
            } else {
                n = Fields.split(line, delimiter, fields);
            }
            if (fieldCount > 0 ? n != fieldCount : n < needed) {
                throw new MalformedLineException(name, lineNo, null, line,
                        "expected " + (fieldCount > 0 ? fieldCount : "at least " + needed)
                                + " fields separated by \"" + delimiter.replace("\t", "\\t") + "\", found " + n);
            }
            String user = nonEmpty(fields[userColumn], name, lineNo, "user");
            String item = nonEmpty(fields[itemColumn], name, lineNo, "item");
            long time = hasTime ? parseLong(fields[timestampColumn], name, lineNo, "timestamp") : 0L;
            float rating = hasRating ? parseFloat(fields[ratingColumn], name, lineNo, "rating") : 0f;
            if (hasRating && rating < minRating) {
                below++;
                continue;
            }
            builder.add(user, item, hasTime, time, hasRating, rating);
        }
        Interactions data = builder.build();
        ReadReport report = new ReadReport(name, lineNo, headerLines, blank, data.size(), below,
                Float.isInfinite(minRating) ? Float.NaN : minRating, data.duplicateRows(),
                data.numUsers(), data.numItems());
        return new ReadResult(data, report);
    }

    static String nonEmpty(String value, String file, long line, String field) throws MalformedLineException {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new MalformedLineException(file, line, field, value, "is empty");
        }
        return v;
    }

    static long parseLong(String value, String file, long line, String field) throws MalformedLineException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new MalformedLineException(file, line, field, value, "is not an integer");
        }
    }

    static float parseFloat(String value, String file, long line, String field) throws MalformedLineException {
        String v = value.strip();
        float f;
        try {
            f = Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new MalformedLineException(file, line, field, value, "is not a number");
        }
        if (!Float.isFinite(f) || v.endsWith("f") || v.endsWith("d") || v.endsWith("F") || v.endsWith("D")) {
            throw new MalformedLineException(file, line, field, value, "is not a finite decimal number");
        }
        return f;
    }

    @Override
    public String toString() {
        return "DelimitedReader{delimiter=\"" + delimiter.replace("\t", "\\t") + "\", header=" + header
                + ", user=" + userColumn + ", item=" + itemColumn
                + (timestampColumn >= 0 ? ", timestamp=" + timestampColumn : "")
                + (ratingColumn >= 0 ? ", rating=" + ratingColumn : "")
                + (Float.isInfinite(minRating) ? "" : ", minRating=" + minRating) + "}";
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
         * Sets whether fields may be enclosed in double quotes (RFC 4180); needs a one-character
         * delimiter. Default false.
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
         * Sets the file encoding; default UTF-8.
         *
         * @param charset the charset
         * @return this builder
         */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset must not be null");
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
