package io.github.ncf.core.model;

import ai.djl.nn.AbstractBlock;
import java.util.Map;

/**
 * The common base of the three NCF models, {@code GMF}, {@code MLP} and {@code NeuMF}.
 *
 * <p>Contract of {@code forward}: the input {@code NDList} holds two int32 arrays of shape {@code
 * (B)}, user indices then item indices; the output {@code NDList} holds one float32 array of shape
 * {@code (B)} with one logit per pair (apply a sigmoid for a probability). Blocks are built with
 * fluent builders and know their own sizes and hyperparameters, which persistence records.
 */
public abstract class NcfBlock extends AbstractBlock {

    /**
     * Creates a block whose saved metadata carries the given format version.
     *
     * @param version the metadata format version
     */
    protected NcfBlock(byte version) {
        super(version);
    }

    /** @return the number of users the block has embeddings for */
    public abstract int numUsers();

    /** @return the number of items the block has embeddings for */
    public abstract int numItems();

    /** @return the model's short name: {@code "gmf"}, {@code "mlp"} or {@code "neumf"} */
    public abstract String kind();

    /**
     * Returns the hyperparameters that rebuild this block with its builder, as strings, in a stable
     * order; persistence writes them into the saved model's properties.
     *
     * @return name to value
     */
    public abstract Map<String, String> hyperparameters();
}
