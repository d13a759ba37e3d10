package io.github.ncf.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.model.NcfBlock;

/**
 * Scores with an {@link NcfBlock} in inference mode (dropout off), each call in its own
 * {@link NDManager} scope; how the trainer hands a plain DJL model to listeners.
 */
final class BlockScorer implements Scorer {

    private final NcfBlock block;
    private final NDManager manager;

    BlockScorer(NcfBlock block, NDManager manager) {
        this.block = block;
        this.manager = manager;
    }

    @Override
    public int numUsers() {
        return block.numUsers();
    }

    @Override
    public int numItems() {
        return block.numItems();
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        if (items.length != users.length) {
            throw new IllegalArgumentException("users and items must have one length, got "
                    + users.length + " and " + items.length);
        }
        if (out.length < users.length) {
            throw new IllegalArgumentException("out must hold " + users.length + " scores, got "
                    + out.length);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray u = scope.create(users);
            NDArray i = scope.create(items);
            NDArray logits = block.forward(new ParameterStore(scope, false), new NDList(u, i), false)
                    .singletonOrThrow();
            float[] s = logits.toFloatArray();
            System.arraycopy(s, 0, out, 0, users.length);
        }
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        int n = numItems();
        if (out.length < (long) users.length * n) {
            throw new IllegalArgumentException("out must hold " + (long) users.length * n
                    + " scores, got " + out.length);
        }
        int[] u = new int[users.length * n];
        int[] it = new int[users.length * n];
        for (int b = 0; b < users.length; b++) {
            for (int i = 0; i < n; i++) {
                u[b * n + i] = users[b];
                it[b * n + i] = i;
            }
        }
        score(u, it, out);
    }
}
