package io.github.ncf.examples.cli;

/**
 * A problem the user fixes by changing the command line, found while a command runs rather than while
 * picocli parses: an output path that cannot be written, an option that does not fit the data. The
 * program prints it in one line naming the option and exits with code 2, as for a parse error.
 *
 * <pre>{@code
 * throw new UsageException("--save " + dir + " is an existing file, not a folder");
 * }</pre>
 */
public final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the option and value
     */
    public UsageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the library error that revealed it.
     *
     * @param message what is wrong, naming the option and value
     * @param cause the library error
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
