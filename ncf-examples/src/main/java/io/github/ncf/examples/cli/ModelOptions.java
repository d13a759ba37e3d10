package io.github.ncf.examples.cli;

import picocli.CommandLine.Option;

/**
 * The model hyperparameters, shared by the training commands. An option left out keeps the builder's
 * default, which is the reference configuration (NeuMF: GMF dim 32, MLP embeddings 64, layers 128-64-32,
 * dropout 0.2; GMF and MLP alone: embeddings 64).
 */
public final class ModelOptions {

    @Option(names = "--embedding-dim", paramLabel = "N",
            description = "GMF, MLP and MF: embedding size (default 64).")
    Integer embeddingDim;

    @Option(names = "--gmf-dim", paramLabel = "N", description = "NeuMF: GMF embedding size (default 32).")
    Integer gmfDim;

    @Option(names = "--mlp-dim", paramLabel = "N", description = "NeuMF: MLP embedding size (default 64).")
    Integer mlpDim;

    @Option(names = "--layers", paramLabel = "SIZES", converter = LayerSizes.Converter.class,
            description = "MLP and NeuMF: hidden layer sizes, e.g. 128-64-32 (the default).")
    LayerSizes layers;

    @Option(names = "--dropout", paramLabel = "P",
            description = "MLP and NeuMF: dropout after each hidden layer, in [0, 1) (default 0.2).")
    Double dropout;

    /** Creates the options; picocli fills them. */
    public ModelOptions() {
    }

    /**
     * Checks the values given, as usage errors naming the option and value, so that a bad value fails
     * before any data is read.
     *
     * @throws IllegalArgumentException on the first bad value
     */
    void validate() {
        positiveIfSet("--embedding-dim", embeddingDim);
        positiveIfSet("--gmf-dim", gmfDim);
        positiveIfSet("--mlp-dim", mlpDim);
        if (dropout != null && !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * Checks that every option given applies to the one model trained, so none is silently ignored.
     *
     * @param kind the model
     * @throws IllegalArgumentException naming the option that does not apply
     */
    void checkAppliesTo(ModelKind kind) {
        String model = "--model " + kind.id();
        switch (kind) {
            case GMF -> {
                notFor(model, "--gmf-dim", gmfDim);
                notFor(model, "--mlp-dim", mlpDim);
                notFor(model, "--layers", layers);
                notFor(model, "--dropout", dropout);
            }
            case MLP -> {
                notFor(model, "--gmf-dim", gmfDim);
                notFor(model, "--mlp-dim", mlpDim);
            }
            case NEUMF -> notFor(model + " (it has --gmf-dim and --mlp-dim)", "--embedding-dim", embeddingDim);
            case MF -> {
                notFor(model, "--gmf-dim", gmfDim);
                notFor(model, "--mlp-dim", mlpDim);
                notFor(model, "--layers", layers);
                notFor(model, "--dropout", dropout);
            }
        }
    }

    private static void notFor(String model, String option, Object value) {
        if (value != null) {
            throw new IllegalArgumentException(option + " does not apply to " + model + ", got " + option + " "
                    + value);
        }
    }

    private static void positiveIfSet(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
    }

    /**
     * Returns a copy with other layer sizes, for sweeps.
     *
     * @param sizes the hidden layer sizes
     * @return the copy
     */
    ModelOptions withLayers(LayerSizes sizes) {
        ModelOptions copy = copy();
        copy.layers = sizes;
        return copy;
    }

    ModelOptions copy() {
        ModelOptions copy = new ModelOptions();
        copy.embeddingDim = embeddingDim;
        copy.gmfDim = gmfDim;
        copy.mlpDim = mlpDim;
        copy.layers = layers;
        copy.dropout = dropout;
        return copy;
    }
}
