package io.github.ncf.core.train;

import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.data.Seeds;
import io.github.ncf.core.model.NeuMF;

/** A test fixture: short factories for the production GMF, MLP and NeuMF blocks. */
final class Blocks {

    private Blocks() {
    }

    static NcfBlock gmf(int users, int items, int dim) {
        return gmf(users, items, dim, Seeds.DEFAULT);
    }

    static NcfBlock gmf(int users, int items, int dim, long seed) {
        return GMF.builder().numUsers(users).numItems(items).embeddingDim(dim).seed(seed).build();
    }

    static NcfBlock mlp(int users, int items, int dim, float dropout, int... layers) {
        return mlp(Seeds.DEFAULT, users, items, dim, dropout, layers);
    }

    static NcfBlock mlp(long seed, int users, int items, int dim, float dropout, int... layers) {
        return MLP.builder().numUsers(users).numItems(items).embeddingDim(dim).layers(layers)
                .dropout(dropout).seed(seed).build();
    }

    static NcfBlock neuMf(int users, int items, int gmfDim, int mlpDim, float dropout, int... layers) {
        return neuMf(Seeds.DEFAULT, users, items, gmfDim, mlpDim, dropout, layers);
    }

    static NcfBlock neuMf(long seed, int users, int items, int gmfDim, int mlpDim, float dropout,
            int... layers) {
        return NeuMF.builder().numUsers(users).numItems(items).gmfDim(gmfDim).mlpDim(mlpDim)
                .mlpLayers(layers).dropout(dropout).seed(seed).build();
    }
}
