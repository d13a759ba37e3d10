package io.github.ncf.core.train;

import io.github.ncf.core.train.internal.EpochSource;
import io.github.ncf.data.sampling.EpochSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A test fixture: a small learnable implicit-feedback problem (user u likes item i when
 * {@code (u + i) % 3 == 0}) as an {@link EpochSource} that draws fresh, seeded negatives per epoch.
 */
final class TinyData implements EpochSource {

    final int numUsers;
    final int numItems;
    private final int negatives;
    final int batchPositives;
    private final int[] posUsers;
    private final int[] posItems;

    TinyData(int numUsers, int numItems, int negatives, int batchPositives) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.negatives = negatives;
        this.batchPositives = batchPositives;
        List<int[]> pos = new ArrayList<>();
        for (int u = 0; u < numUsers; u++) {
            for (int i = 0; i < numItems; i++) {
                if (likes(u, i)) {
                    pos.add(new int[] {u, i});
                }
            }
        }
        posUsers = pos.stream().mapToInt(p -> p[0]).toArray();
        posItems = pos.stream().mapToInt(p -> p[1]).toArray();
    }

    static boolean likes(int u, int i) {
        return (u + i) % 3 == 0;
    }

    @Override
    public EpochSamples sample(int epoch) {
        Random rnd = new Random(1000L + epoch);
        int r = 1 + negatives;
        int n = posUsers.length * r;
        int[] u = new int[n];
        int[] it = new int[n];
        float[] y = new float[n];
        for (int p = 0; p < posUsers.length; p++) {
            int base = p * r;
            u[base] = posUsers[p];
            it[base] = posItems[p];
            y[base] = 1f;
            for (int k = 1; k < r; k++) {
                int cand;
                do {
                    cand = rnd.nextInt(numItems);
                } while (likes(posUsers[p], cand));
                u[base + k] = posUsers[p];
                it[base + k] = cand;
            }
        }
        return EpochSamples.of(u, it, y, r);
    }

}
