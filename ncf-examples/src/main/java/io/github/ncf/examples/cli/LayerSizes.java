package io.github.ncf.examples.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * MLP hidden layer sizes as written on the command line: {@code 128-64-32} or {@code 128,64,32}.
 *
 * <pre>{@code
 * int[] layers = LayerSizes.parse("128-64-32").sizes();   // {128, 64, 32}
 * }</pre>
 */
public final class LayerSizes {

    private final int[] sizes;

    private LayerSizes(int[] sizes) {
        this.sizes = sizes;
    }

    /**
     * Parses layer sizes.
     *
     * @param text sizes separated by {@code -} or {@code ,}
     * @return the sizes, each > 0
     * @throws IllegalArgumentException naming the text and the bad size
     */
    public static LayerSizes parse(String text) {
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
        return new LayerSizes(sizes);
    }

    /** @return a copy of the sizes */
    public int[] sizes() {
        return sizes.clone();
    }

    /** @return the sizes joined by {@code -}, e.g. {@code 128-64-32} */
    @Override
    public String toString() {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSizes other && Arrays.equals(sizes, other.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    /** Converts option values for picocli, turning parse errors into usage errors. */
    public static final class Converter extends ParsingConverter<LayerSizes> {

        /** Creates the converter; picocli calls this. */
        public Converter() {
            super(LayerSizes::parse);
        }
    }
}
