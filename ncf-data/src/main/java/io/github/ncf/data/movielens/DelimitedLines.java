package io.github.ncf.data.movielens;

import java.io.Serializable;

/**
 * The line rules of a {@link DelimitedReader} without quoting, one line at a time: how a line is split
 * into fields, how many fields it must have, and how the user, item, timestamp and rating cells are
 * checked and parsed. {@link DelimitedReader} reads files with these rules; readers that see lines one
 * by one on other engines (ncf-spark's, on executors: the class is serializable) parse with the same
 * code, so they keep and reject the same lines with the same messages.
 *
 * <pre>{@code
 * DelimitedLines rules = DelimitedReader.builder().delimiter(",").ratingColumn(2).build().lines();
 * DelimitedLines.Row row = rules.parse("196,242,3", "ratings.csv", 1);   // null for a blank line
 * }</pre>
 */
public final class DelimitedLines implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The field delimiter. */
    final String delimiter;
    /** Whether a file's first line is a header. */
    final boolean header;
    /** The user id column. */
    final int userColumn;
    /** The item id column. */
    final int itemColumn;
    /** The timestamp column, or -1. */
    final int timestampColumn;
    /** The rating column, or -1. */
    final int ratingColumn;
    /** The lowest rating kept. */
    final float minRating;
    /** The exact field count, or 0 for at least {@link #needed}. */
    final int fieldCount;
    /** The fields a line needs to hold every column used. */
    final int needed;

    DelimitedLines(String delimiter, boolean header, int userColumn, int itemColumn, int timestampColumn,
            int ratingColumn, float minRating, int fieldCount) {
        this.delimiter = delimiter;
        this.header = header;
        this.userColumn = userColumn;
        this.itemColumn = itemColumn;
        this.timestampColumn = timestampColumn;
        this.ratingColumn = ratingColumn;
        this.minRating = minRating;
        this.fieldCount = fieldCount;
        this.needed = Math.max(Math.max(userColumn, itemColumn), Math.max(timestampColumn, ratingColumn)) + 1;
    }

    /** @return whether the first line of a file is a header, which the caller skips and counts */
    public boolean header() {
        return header;
    }

    /** @return whether lines carry a timestamp column */
    public boolean hasTimestamps() {
        return timestampColumn >= 0;
    }

    /** @return whether lines carry a rating column */
    public boolean hasRatings() {
        return ratingColumn >= 0;
    }

    /**
     * Parses one line that is not a header.
     *
     * @param text the line without its line break
     * @param file the file name shown in messages
     * @param line the line's place shown in messages (the 1-based line number)
     * @return the row, or null for a blank line; a row rated below the reader's {@code minRating} is
     *     returned with {@link Row#belowMinRating()} set, for the caller to count and leave out
     * @throws MalformedLineException if the line has the wrong number of fields, an empty id, a
     *     timestamp that is not an integer or a rating that is not a finite number
     */
    public Row parse(String text, String file, long line) throws MalformedLineException {
        if (text.isBlank()) {
            return null;
        }
        String[] fields = new String[width()];
        int n = Fields.split(text, delimiter, fields);
        checkFieldCount(n, file, line, text, false);
        String user = RowCollector.nonEmpty(fields[userColumn], file, line, "user");
        String item = RowCollector.nonEmpty(fields[itemColumn], file, line, "item");
        long time = timestampColumn >= 0 ? RowCollector.parseLong(fields[timestampColumn], file, line, "timestamp")
                : 0L;
        float rating = ratingColumn >= 0 ? RowCollector.parseFloat(fields[ratingColumn], file, line, "rating") : 0f;
        return new Row(user, item, time, rating, ratingColumn >= 0 && rating < minRating);
    }

    /** Checks a line's number of fields against the exact count, or the columns used. */
    void checkFieldCount(int n, String name, long line, String text, boolean unterminatedLast)
            throws MalformedLineException {
        if (fieldCount > 0 ? n != fieldCount : n < needed) {
            throw new MalformedLineException(name, line, null, text,
                    "expected " + (fieldCount > 0 ? fieldCount : "at least " + needed)
                            + " fields separated by \"" + delimiter.replace("\t", "\\t") + "\", found " + n
                            + (unterminatedLast ? " (it is the last line and has no line break: the file "
                                    + "looks cut short)" : ""));
        }
    }

    /** @return the number of fields a line is split into at most: the columns used, or the exact count */
    int width() {
        return Math.max(needed, fieldCount);
    }

    /** @return the rules as shown by {@link #toString()} and {@code DelimitedReader}'s, without braces */
    String describe() {
        return "delimiter=\"" + delimiter.replace("\t", "\\t") + "\", header=" + header + ", user=" + userColumn
                + ", item=" + itemColumn + (timestampColumn >= 0 ? ", timestamp=" + timestampColumn : "")
                + (ratingColumn >= 0 ? ", rating=" + ratingColumn : "")
                + (Float.isInfinite(minRating) ? "" : ", minRating=" + minRating);
    }

    @Override
    public String toString() {
        return "DelimitedLines{" + describe() + "}";
    }

    /**
     * One parsed line.
     *
     * @param user the raw user id, stripped
     * @param item the raw item id, stripped
     * @param timestamp the timestamp, or 0 without a timestamp column
     * @param rating the rating, or 0 without a rating column
     * @param belowMinRating whether the rating is below the reader's threshold (the row is then left out)
     */
    public record Row(String user, String item, long timestamp, float rating, boolean belowMinRating) {
    }
}
