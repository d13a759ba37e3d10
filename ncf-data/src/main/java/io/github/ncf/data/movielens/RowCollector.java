package io.github.ncf.data.movielens;

import io.github.ncf.data.Interactions;
import java.util.Objects;

/**
 * Turns rows of text cells — a user, an item and optionally a timestamp and a rating — into
 * {@link Interactions} and the {@link ReadReport} that accounts for every row. It is the one place
 * where cells are checked and parsed, shared by {@link DelimitedReader} and the DJL dataset adapter
 * ({@code io.github.ncf.data.djl.TabularDatasetReader}), so both give the same errors and reports.
 *
 * <p>A bad cell is a {@link MalformedLineException} naming the source, line, field and value. Rows
 * rated below {@link Builder#minRating(float)} are left out and counted. Not thread-safe; {@link
 * #finish(boolean)} is called once.
 *
 * <pre>{@code
 * RowCollector rows = RowCollector.builder().source("events").timestamps(true).build();
 * rows.add(1, "alice", "42", "1700000000", null);
 * ReadResult result = rows.finish(true);
 * }</pre>
 */
public final class RowCollector {

    private final String source;
    private final boolean timestamps;
    private final boolean ratings;
    private final float minRating;
    private final Interactions.Builder builder = Interactions.builder();
    private long lines;
    private long headerLines;
    private long blankLines;
    private long below;
    private boolean finished;

    private RowCollector(Builder b) {
        this.source = b.source;
        this.timestamps = b.timestamps;
        this.ratings = b.ratings;
        this.minRating = b.minRating;
    }

    /**
     * Returns a builder: source {@code "input"}, no timestamps, no ratings, every row a positive.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Counts a header line, which holds no interaction. */
    public void header() {
        lines++;
        headerLines++;
    }

    /** Counts an empty or all-whitespace line, which holds no interaction. */
    public void blank() {
        lines++;
        blankLines++;
    }

    /**
     * Adds one row.
     *
     * @param line the 1-based line (or row) number shown in messages
     * @param user the raw user id; surrounding whitespace is dropped
     * @param item the raw item id; surrounding whitespace is dropped
     * @param timestamp the integer timestamp; ignored (may be null) without timestamps
     * @param rating the numeric rating; ignored (may be null) without ratings
     * @throws MalformedLineException if an id is empty, the timestamp not an integer or the rating
     *     not a finite number
     * @throws IllegalStateException if {@link #finish(boolean)} was called
     */
    public void add(long line, String user, String item, String timestamp, String rating)
            throws MalformedLineException {
        if (finished) {
            throw new IllegalStateException("add after finish");
        }
        lines++;
        String u = nonEmpty(user, source, line, "user");
        String i = nonEmpty(item, source, line, "item");
        long time = timestamps ? parseLong(timestamp, source, line, "timestamp") : 0L;
        float r = ratings ? parseFloat(rating, source, line, "rating") : 0f;
        if (ratings && r < minRating) {
            below++;
            return;
        }
        builder.add(u, i, timestamps, time, ratings, r);
    }

    /**
     * Builds the interactions and the report.
     *
     * @param endsWithLineBreak whether the input's last line ended with a line break (true for
     *     sources that are not text files)
     * @return the interactions and the report
     * @throws IllegalStateException if called twice
     */
    public ReadResult finish(boolean endsWithLineBreak) {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        finished = true;
        Interactions data = builder.build();
        ReadReport report = new ReadReport(source, lines, headerLines, blankLines, data.size(), below,
                Float.isInfinite(minRating) ? Float.NaN : minRating, data.duplicateRows(),
                data.numUsers(), data.numItems(), timestamps, endsWithLineBreak);
        return new ReadResult(data, report);
    }

    static String nonEmpty(String value, String file, long line, String field) throws MalformedLineException {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new MalformedLineException(file, line, field, value == null ? "" : value, "is empty");
        }
        return v;
    }

    static long parseLong(String value, String file, long line, String field) throws MalformedLineException {
        try {
            return Long.parseLong(Objects.requireNonNullElse(value, "").strip());
        } catch (NumberFormatException e) {
            throw new MalformedLineException(file, line, field, Objects.requireNonNullElse(value, ""),
                    "is not an integer");
        }
    }

    static float parseFloat(String value, String file, long line, String field) throws MalformedLineException {
        String v = Objects.requireNonNullElse(value, "").strip();
        float f;
        try {
            f = Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new MalformedLineException(file, line, field, v, "is not a number");
        }
        if (!Float.isFinite(f) || v.endsWith("f") || v.endsWith("d") || v.endsWith("F") || v.endsWith("D")) {
            throw new MalformedLineException(file, line, field, v, "is not a finite decimal number");
        }
        return f;
    }

    /** Configures a {@link RowCollector}; reusable after {@link #build()}. */
    public static final class Builder {

        private String source = "input";
        private boolean timestamps;
        private boolean ratings;
        private float minRating = Float.NEGATIVE_INFINITY;

        private Builder() {
        }

        /**
         * Sets the name shown in messages and the report, e.g. the file name.
         *
         * @param source a non-blank name
         * @return this builder
         */
        public Builder source(String source) {
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("source must be a non-blank name, got "
                        + (source == null ? "null" : "\"" + source + "\""));
            }
            this.source = source;
            return this;
        }

        /**
         * Sets whether rows carry a timestamp; default false, and the interactions then say
         * {@link Interactions#hasTimestamps()} false so that a split keeps file order.
         *
         * @param timestamps true if every row has a timestamp cell
         * @return this builder
         */
        public Builder timestamps(boolean timestamps) {
            this.timestamps = timestamps;
            return this;
        }

        /**
         * Sets whether rows carry a rating; default false.
         *
         * @param ratings true if every row has a rating cell
         * @return this builder
         */
        public Builder ratings(boolean ratings) {
            this.ratings = ratings;
            return this;
        }

        /**
         * Keeps only rows rated at least {@code minRating}; the others are counted. Needs ratings.
         *
         * @param minRating a finite threshold
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
         * Builds an empty collector.
         *
         * @return the collector
         * @throws IllegalArgumentException if a threshold is set without ratings
         */
        public RowCollector build() {
            if (!Float.isInfinite(minRating) && !ratings) {
                throw new IllegalArgumentException("minRating " + minRating + " needs ratings(true)");
            }
            return new RowCollector(this);
        }
    }
}
