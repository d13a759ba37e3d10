package io.github.ncf.data.movielens;

/**
 * What a reader did with each line of a file, so that nothing the user gave vanishes silently:
 * {@code lines == headerLines + blankLines + rowsKept + rowsBelowThreshold}. It also says whether
 * the rows carry timestamps — without them "latest interaction" can only mean "last in file order",
 * which a split must then be told ({@link io.github.ncf.data.split.SortOrder#FILE_ORDER}) — and
 * whether the last line ended with a line break.
 *
 * <pre>{@code
 * ReadResult result = reader.read(Path.of("ratings.csv"));
 * System.out.println(result.report());
 * // ReadReport{file=ratings.csv, lines=100837, header=1, blank=0, kept=100836, belowThreshold=0, ...}
 * }</pre>
 *
 * @param file the file name
 * @param lines all lines (records) read, including header and blank lines; a quoted field spanning
 *     several lines makes one record
 * @param headerLines header lines skipped (0 or 1)
 * @param blankLines empty or all-whitespace lines skipped
 * @param rowsKept data rows turned into interactions
 * @param rowsBelowThreshold data rows whose rating was below {@code minRating} and were left out
 * @param minRating the rating threshold, or {@code NaN} when every row is a positive
 * @param duplicatePairs kept rows that repeat an earlier (user, item) pair
 * @param users distinct users among the kept rows
 * @param items distinct items among the kept rows
 * @param timestamps whether the rows carry timestamps; when false the only order is file order
 *     and a leave-one-out split takes {@link io.github.ncf.data.split.SortOrder#FILE_ORDER}
 * @param endsWithLineBreak whether the last line ended with a line break (a file cut short
 *     usually does not)
 */
public record ReadReport(String file, long lines, long headerLines, long blankLines, long rowsKept,
        long rowsBelowThreshold, float minRating, long duplicatePairs, int users, int items,
        boolean timestamps, boolean endsWithLineBreak) {

    /**
     * Returns the data rows read, kept or not: {@code rowsKept + rowsBelowThreshold}.
     *
     * @return the number of data rows
     */
    public long dataRows() {
        return rowsKept + rowsBelowThreshold;
    }

    @Override
    public String toString() {
        return "ReadReport{file=" + file + ", lines=" + lines + ", header=" + headerLines
                + ", blank=" + blankLines + ", kept=" + rowsKept + ", belowThreshold=" + rowsBelowThreshold
                + (Float.isNaN(minRating) ? "" : " (minRating=" + minRating + ")")
                + ", duplicatePairs=" + duplicatePairs + ", users=" + users + ", items=" + items
                + (timestamps ? "" : ", timestamps=none (only file order is known)")
                + (endsWithLineBreak ? "" : ", lastLineUnterminated") + "}";
    }
}
