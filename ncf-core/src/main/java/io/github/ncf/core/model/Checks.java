package io.github.ncf.core.model;

/** Argument checks shared by the builders, with messages that name the field and the value. */
final class Checks {

    private Checks() {
    }

    static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
        return value;
    }

    static float dropout(float value) {
        if (!(value >= 0f && value < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + value);
        }
        return value;
    }

    static int[] layers(String field, int... layers) {
        if (layers == null || layers.length == 0) {
            throw new IllegalArgumentException(field + " must list at least one layer size, got "
                    + (layers == null ? "null" : "none"));
        }
        for (int l = 0; l < layers.length; l++) {
            if (layers[l] <= 0) {
                throw new IllegalArgumentException(field + "[" + l + "] must be > 0, got "
                        + layers[l] + " (in " + java.util.Arrays.toString(layers) + ")");
            }
        }
        return layers.clone();
    }

    /** Embedding tables are filled from Java arrays, so rows * dim must fit in an int. */
    static void tableFits(String rowsField, int rows, String dimField, int dim) {
        long size = (long) rows * dim;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rowsField + " * " + dimField + " must be <= "
                    + Integer.MAX_VALUE + ", got " + rows + " * " + dim + " = " + size);
        }
    }

    static String layersString(int[] layers) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < layers.length; l++) {
            if (l > 0) {
                sb.append(',');
            }
            sb.append(layers[l]);
        }
        return sb.toString();
    }
}
