package io.github.ncf.examples.cli;

import picocli.CommandLine.Option;

/**
 * The model hyperparameters, shared by the training commands. An option left out keeps the builder's
 * default, which is the reference configuration (NeuMF: GMF dim 32, MLP embeddings 64, layers 128-64-32,
 * dropout 0.2; GMF and MLP alone: embeddings 64).
 */
public final class ModelOptions {

    @Option(names = "--embedding-dim", paramLabel = "N",
            description = "GMF and MLP: embedding size (default 64).")
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
