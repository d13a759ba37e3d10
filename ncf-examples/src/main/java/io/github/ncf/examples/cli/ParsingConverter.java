package io.github.ncf.examples.cli;

import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * A picocli converter over a parse function, turning its {@link IllegalArgumentException} into a usage
 * error that prints the parser's own message (naming the value and what is allowed).
 *
 * <pre>{@code
 * public static final class Converter extends ParsingConverter<SplitOrder> {
 *     public Converter() {
 *         super(SplitOrder::parse);
 *     }
 * }
 * }</pre>
 *
 * @param <T> the option's type
 */
public abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {

    private final Function<String, T> parse;

    /**
     * Creates the converter.
     *
     * @param parse parses an option value, throwing {@link IllegalArgumentException} for a bad one
     */
    protected ParsingConverter(Function<String, T> parse) {
        this.parse = Objects.requireNonNull(parse, "parse");
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
