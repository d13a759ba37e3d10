package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/**
 * How a training forward pass of an {@link NcfBlock} looks up the rows of its embedding tables, for
 * a trainer that computes the tables' gradients itself instead of letting autograd scatter them into
 * a dense gradient of the whole table (see {@link NcfBlock#setEmbeddingLookup(EmbeddingLookup)}).
 *
 * <pre>{@code
 * block.setEmbeddingLookup((table, ids) -> myRows(table, ids));  // for the length of a fit
 * }</pre>
 */
@FunctionalInterface
public interface EmbeddingLookup {

    /**
     * Returns the rows {@code ids} of an embedding table, as the forward pass uses them.
     *
     * @param table one of the block's {@link NcfBlock#embeddingParameters()}
     * @param ids int32 row indices, shape (B)
     * @return the rows, shape (B, dim), attached to the manager of {@code ids}
     */
    NDArray rows(Parameter table, NDArray ids);
}
