package io.github.ncf.data.movielens;

import java.io.IOException;

/**
 * A data file that reads without a malformed line but is not the file it claims to be: a MovieLens
 * ratings file holding fewer rows than the release (cut short, e.g. by an interrupted copy) or more.
 * The message names the file and both counts, e.g. {@code u.data is truncated: 50,703 rows where
 * ml-100k has 100,000; its last line has no line break}.
 *
 * <pre>{@code
 * try {
 *     MovieLensReader.read(MovieLensVariant.ML_100K, dir);
 * } catch (DataVerificationException e) {
 *     System.err.println(e.file() + ": " + e.found() + " of " + e.expected() + " rows");
 * }
 * }</pre>
 */
public final class DataVerificationException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file name as shown to the user. */
    private final String file;
    /** The row count the release has. */
    private final long expected;
    /** The row count the file holds. */
    private final long found;

    /**
     * Creates the exception.
     *
     * @param file the file name as shown to the user
     * @param expected the row count the release has
     * @param found the row count the file holds
     * @param message the full message
     */
    public DataVerificationException(String file, long expected, long found, String message) {
        super(message);
        this.file = file;
        this.expected = expected;
        this.found = found;
    }

    /**
     * Returns the file name.
     *
     * @return the file name
     */
    public String file() {
        return file;
    }

    /**
     * Returns the row count the release has.
     *
     * @return the expected rows
     */
    public long expected() {
        return expected;
    }

    /**
     * Returns the row count the file holds.
     *
     * @return the rows found
     */
    public long found() {
        return found;
    }

    /**
     * Returns whether the file holds fewer rows than the release.
     *
     * @return true if truncated
     */
    public boolean truncated() {
        return found < expected;
    }
}
