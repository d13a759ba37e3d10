package io.github.ncf.examples.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Parses MLP layer sizes written as {@code 128-64-32} or {@code 128,64,32}.
 *
 * <pre>{@code
 * int[] layers = LayerSizes.parse("128-64-32");   // {128, 64, 32}
 * }</pre>
 */
public final class LayerSizes implements CommandLine.ITypeConverter<int[]> {

    /** Creates the converter; picocli calls this. */
    public LayerSizes() {
    }

    /**
     * Parses layer sizes.
     *
     * @param text sizes separated by {@code -} or {@code ,}
     * @return the sizes, each > 0
     * @throws IllegalArgumentException naming the text and the bad size
     */
    public static int[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("layers must be sizes like 128-64-32, got \"" + text + "\"");
        }
        String[] parts = text.trim().split("[-,]");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layers must be sizes like 128-64-32, got \"" + text
                        + "\" (\"" + parts[i] + "\" is not an integer)");
            }
            if (sizes[i] <= 0) {
                throw new IllegalArgumentException("layers must be > 0, got " + sizes[i] + " in \"" + text + "\"");
            }
        }
        return sizes;
    }

    /**
     * Formats layer sizes as {@code 128-64-32}.
     *
     * @param sizes the sizes
     * @return the text
     */
    public static String format(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    @Override
    public int[] convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
