package io.github.ncf.data.movielens;

import java.io.IOException;

/**
 * A line of an input file that cannot be read; the message names the file, the 1-based line number,
 * the field and the offending value, e.g. {@code u.data line 17: field "timestamp" is not an integer:
 * "88x"}.
 */
public final class MalformedLineException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file name as shown to the user. */
    private final String file;
    /** The 1-based line number. */
    private final long line;
    /** The field name, or null when the line as a whole is wrong. */
    private final String field;
    /** The offending value. */
    private final String value;

    /**
     * Creates the exception.
     *
     * @param file the file name as shown to the user
     * @param line the 1-based line number
     * @param field the field name, or null when the line as a whole is wrong
     * @param value the offending value (the field or the whole line)
     * @param problem what is wrong, e.g. {@code "is not an integer"}
     */
    public MalformedLineException(String file, long line, String field, String value, String problem) {
        super(file + " line " + line + ": " + (field == null ? "" : "field \"" + field + "\" ") + problem
                + ": \"" + abbreviate(value) + "\"");
        this.file = file;
        this.line = line;
        this.field = field;
        this.value = value;
    }

    /**
     * Creates the exception for a line whose text cannot be shown, e.g. one the CSV parser rejected
     * while reading ahead.
     *
     * @param file the file name as shown to the user
     * @param line the 1-based line number
     * @param problem what is wrong
     */
    public MalformedLineException(String file, long line, String problem) {
        super(file + " line " + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = null;
        this.value = null;
    }

    private static String abbreviate(String s) {
        String shown = s.replace("\t", "\\t");
        return shown.length() <= 200 ? shown : shown.substring(0, 200) + "...";
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
     * Returns the 1-based line number.
     *
     * @return the line number
     */
    public long line() {
        return line;
    }

    /**
     * Returns the field name, or null if the line as a whole is malformed.
     *
     * @return the field name
     */
    public String field() {
        return field;
    }

    /**
     * Returns the offending value, or null when it cannot be shown.
     *
     * @return the value
     */
    public String value() {
        return value;
    }
}
